import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext, trpcResponseMeta } from "@/server/api/trpc";
import { getSessionFromHeaders } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { clientAddressFromHeaders } from "@/server/http/client-address";
import { requestIdFrom, runWithRequestContext, setRequestUser } from "@/server/observability/request-context";

function handler(req: Request) {
  const requestId = requestIdFrom(req.headers);
  return runWithRequestContext({ requestId }, async () => {
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: async () => {
        const session = await getSessionFromHeaders(req.headers);
        setRequestUser(session?.id);
        return createContext({ db: getDb(), session, requestId, clientIp: clientAddressFromHeaders(req.headers) });
      },
      responseMeta: trpcResponseMeta,
    });
    response.headers.set("x-request-id", requestId);
    return response;
  });
}

export { handler as GET, handler as POST };
