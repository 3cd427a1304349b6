import { z } from "zod";

/** The roster's event-like type tag: a signature over another kind of object never passes for a roster. */
export const ROSTER_TYPE = "org.sealdesk.roster";

const ORG_KEY = /^ed25519:[A-Za-z0-9+/]{43}$/;
const USER_ID = /^@[^:\s]+:\S+$/;
const MASTER_KEY = /^[A-Za-z0-9+/]{43}$/;

/** An organisation key as written in the embed snippet: `ed25519:` + the 32-byte public key in unpadded base64. */
export const orgKeySchema = z.string().regex(ORG_KEY, "an organisation key looks like ed25519:<43 base64 characters>");

/** One agent the organisation vouches for: Matrix user id and cross-signing master key (unpadded base64). */
export const rosterAgentSchema = z.object({ user_id: z.string().regex(USER_ID).max(255), master_key: z.string().regex(MASTER_KEY) }).strict();

/** The roster's content, before it is signed. */
export const unsignedRosterSchema = z
  .object({
    type: z.literal(ROSTER_TYPE),
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issued_at: z.number().int().min(0),
    org_key: orgKeySchema,
    agents: z.array(rosterAgentSchema).max(10_000),
  })
  .strict();

/** A signed roster: `signatures` maps the organisation key to an Ed25519 signature (unpadded base64) of the canonical JSON of the rest. */
export const signedRosterSchema = unsignedRosterSchema.extend({ signatures: z.record(z.string(), z.string().max(200)) }).strict();

/** One agent on the roster. */
export type RosterAgent = z.infer<typeof rosterAgentSchema>;
/** A roster's content before signing. */
export type UnsignedRoster = z.infer<typeof unsignedRosterSchema>;
/** A roster with its signature(s); see {@link verifyRoster}. */
export type SignedRoster = z.infer<typeof signedRosterSchema>;
