/**
 * Simulated time. Durations in the simulated world (a 30-minute payment window, a 7-day
 * receipt window, a 9-hour line-haul) shrink by the time scale in real time.
 */
export function realDurationMs(simulatedMs: number, timeScale: number): number {
  return Math.max(0, Math.round(simulatedMs / Math.max(1, timeScale)));
}

/** The real instant at which `simulatedMs` of simulated time has passed since `from`. */
export function realDeadline(from: Date, simulatedMs: number, timeScale: number): Date {
  return new Date(from.getTime() + realDurationMs(simulatedMs, timeScale));
}
