// zod/mini: the chat iframe parses these answers; mini keeps its bundle small.
import * as z from "zod/mini";
import { visitorSessionResponseSchema } from "./visitor-session-response";

/** What the verified token said about the customer: sent only inside the encrypted room from here on. */
export const customerProfileSchema = z.object({ sub: z.string(), name: z.optional(z.string()), email: z.optional(z.string()) });
/** Parsed customer profile. */
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

/** Answer of `POST /api/visitor/customer`: the customer's one account, on a new device of this browser. */
export const customerSessionResponseSchema = z.extend(visitorSessionResponseSchema, {
  customer: customerProfileSchema,
  /** Only for a new device on an existing account: the password Synapse asks (UIA) to replace the identity. Never stored. */
  identityResetPassword: z.optional(z.string()),
});
/** Parsed customer session. */
export type CustomerSession = z.infer<typeof customerSessionResponseSchema>;
