export * from "./user.service";
export * from "./user.schemas";
export { hashPassword, verifyPassword } from "./password";
