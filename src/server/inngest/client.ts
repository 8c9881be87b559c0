import { Inngest } from "inngest";
import { TaskRunMiddleware } from "./task-run-middleware";

/**
 * The shop's Inngest client. Dev mode (a local Inngest Dev Server, no signing key) when
 * INNGEST_DEV is set; cloud/self-hosted otherwise (INNGEST_BASE_URL / signing key). Whether
 * Inngest drives the background work at all is decided by `schedulerMode()`.
 */
export const inngest = new Inngest({
  id: "shopflow",
  isDev: Boolean(process.env.INNGEST_DEV) || undefined,
  middleware: [TaskRunMiddleware],
});
