import pino, { type DestinationStream, type LoggerOptions } from "pino";
import { currentRequestContext } from "./request-context";

/**
 * Structured JSON logs. Every line carries the request id and user id of the request it is
 * logged under (from AsyncLocalStorage), and known secret-bearing fields are redacted.
 */
export const LOGGER_OPTIONS: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "shopflow" },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin() {
    const context = currentRequestContext();
    return context ? { requestId: context.requestId, userId: context.userId } : {};
  },
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "secret",
      "*.secret",
      "token",
      "*.token",
      "headers.cookie",
      "headers.authorization",
      "*.headers.cookie",
      "*.headers.authorization",
      "cardNumber",
      "*.cardNumber",
    ],
    censor: "[redacted]",
  },
};

/** A logger with the app's options writing to `destination` (stdout when omitted). */
export function createLogger(overrides: Pick<LoggerOptions, "level"> = {}, destination?: DestinationStream) {
  const options = { ...LOGGER_OPTIONS, ...overrides };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();

export type Logger = typeof logger;
