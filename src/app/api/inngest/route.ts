import { serve } from "inngest/next";
import { inngest } from "@/server/inngest/client";
import { functions } from "@/server/inngest/functions";

/** The Inngest endpoint: the Inngest server registers (PUT) and runs (POST) the functions here. */
export const dynamic = "force-dynamic";
export const { GET, POST, PUT } = serve({ client: inngest, functions });
