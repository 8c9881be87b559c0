export * from "./cart.service";
export * from "./cart.schemas";
