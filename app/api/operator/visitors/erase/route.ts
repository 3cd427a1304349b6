import { z } from "zod";
import { matrixUserIdSchema } from "../../../../../lib/matrix/user-id";
import { apiRoute } from "../../../../_server/api-route";
import { eraseVisitorNow } from "../../../../_server/erasure";

const bodySchema = z.strictObject({ user_id: matrixUserIdSchema });

/** Operators: erase a visitor now (GDPR): their rooms purged from Synapse, their account deactivated and erased, our rows dropped (counts kept); audited. */
export const POST = apiRoute({ access: "operator", body: bodySchema }, ({ caller, body }) => eraseVisitorNow(body.user_id, caller.userId));
