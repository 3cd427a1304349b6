import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import webpush from "web-push";

/**
 * The dev/test stack's VAPID key pair (Web Push), made once per data folder
 * (`vapid.json`, git-ignored with it) and kept: browsers' subscriptions are
 * bound to the public key, so new keys would silently end them.
 */
export async function ensureVapidKeys(dataDir: string): Promise<{ VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string; VAPID_SUBJECT: string }> {
  const file = path.join(dataDir, "vapid.json");
  if (!existsSync(file)) await writeFile(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
  const keys = JSON.parse(await readFile(file, "utf8")) as { publicKey: string; privateKey: string };
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: "mailto:dev@sealdesk.invalid" };
}
