export * from "./settings.service";
export * from "./settings.schemas";
