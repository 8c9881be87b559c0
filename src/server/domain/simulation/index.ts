export * from "./simulation.settings";
export * from "./clock";
export * from "./random";
export * from "./simulation.schemas";
export * from "./outcome-plan";
export * from "./simulation-run.service";
export * from "./simulation-data";
