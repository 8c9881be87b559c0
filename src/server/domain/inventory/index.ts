export * from "./inventory.service";
