export * from "./favourite.schemas";
export * from "./favourite.service";
