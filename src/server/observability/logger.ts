import pino, { type DestinationStream, type LoggerOptions } from "pino";
import { REDACTED, isErrorLike, safeMessage, scrub } from "./log-scrub";
import { createLogStore, logStoreUrl, type LogStore } from "./log-store";
import { currentRequestContext } from "./request-context";

/** Keys redacted by pino itself at the top level and one level down (log-scrub goes deeper). */
const REDACTED_KEYS = ["password", "passwordHash", "hash", "secret", "token", "sessionToken", "apiKey", "authorization", "cookie", "cardNumber", "card", "cvc", "cvv", "parameters", "params"];

/**
 * Structured JSON logs. Every line carries the request id and user id of the request it is
 * logged under (from AsyncLocalStorage). Nothing secret gets through, whatever a call site
 * passes: secret-bearing keys are redacted at any depth and errors are reduced to type, safe
 * message, code and stack — never a query's parameters (see log-scrub.ts).
 */
export const LOGGER_OPTIONS: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "shopflow" },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin() {
    const context = currentRequestContext();
    return context ? { requestId: context.requestId, userId: context.userId } : {};
  },
  redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: REDACTED },
  serializers: { err: (value: unknown) => scrub(value), error: (value: unknown) => scrub(value) },
  formatters: {
    log: (object) => scrub(object) as Record<string, unknown>,
    bindings: (bindings) => scrub(bindings) as Record<string, unknown>,
  },
  hooks: {
    // pino takes an error's own message as the line's message when none is given: give the safe one.
    logMethod(args, method) {
      const [first, second] = args as unknown[];
      if (typeof second !== "string" && isErrorLike(first)) return method.call(this, { err: first }, safeMessage(first));
      const err = (first as { err?: unknown } | null)?.err;
      if (typeof second !== "string" && typeof first === "object" && isErrorLike(err)) return method.call(this, first as object, safeMessage(err));
      return method.apply(this, args as Parameters<typeof method>);
    },
  },
};

/**
 * stdout, written in chunks: lines gather up to 4 KB and go out at least every 250 ms, instead
 * of one write (a trip through libuv's thread pool) per line — a busy gateway logs thousands of
 * access lines a second, and one write each was about a tenth of its CPU under the page load.
 * pino writes what is left when the process exits; a process killed outright (SIGKILL) may lose
 * its last quarter of a second of lines.
 */
export function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, minLength: 4096, periodicFlush: 250 });
}

/** A logger with the app's options writing to `destination` (stdout when omitted). */
export function createLogger(overrides: Pick<LoggerOptions, "level"> = {}, destination?: DestinationStream) {
  const options = { ...LOGGER_OPTIONS, ...overrides };
  return pino(options, destination ?? stdoutDestination());
}

/**
 * `destination` (stdout when omitted) and the log store side by side: pino serialises (and
 * scrubs) each line once and hands the same text to both, so the store holds exactly what
 * stdout shows. Each gets the lines at or above its own level (the logger's level must be the
 * lower of the two).
 */
export function withLogStore(store: LogStore, destination: DestinationStream = stdoutDestination(), levels: { stdout?: Level; store?: Level } = {}): DestinationStream {
  return pino.multistream([
    { level: levels.stdout ?? "trace", stream: destination },
    { level: levels.store ?? "trace", stream: store },
  ]);
}

const LEVEL_NAMES = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
type Level = (typeof LEVEL_NAMES)[number];
const asLevel = (value: string | undefined): Level | "silent" | undefined => (value === "silent" || LEVEL_NAMES.includes(value as Level) ? (value as Level) : undefined);

let processStore: LogStore | undefined;

/**
 * stdout at LOG_LEVEL, the store (when logStoreUrl() names one) at LOG_STORE_LEVEL — by default
 * the same — so an operator can keep stdout quiet and still search info lines in Admin → Logs.
 */
function processLogging(): { level?: string; destination?: DestinationStream } {
  const url = logStoreUrl();
  const stdoutLevel = asLevel(String(LOGGER_OPTIONS.level)) ?? "info";
  const storeLevel = asLevel(process.env.LOG_STORE_LEVEL) ?? stdoutLevel;
  if (!url || storeLevel === "silent") return {};
  processStore = createLogStore({ url, role: process.env.SHOPFLOW_ROLE });
  if (stdoutLevel === "silent") return { level: storeLevel, destination: withLogStore(processStore, { write: () => undefined }, { store: storeLevel }) };
  const lower = LEVEL_NAMES.indexOf(stdoutLevel) <= LEVEL_NAMES.indexOf(storeLevel) ? stdoutLevel : storeLevel;
  return { level: lower, destination: withLogStore(processStore, stdoutDestination(), { stdout: stdoutLevel, store: storeLevel }) };
}

const processSetup = processLogging();

/** The process's logger: stdout, plus the log store when logStoreUrl() names one (log-store.ts). */
export const logger = createLogger(processSetup.level ? { level: processSetup.level } : {}, processSetup.destination);

/** The process's log store counts (written, dropped…), or null when it has none. */
export function processLogStoreStats() {
  return processStore?.stats() ?? null;
}

/** Sends the lines still queued for the store and closes its connection (at process stop). */
export async function closeProcessLogStore(): Promise<void> {
  await processStore?.close();
}

export type Logger = typeof logger;
