// zod/mini: this module runs in the widget frame, whose bundle has a size budget (the full zod is ~80 KB gzip).
import * as z from "zod/mini";
import { matrixUserIdSchema } from "../matrix/user-id";

/** The roster's event-like type tag: a signature over another kind of object never passes for a roster. */
export const ROSTER_TYPE = "org.sealdesk.roster";

const ORG_KEY = /^ed25519:[A-Za-z0-9+/]{43}$/;
const MASTER_KEY = /^[A-Za-z0-9+/]{43}$/;

/** An organisation key as written in the embed snippet: `ed25519:` + the 32-byte public key in unpadded base64. */
export const orgKeySchema = z.string().check(z.regex(ORG_KEY, "an organisation key looks like ed25519:<43 base64 characters>"));

/**
 * One agent the organisation vouches for: Matrix user id and cross-signing
 * master key (unpadded base64), and `supervises`, the id of the team whose
 * open conversations this agent reads as a declared reader (a supervisor).
 * Optional, and absent from rosters signed before roles were signed: such a
 * roster keeps verifying, and makes nobody a supervisor.
 */
export const rosterAgentSchema = z.strictObject({
  user_id: matrixUserIdSchema,
  master_key: z.string().check(z.regex(MASTER_KEY)),
  supervises: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

/** The roster's content, before it is signed. */
export const unsignedRosterSchema = z.strictObject({
  type: z.literal(ROSTER_TYPE),
  version: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
  issued_at: z.int().check(z.minimum(0)),
  org_key: orgKeySchema,
  agents: z.array(rosterAgentSchema).check(z.maxLength(10_000)),
});

/** A signed roster: `signatures` maps the organisation key to an Ed25519 signature (unpadded base64) of the canonical JSON of the rest. */
export const signedRosterSchema = z.extend(unsignedRosterSchema, { signatures: z.record(z.string(), z.string().check(z.maxLength(200))) });

/** One agent on the roster. */
export type RosterAgent = z.infer<typeof rosterAgentSchema>;
/** A roster's content before signing. */
export type UnsignedRoster = z.infer<typeof unsignedRosterSchema>;
/** A roster with its signature(s); see {@link verifyRoster}. */
export type SignedRoster = z.infer<typeof signedRosterSchema>;
