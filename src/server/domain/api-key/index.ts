export * from "./api-key.schemas";
export { createApiKey, listApiKeys, revokeApiKey, scopeAllowedFor, statusOf } from "./api-key.service";
export {
  API_KEY_CACHE_TTL_MS,
  LAST_USED_RESOLUTION_MS,
  authenticateApiKey,
  forgetCachedApiKeys,
  type ApiKeyIdentity,
  type ApiKeySessionUser,
} from "./api-key.auth";
export { hashSecret, prefixOf } from "./api-key.secret";
