export * from "./latency-buckets";
export * from "./monitoring.schemas";
export { isGone, listProcesses, monitoringOverview, requestFigures, type TasksSummary } from "./monitoring.service";
export { HEARTBEAT_PRUNE_AFTER_MS, createProcessSampler, processIdentity, pruneHeartbeats, writeHeartbeat } from "./process-heartbeat";
export { DEFAULT_HEARTBEAT_MS, DEFAULT_REQUEST_STATS_FLUSH_MS, startProcessMonitoring, type ProcessMonitoring } from "./process-monitoring";
export { REQUEST_STATS_RETENTION_MS, RequestStatsRecorder, requestStats } from "./request-stats";
