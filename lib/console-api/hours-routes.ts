import { z } from "zod";
import { teamHoursSchema } from "../hours/team-hours";
import { apiContract } from "./api-contract";

/** A team's business hours as the operator API answers them (null: always open). */
export const teamHoursRecordSchema = z.object({ teamId: z.string(), hours: teamHoursSchema.nullable() });

/** `PUT /api/operator/teams/hours`: set a team's business hours, or null for always open; answers them. */
export const setTeamHoursRoute = apiContract({
  method: "PUT",
  path: "/api/operator/teams/hours",
  body: z.object({ teamId: z.string().regex(/^[a-z0-9-]{1,64}$/, "teamId must be a team's id"), hours: teamHoursSchema.nullable() }).strict(),
  response: teamHoursRecordSchema,
});
