// zod/mini: the roster and event schemas that use this run in the widget frame, whose bundle has a size budget.
import * as z from "zod/mini";

// The Matrix spec's grammar (appendices, "User Identifiers" and "Server Name"):
// `@localpart:server_name`, at most 255 bytes in all. Clients must accept the
// historical localparts (any printable ASCII but ":"); servers create only the
// current grammar (lowercase letters, digits and `._=-/+`).
const HISTORICAL_LOCALPART = "[\\x21-\\x39\\x3B-\\x7E]+";
const CURRENT_LOCALPART = "[a-z0-9._=\\-/+]+";
// A DNS name or IPv4 address, or an IPv6 literal in brackets; then an optional port.
const SERVER_NAME = "(?:[A-Za-z0-9.\\-]{1,255}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?";
const MAX_LENGTH = 255;

const historical = new RegExp(`^@${HISTORICAL_LOCALPART}:${SERVER_NAME}$`);
const current = new RegExp(`^@${CURRENT_LOCALPART}:${SERVER_NAME}$`);

/** Whether `value` is a Matrix user id (historical localparts included, as clients must accept them). */
export function isMatrixUserId(value: string): boolean {
  return value.length <= MAX_LENGTH && historical.test(value);
}

/**
 * Whether `value` is a Matrix user id in the current grammar, the only one
 * servers create today. Stricter than {@link isMatrixUserId}: use it where a
 * lookalike would be dangerous (a CSV cell starting with "@" that a spreadsheet
 * could run as a formula).
 */
export function isCurrentMatrixUserId(value: string): boolean {
  return value.length <= MAX_LENGTH && current.test(value);
}

/** The message every schema gives for a value that is not a Matrix user id. */
export const MATRIX_USER_ID_MESSAGE = "must be a Matrix user id such as @alice:example.org";

/** A Matrix user id (see {@link isMatrixUserId}); zod/mini, so it also fits the full zod's objects. */
export const matrixUserIdSchema = z.string().check(z.refine(isMatrixUserId, MATRIX_USER_ID_MESSAGE));
