import "server-only";
import { asc, eq } from "drizzle-orm";
import type { PublicSiteConfig, SiteRecord } from "../../lib/sites/site-settings";
import { db, schema } from "./db";
import { Refusal } from "./refusal";

const columns = {
  id: schema.sites.id,
  name: schema.sites.name,
  allowedOrigins: schema.sites.allowedOrigins,
  colour: schema.sites.colour,
  greeting: schema.sites.greeting,
  language: schema.sites.language,
  visitorsPerHour: schema.sites.visitorsPerHour,
  teamId: schema.sites.teamId,
  prechat: schema.sites.prechat,
  showStatus: schema.sites.showStatus,
};

/** Every site, for the operator page and `GET /api/operator/sites`. */
export async function listSites(): Promise<SiteRecord[]> {
  return db().select(columns).from(schema.sites).orderBy(asc(schema.sites.id));
}

/** The teams a site can route to (for the operator form). */
export async function listTeams(): Promise<{ id: string; name: string }[]> {
  return db().select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).orderBy(asc(schema.teams.name));
}

async function checkTeam(teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const [team] = await db().select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.id, teamId));
  if (!team) throw new Refusal(400, `Unknown team "${teamId}"`);
}

/** Registers a new site; its id must be free. */
export async function createSite(site: SiteRecord): Promise<SiteRecord> {
  await checkTeam(site.teamId);
  const [row] = await db().insert(schema.sites).values(site).onConflictDoNothing().returning(columns);
  if (!row) throw new Refusal(409, `A site with id "${site.id}" already exists`);
  return row;
}

/** Changes some settings of an existing site. */
export async function updateSite(change: Partial<SiteRecord> & { id: string }): Promise<SiteRecord> {
  const { id, ...set } = change;
  await checkTeam(set.teamId);
  if (Object.keys(set).length === 0) throw new Refusal(400, "Nothing to change: send at least one setting besides id");
  const [row] = await db().update(schema.sites).set(set).where(eq(schema.sites.id, id)).returning(columns);
  if (!row) throw new Refusal(404, `Unknown site "${id}"`);
  return row;
}

/** A site's frame settings and allowed origins, or null if there is no such site. */
export async function siteForFrame(
  siteId: string,
): Promise<(PublicSiteConfig & { id: string; allowedOrigins: string[]; teamId: string | null; showStatus: boolean }) | null> {
  const [site] = await db()
    .select({
      id: schema.sites.id,
      name: schema.sites.name,
      colour: schema.sites.colour,
      greeting: schema.sites.greeting,
      language: schema.sites.language,
      prechat: schema.sites.prechat,
      allowedOrigins: schema.sites.allowedOrigins,
      teamId: schema.sites.teamId,
      showStatus: schema.sites.showStatus,
    })
    .from(schema.sites)
    .where(eq(schema.sites.id, siteId));
  return site ?? null;
}
