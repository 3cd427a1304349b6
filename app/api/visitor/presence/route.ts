import { visitorPresenceBodySchema } from "../../../../lib/reply-email/contact-request";
import { apiRoute } from "../../../_server/api-route";
import { recordPresence } from "../../../_server/visitor-contact";

// The chat frame says it is open (every few seconds while visible) or closed: an open widget gets no reply email.
export const POST = apiRoute({ access: "visitor", body: visitorPresenceBodySchema }, ({ caller, body }) => recordPresence(caller.accessToken, body.open));
