/**
 * Next.js calls `register` once per server process at start. The web role (plain `next start`
 * / `next dev`) starts no background work: the scheduled sweeps and the outbox relay moved to
 * the worker role (src/worker/main.ts → startWorker in src/worker/worker.ts), where exactly
 * one worker process runs them at a time under the scheduler leadership lock.
 */
export async function register() {}
