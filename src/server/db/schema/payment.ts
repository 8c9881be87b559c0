// Tables of the payment module live here (owned and written only by that module).
export {};
