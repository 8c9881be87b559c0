export * from "./simulation.settings";
export * from "./clock";
export * from "./random";
