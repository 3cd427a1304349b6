import { customerSessionRequestSchema } from "../../../../lib/widget-protocol/customer-session";
import { apiRoute } from "../../../_server/api-route";
import { provisionCustomer } from "../../../_server/known-customer";

// Called only by our own chat iframe, with the token the host page passed it. No proof of work:
// the site's signature is the admission, and a token that fails is refused before any write.
export const POST = apiRoute({ access: "chat-frame", body: customerSessionRequestSchema, status: 201 }, ({ body }) => provisionCustomer(body));
