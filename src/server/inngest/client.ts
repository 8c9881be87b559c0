import { Inngest } from "inngest";

/** The app's Inngest client; functions live one per file in ./functions. */
export const inngest = new Inngest({ id: "shopflow" });
