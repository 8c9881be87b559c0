export * from "./user.service";
export * from "./user.schemas";
export * from "./user-admin.service";
export * from "./password.service";
export { hashPassword, verifyPassword } from "./password";
