import { z } from "zod";

/** One saved change of a settings namespace: the values before and after, and who changed them. */
export const ZSettingsChange = z.object({
  id: z.number().int(),
  createdAt: z.date(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  changedBy: z.string().nullable(),
});
