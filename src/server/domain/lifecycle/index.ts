/** The lifecycle module's public surface: timings (settings) of the automatic order steps. */
export * from "./lifecycle.settings";
export * from "./task-runs.service";
export * from "./lifecycle.schemas";
export * from "./sweep-cursor.service";
