import { ackErasedRoomsRoute, erasedRoomsRoute } from "../../../../lib/console-api/retention-routes";
import { apiRoute } from "../../../_server/api-route";
import { acknowledgeMyErasedRooms, myErasedRooms } from "../../../_server/erased-rooms";

/** Erased rooms whose keys the signed-in agent's consoles must delete (crypto-shredding). */
export const GET = apiRoute({ access: "agent", answer: erasedRoomsRoute.response }, ({ caller }) => myErasedRooms(caller.userId));

/** The console deleted these rooms' keys from the key backup and its store: drop the agent's rows for them. */
export const POST = apiRoute({ access: "agent", body: ackErasedRoomsRoute.body, answer: ackErasedRoomsRoute.response }, ({ caller, body }) =>
  acknowledgeMyErasedRooms(caller.userId, body.roomIds),
);
