export * from "./message.machine";
export * from "./message.schemas";
export * from "./message.service";
