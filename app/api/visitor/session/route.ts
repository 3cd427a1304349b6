import { clientAddress } from "../../../../lib/net/client-address";
import { visitorSessionRequestSchema } from "../../../../lib/widget-protocol/visitor-session";
import { apiRoute } from "../../../_server/api-route";
import { env } from "../../../_server/env";
import { provisionVisitor } from "../../../_server/provision-visitor";
import { PEER_ADDRESS_HEADER } from "../../../_server/request-hooks";

// Called only by our own chat iframe ("chat-frame": the browser's Origin header must be ours).
export const POST = apiRoute({ access: "chat-frame", body: visitorSessionRequestSchema, status: 201 }, ({ request, body }) => {
  const ip = clientAddress({
    trustedProxy: env().TRUSTED_PROXY,
    forwardedFor: request.headers.get("x-forwarded-for"),
    peer: request.headers.get(PEER_ADDRESS_HEADER),
  });
  return provisionVisitor(body, ip);
});
