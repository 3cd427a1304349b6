// The encrypted floor for message latency (issue 17): what plain Matrix E2EE with this SDK costs on this
// machine, Element's floor. Two plain matrix-js-sdk clients in Chromium (bench/encrypted-floor/page.ts: rust
// crypto in IndexedDB, cross-signed), in an encrypted room with the members a Sealdesk conversation has
// (two people and a third account that joins and does nothing, as the router); one sends, the time until
// the other has decrypted it, cut into the same hops as Sealdesk's (bench/latency-hops.ts).
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createClient, Preset, Visibility, type ICreateClientOpts, type MatrixClient } from "matrix-js-sdk";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import type { FloorAccount } from "./encrypted-floor/page";
import { serveFloorPage } from "./encrypted-floor/serve";
import { hopsOf, type Hops } from "./latency-hops";
import { hopWindows, startProfiler, summariseHops, wallMinusMonotonicUs } from "./latency-profile";
import { entriesOf, keepResourceTimings } from "./page-entries";
import { replyPause } from "./stats";

/** Two encrypting clients in Chromium, ready to exchange messages. */
export type EncryptedFloor = {
  /** `n` messages each way (a -> b, then b -> a), each one waited for until the other side decrypted it. */
  exchange(n: number, replyMs?: number): Promise<void>;
  /** `n` more messages each way (not in the hops) under Chromium's CPU profiler, cut into the same hops as Sealdesk's pages. */
  profile(n: number): Promise<string>;
  /** The hops of every message `exchange` sent, per direction (a string for one whose entries are missing). */
  hops(): Promise<{ aToB: (Hops | string)[]; bToA: (Hops | string)[] }>;
  stop(): Promise<void>;
};

const quiet: NonNullable<ICreateClientOpts["logger"]> = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

type Side = { page: Page; userId: string; sent: string[] };

/** A new account for a floor's client, by shared secret (outside any clock: bcrypt). */
export async function register(homeserverUrl: string, sharedSecret: string, username: string) {
  return registerWithSharedSecret({ homeserverUrl, sharedSecret, username, password: `pw-${randomBytes(12).toString("hex")}` });
}

/** The encrypted room, made by `a` (a plain client in Node: no crypto of its own, only the room's state). */
async function encryptedRoom(homeserverUrl: string, a: { userId: string; accessToken: string }, others: { userId: string; accessToken: string }[]) {
  const node = (x: { userId: string; accessToken: string }): MatrixClient =>
    createClient({ baseUrl: homeserverUrl, userId: x.userId, accessToken: x.accessToken, logger: quiet });
  const { room_id: roomId } = await node(a).createRoom({
    visibility: Visibility.Private,
    preset: Preset.PrivateChat,
    invite: others.map((o) => o.userId),
    initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
  });
  await Promise.all(others.map((o) => node(o).joinRoom(roomId)));
  return roomId;
}

/** A new browser context with the floor's page (served at `siteUrl`) running `account`, started and cross-signed. */
export async function openFloorClient(browser: Browser, siteUrl: string, account: FloorAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${siteUrl}/`);
  await page.waitForFunction(() => "encFloor" in globalThis);
  await page.evaluate((x) => (globalThis as unknown as { encFloor: { start(a: FloorAccount): Promise<void> } }).encFloor.start(x), account);
  return page;
}

/** Registers three accounts on `homeserverUrl`, makes their encrypted room, and starts two of them in Chromium. */
export async function startEncryptedFloor(
  browser: Browser,
  homeserverUrl: string,
  sharedSecret: string,
  opts: { signedOnly?: boolean } = {},
): Promise<EncryptedFloor> {
  const tag = randomBytes(4).toString("hex");
  const [a, b, router] = await Promise.all(["a", "b", "router"].map((n) => register(homeserverUrl, sharedSecret, `encfloor-${tag}-${n}`)));
  const roomId = await encryptedRoom(homeserverUrl, a!, [b!, router!]);
  const site = await serveFloorPage();
  const open = async (acc: typeof a): Promise<Side> => ({
    page: await openFloorClient(browser, site.url, { baseUrl: homeserverUrl, ...acc!, wasmUrl: "/crypto.wasm", signedOnly: opts.signedOnly }),
    userId: acc!.userId,
    sent: [],
  });
  const [sa, sb] = await Promise.all([open(a), open(b)]);
  const one = async (from: Side, to: Side, record: boolean, timeoutMs = 30_000): Promise<string> => {
    const txnId = `ef${randomBytes(6).toString("hex")}`;
    const body = `encrypted floor ${txnId}`;
    const arrived = to.page.evaluate(
      (x) => (globalThis as unknown as { encFloor: { waitDecrypted(b: string): Promise<void> } }).encFloor.waitDecrypted(x),
      body,
    );
    await from.page.evaluate(
      ([r, t, x]) => (globalThis as unknown as { encFloor: { send(r: string, t: string, b: string): Promise<void> } }).encFloor.send(r, t, x),
      [roomId, txnId, body] as const,
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      arrived,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`encrypted floor: ${txnId} not decrypted in ${timeoutMs} ms`)), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (record) from.sent.push(txnId);
    return txnId;
  };
  // Warm-up: the first messages query the members' keys and share the room key (not part of the floor). One sent
  // before the sender saw the other's cross-signing may never decrypt in the signed-only mode: two in a row must.
  for (const [from, to] of [
    [sa, sb],
    [sb, sa],
  ] as const) {
    for (let ok = 0, tries = 0; ok < 2; tries++) {
      if (tries === 8) throw new Error("encrypted floor: the warm-up messages were not decrypted");
      ok = await one(from, to, false, 10_000).then(
        () => ok + 1,
        () => 0,
      );
    }
  }
  await Promise.all([keepResourceTimings(sa.page), keepResourceTimings(sb.page)]);
  return {
    async exchange(n, replyMs = 0) {
      for (let i = 0; i < n; i++) {
        await replyPause(replyMs);
        await one(sa, sb, true);
        await replyPause(replyMs);
        await one(sb, sa, true);
      }
    },
    async profile(n) {
      const [pa, pb] = [await startProfiler(sa.page), await startProfiler(sb.page)];
      const [aSent, bSent] = [[] as string[], [] as string[]];
      for (let i = 0; i < n; i++) {
        aSent.push(await one(sa, sb, false));
        bSent.push(await one(sb, sa, false));
      }
      await new Promise((r) => setTimeout(r, 300)); // the last resource timings land
      const [profA, profB] = [await pa.stop(), await pb.stop()];
      const clocks = wallMinusMonotonicUs();
      const [ea, eb] = await Promise.all([entriesOf(sa.page), entriesOf(sb.page)]);
      const [aToB, bToA] = [hopWindows(aSent, ea, eb), hopWindows(bSent, eb, ea)];
      return [
        summariseHops("encrypted floor, page a (sending, receiving)", profA, [...aToB.sender, ...bToA.receiver], clocks),
        summariseHops("encrypted floor, page b (sending, receiving)", profB, [...bToA.sender, ...aToB.receiver], clocks),
      ].join("\n");
    },
    async hops() {
      await new Promise((r) => setTimeout(r, 300)); // the last resource timings land
      const [ea, eb] = await Promise.all([entriesOf(sa.page), entriesOf(sb.page)]);
      return { aToB: sa.sent.map((t) => hopsOf(t, ea, eb)), bToA: sb.sent.map((t) => hopsOf(t, eb, ea)) };
    },
    async stop() {
      await Promise.all([sa, sb].map((s) => s.page.context().close()));
      await site.stop();
    },
  };
}
