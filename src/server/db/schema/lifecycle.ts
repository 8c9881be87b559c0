// Tables of the lifecycle module live here (owned and written only by that module).
export {};
