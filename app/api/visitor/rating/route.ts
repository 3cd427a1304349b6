import { ratingBodySchema } from "../../../../lib/rating/rating-request";
import { apiRoute } from "../../../_server/api-route";
import { rateConversation } from "../../../_server/conversation-rating";

// The chat frame, with the visitor's Matrix token: the score (1-5) of their own closed conversation, once. Never a comment.
export const POST = apiRoute({ access: "visitor", body: ratingBodySchema, status: 201 }, ({ caller, body }) => rateConversation(caller.accessToken, body));
