export * from "./message.machine";
export * from "./message.schemas";
export * from "./message.service";
export * from "./message-picture";
export { readMessagePicture } from "./message-picture.service";
