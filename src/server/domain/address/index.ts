export * from "./address.service";
export * from "./address.schemas";
