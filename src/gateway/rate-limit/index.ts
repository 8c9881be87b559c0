export { apiRateLimitPlugin, rateLimitKey, type ApiRateLimitOptions } from "./plugin";
export { rateLimitedBody, rateLimitedContentType } from "./rate-limited-body";
// The counters live in src/server/rate-limit: sign-in and tracking limits (server modules) count there too.
export { closeSharedCounters, createSharedCounters, sharedCounters, SharedCounters } from "@/server/rate-limit";
