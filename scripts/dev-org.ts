// Dev only (`npm run dev`): an organisation key made by the dev script, so that the
// demo page's snippet carries `data-org-key` from the first run. In production the key
// is made in an operator's browser and the private part lives in their secret storage;
// here it is kept in the git-ignored data dir, and the demo agent is signed into the
// roster once they have a cross-signing identity (after their first console sign-in).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../drizzle/connect";
import * as schema from "../drizzle/schema";
import { exportOrgPrivateKey, generateOrgKey, importOrgPrivateKey, orgKeyId, signRoster } from "../lib/roster/sign-roster";
import { verifyRoster } from "../lib/roster/verify-roster";

/** The dev organisation key: its fingerprint and private key. */
export type DevOrg = { orgKey: string; privateKey: CryptoKey };

/** Loads `.data/dev/org-key.json`, or makes the key pair and writes it there (mode 600) on the first run. */
export async function devOrgKey(dataDir: string): Promise<DevOrg> {
  const file = path.join(dataDir, "org-key.json");
  const kept = await readFile(file, "utf8").then(
    (t) => JSON.parse(t) as { pkcs8: string },
    () => null,
  );
  if (kept) return importOrgPrivateKey(kept.pkcs8);
  const pair = await generateOrgKey();
  await writeFile(file, JSON.stringify({ pkcs8: await exportOrgPrivateKey(pair.privateKey) }, null, 2), { mode: 0o600 });
  return { orgKey: await orgKeyId(pair.publicKey), privateKey: pair.privateKey };
}

/**
 * Registers the dev key (unless an install already has another one: then it is
 * left alone and false returned), then signs the demo agent into the roster with
 * the master key Synapse shows, checking every few seconds until they have one.
 * Returns a function that stops the checks.
 */
export async function keepDevRoster(opts: {
  org: DevOrg;
  databaseUrl: string;
  synapseUrl: string;
  token: string;
  agentUserId: string;
}): Promise<{ registered: boolean; stop: () => void }> {
  const sql = connectPostgres(opts.databaseUrl, 1);
  const db = drizzle(sql, { schema });
  await db.insert(schema.orgTrust).values({ id: "org", orgKey: opts.org.orgKey, updatedBy: "npm run dev" }).onConflictDoNothing();
  const [row] = await db.select().from(schema.orgTrust).where(eq(schema.orgTrust.id, "org"));
  if (row?.orgKey !== opts.org.orgKey) {
    await sql.end();
    return { registered: false, stop: () => {} };
  }
  let signed = false;
  const check = async (): Promise<void> => {
    if (signed) return;
    const master = await masterKey(opts.synapseUrl, opts.token, opts.agentUserId);
    if (!master) return;
    const [current] = await db.select().from(schema.orgTrust).where(eq(schema.orgTrust.id, "org"));
    const verified = current?.roster ? await verifyRoster(current.roster, opts.org.orgKey) : null;
    const agents = verified?.ok ? verified.roster.agents : [];
    // Signed once per run: an identity that changes while it runs is for the trust page to review.
    if (agents.some((a) => a.user_id === opts.agentUserId && a.master_key === master)) return void (signed = true);
    const version = (current?.rosterVersion ?? 0) + 1;
    const roster = await signRoster(
      {
        version,
        issuedAt: Date.now(),
        orgKey: opts.org.orgKey,
        agents: [...agents.filter((a) => a.user_id !== opts.agentUserId), { user_id: opts.agentUserId, master_key: master }],
      },
      opts.org.privateKey,
    );
    await db
      .update(schema.orgTrust)
      .set({ roster, rosterVersion: version, updatedBy: "npm run dev", updatedAt: new Date() })
      .where(eq(schema.orgTrust.id, "org"));
    signed = true;
    console.log(`[dev] Roster version ${version} signed with the demo agent's identity (dev organisation key in .data/dev/org-key.json).`);
  };
  const timer = setInterval(() => void check().catch(() => {}), 3_000);
  void check().catch(() => {});
  return {
    registered: true,
    stop: () => {
      clearInterval(timer);
      void sql.end();
    },
  };
}

async function masterKey(synapseUrl: string, token: string, userId: string): Promise<string | null> {
  const res = await fetch(`${synapseUrl}/_matrix/client/v3/keys/query`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ device_keys: { [userId]: [] } }),
  });
  if (!res.ok) return null;
  const keys = ((await res.json()) as { master_keys?: Record<string, { keys: Record<string, string> }> }).master_keys?.[userId]?.keys;
  return keys ? (Object.values(keys)[0] ?? null) : null;
}
