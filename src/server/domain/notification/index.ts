export * from "./notification.kinds";
export * from "./notification.schemas";
export * from "./notification.service";
export { notificationFor, NOTIFIED_EVENTS } from "./notification-mapping";
