import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * With TEST_POSTGRES_URL (an admin connection to a real PostgreSQL, as CI
 * provides), creates two fresh databases for one run: the app's and Synapse's.
 */
export async function createTestDatabases(adminUrl: string): Promise<{
  appUrl: string;
  synapse: { host: string; port: number; user: string; password: string; database: string };
  drop(): Promise<void>;
}> {
  const suffix = randomBytes(4).toString("hex");
  const appDb = `sealdesk_test_${suffix}`;
  const synapseDb = `synapse_test_${suffix}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${appDb}`);
  // Synapse requires C collation and UTF8.
  await admin.unsafe(`CREATE DATABASE ${synapseDb} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
  await admin.end();
  const u = new URL(adminUrl);
  const appUrl = new URL(adminUrl);
  appUrl.pathname = `/${appDb}`;
  return {
    appUrl: appUrl.toString(),
    synapse: {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: synapseDb,
    },
    async drop() {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${appDb} WITH (FORCE)`);
      await a.unsafe(`DROP DATABASE IF EXISTS ${synapseDb} WITH (FORCE)`);
      await a.end();
    },
  };
}
