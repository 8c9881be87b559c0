import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext, toTRPCError, trpcResponseMeta } from "@/server/api/trpc";
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
        try {
          const session = await getSessionFromHeaders(req.headers);
          setRequestUser(session?.id);
          return createContext({ db: getDb(), session, requestId, clientIp: clientAddressFromHeaders(req.headers) });
        } catch (error) {
          throw toTRPCError(error, "createContext");
        }
      },
      responseMeta: trpcResponseMeta,
    });
    response.headers.set("x-request-id", requestId);
    return response;
  });
}

export { handler as GET, handler as POST };
