import { apiRoute } from "../../../../_server/api-route";
import { roomIdParam } from "../../../../_server/audit-query";
import { auditConversation } from "../../../../_server/audit-service";
import { Refusal } from "../../../../_server/refusal";

/** The full audit of one conversation: members over time, devices, readers per period, alerts. */
export const GET = apiRoute({ access: "operator" }, async ({ params }) => {
  const roomId = roomIdParam(params.roomId ?? "");
  if (!roomId) throw new Refusal(400, "roomId: not a Matrix room id");
  const result = await auditConversation(roomId);
  if (!result) throw new Refusal(404, "No such conversation");
  return result;
});
