import { visitorEmailBodySchema } from "../../../../lib/reply-email/contact-request";
import { apiRoute } from "../../../_server/api-route";
import { deleteVisitorEmail, saveVisitorEmail, visitorEmailState } from "../../../_server/visitor-contact";

// The chat frame, with the visitor's Matrix token: whether reply emails are offered and the address on file.
export const GET = apiRoute({ access: "visitor" }, ({ caller }) => visitorEmailState(caller.accessToken));

// The visitor opts in to content-free reply emails (consent required by the schema).
export const POST = apiRoute({ access: "visitor", body: visitorEmailBodySchema }, ({ caller, body }) => saveVisitorEmail(caller.accessToken, body));

// "Stop emails": the address is forgotten.
export const DELETE = apiRoute({ access: "visitor" }, ({ caller }) => deleteVisitorEmail(caller.accessToken));
