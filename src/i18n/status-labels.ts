import "server-only";
import { getTranslations } from "./server";

/**
 * Labels for order status-log rows. The log stores plain text, so a status or actor added later
 * (or a row written by an older version) is shown as stored instead of failing.
 */
export async function getStatusLogLabels() {
  const [ts, ta] = await Promise.all([getTranslations("common.orderStatus"), getTranslations("common.actor")]);
  return {
    status: (value: string) => {
      const key = value as Parameters<typeof ts>[0];
      return ts.has(key) ? ts(key) : value;
    },
    actor: (value: string) => {
      const key = value as Parameters<typeof ta>[0];
      return ta.has(key) ? ta(key) : value;
    },
  };
}
