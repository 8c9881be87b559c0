/** Domain events: the transactional outbox, its relay and the consumers it feeds. */
export * from "./consumer";
export * from "./event-types";
export * from "./outbox";
export * from "./deliver";
export * from "./relay";
export { EVENT_CONSUMERS } from "./consumers";
