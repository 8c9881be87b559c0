// Tables of the logistics module live here (owned and written only by that module).
export {};
