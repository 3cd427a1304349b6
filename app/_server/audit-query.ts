import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { alertKinds } from "../../lib/audit/types";
import type { AuditFilters } from "./audit-service";
import { AuditUnavailableError } from "./audit-synapse";
import { invalidInput } from "./read-json";

const filters = z.object({
  alert: z.enum(alertKinds).optional(),
  site: z.string().min(1).max(200).optional(),
  since: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => new Date(s)).optional(),
  format: z.enum(["json", "csv"]).optional(),
});

/** Parses the audit filters from a query string (empty values ignored), or the 400 response. */
export function parseAuditQuery(params: URLSearchParams): { ok: true; filters: AuditFilters; format: "json" | "csv" } | { ok: false; response: NextResponse } {
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ""));
  const parsed = filters.strict().safeParse(raw);
  if (!parsed.success) return { ok: false, response: invalidInput(parsed.error) };
  const { format = "json", ...f } = parsed.data;
  return { ok: true, filters: f, format };
}

/** 503 with the reason when Synapse could not be asked; rethrows anything else. */
export function auditFailure(err: unknown): NextResponse {
  if (err instanceof AuditUnavailableError) return NextResponse.json({ error: err.message }, { status: 503 });
  throw err;
}

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
