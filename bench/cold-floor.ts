// The floor for a cold and a warm first message (issue 17, item 3), measured by bench/widget-budget.ts in the same
// run and on the same Synapse as the widget: plain matrix-js-sdk with rust crypto in Chromium
// (bench/encrypted-floor/cold-page.ts), from the page's navigation to its first encrypted message stored, with an
// account registered before the clock (Sealdesk's own registration is timed by the widget bench as a phase).
import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { openFloorClient, register } from "./encrypted-floor";
import type { ColdFloorRun } from "./encrypted-floor/cold-page";
import { serveFloorPage } from "./encrypted-floor/serve";

/** One floor open: ms after the page's navigation began, per step (`floor:<step>` marks), `stored` last. */
export type FloorOpen = Record<string, number>;

/** `runs` cold opens (a new context and account each), each followed by a warm one (the same context, loaded again). */
export async function measureColdFloor(
  browser: Browser,
  homeserverUrl: string,
  sharedSecret: string,
  runs: number,
): Promise<{ cold: FloorOpen[]; warm: FloorOpen[] }> {
  const tag = randomBytes(4).toString("hex");
  const [messages, coldSite] = await Promise.all([serveFloorPage(), serveFloorPage("cold-page.ts")]);
  // The invitee: a cross-signed client that stays online, as an agent would.
  const invitee = await register(homeserverUrl, sharedSecret, `coldfloor-${tag}-invitee`);
  const inviteePage = await openFloorClient(browser, messages.url, { baseUrl: homeserverUrl, ...invitee, wasmUrl: "/crypto.wasm" });
  const cold: FloorOpen[] = [];
  const warm: FloorOpen[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const acc = await register(homeserverUrl, sharedSecret, `coldfloor-${tag}-${i}`);
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const open = async (roomId?: string): Promise<{ roomId: string; marks: FloorOpen }> => {
        const run: ColdFloorRun = { baseUrl: homeserverUrl, ...acc, wasmUrl: "/crypto.wasm", invitee: invitee.userId, roomId };
        // A query of its own per open: a change of the hash alone would not load the page again.
        await page.goto(`${coldSite.url}/?${roomId ? "warm" : "cold"}-${i}#${encodeURIComponent(JSON.stringify(run))}`);
        await page.waitForFunction(() => "coldFloor" in globalThis);
        const made = await page.evaluate(() => (globalThis as unknown as { coldFloor: Promise<string> }).coldFloor);
        const marks = await page.evaluate(() =>
          Object.fromEntries(
            performance
              .getEntriesByType("mark")
              .filter((m) => m.name.startsWith("floor:"))
              .map((m) => [m.name.slice("floor:".length), m.startTime]),
          ),
        );
        return { roomId: made, marks };
      };
      const first = await open();
      cold.push(first.marks);
      warm.push((await open(first.roomId)).marks);
      await ctx.close();
    }
  } finally {
    await inviteePage.context().close();
    await Promise.all([messages.stop(), coldSite.stop()]);
  }
  return { cold, warm };
}
