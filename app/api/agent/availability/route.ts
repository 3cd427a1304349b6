import { z } from "zod";
import { apiRoute } from "../../../_server/api-route";
import { availabilityOf, setAvailability } from "../../../_server/availability";

const bodySchema = z
  .object({
    availability: z.enum(["available", "away", "offline"]).optional(),
    /** How many conversations the agent takes at once. */
    maxConcurrent: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .refine((b) => b.availability !== undefined || b.maxConcurrent !== undefined, "send availability or maxConcurrent");

/** The signed-in agent's own availability and capacity. */
export const GET = apiRoute({ access: "agent" }, ({ caller }) => availabilityOf(caller.userId));

/** Sets the signed-in agent's availability and/or capacity; the router only assigns to "available" agents under capacity. */
export const POST = apiRoute({ access: "agent", body: bodySchema }, ({ caller, body }) => setAvailability(caller.userId, body));
