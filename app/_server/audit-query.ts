import "server-only";
import { z } from "zod";
import { alertKinds } from "../../lib/audit/types";

/** The audit's filters and export format, from a query string (empty values ignored by the reader). */
export const auditQuerySchema = z
  .object({
    alert: z.enum(alertKinds).optional(),
    site: z.string().min(1).max(200).optional(),
    since: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })])
      .transform((s) => new Date(s))
      .optional(),
    format: z.enum(["json", "csv"]).optional(),
  })
  .strict();

/** The room id from a route segment (decoded once if the framework left it encoded), or null if it is not one. */
export function roomIdParam(raw: string): string | null {
  let id = raw;
  try {
    if (id.includes("%")) id = decodeURIComponent(id);
  } catch {
    return null;
  }
  return /^![^\s/]{1,255}$/.test(id) ? id : null;
}
