export * from "./logs.schemas";
export * from "./logs.service";
export * from "./logs.settings";
export * from "./logs.sweep";
