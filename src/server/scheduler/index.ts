export * from "./sweep";
export * from "./mode";
export { SWEEPS } from "./registry";
