import { NextResponse } from "next/server";
import type { z } from "zod";
import { newSiteSchema, siteUpdateSchema } from "../../../lib/sites/site-settings";
import { requireOperator } from "../../_server/operator-request";
import { invalidInput, readJson } from "../../_server/read-json";
import { createSite, listSites, SiteRefused, updateSite } from "../../_server/sites";

/** Every site with its settings (operators only). */
export async function GET(): Promise<NextResponse> {
  const who = await requireOperator();
  if (!who.ok) return who.response;
  return NextResponse.json({ sites: await listSites() });
}

/** Registers a site. */
export async function POST(request: Request): Promise<NextResponse> {
  return change(request, newSiteSchema, async (site) => NextResponse.json(await createSite(site), { status: 201 }));
}

/** Changes a site's settings: `{ id, ...settings }`. */
export async function PATCH(request: Request): Promise<NextResponse> {
  return change(request, siteUpdateSchema, async (update) => NextResponse.json(await updateSite(update)));
}

async function change<S extends z.ZodType>(request: Request, schema: S, apply: (body: z.infer<S>) => Promise<NextResponse>): Promise<NextResponse> {
  const who = await requireOperator();
  if (!who.ok) return who.response;
  const json = await readJson(request);
  if (!json.ok) return json.response;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return await apply(parsed.data);
  } catch (err) {
    if (err instanceof SiteRefused) return NextResponse.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
