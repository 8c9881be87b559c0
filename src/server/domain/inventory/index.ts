export * from "./inventory.service";
export * from "./inventory.schemas";
export { receiveStock, correctStock, getStockLevel, listMovements, listLowStock, type StockActor } from "./stock-admin.service";
