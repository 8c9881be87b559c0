export * from "./settings.service";
