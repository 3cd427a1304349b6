import { randomBytes } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { agentSignsIn } from "../e2e/helpers";
import type { StackInfo } from "../e2e/stack-info";
import { registerWithSharedSecret } from "../lib/matrix/shared-secret-register";
import type { Stack } from "../scripts/stack";
import { CONVERSATION_EVENT } from "../lib/conversation/event-types";

/** Debian's Chromium (or CHROMIUM_PATH) without background traffic that would blur a timing. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
}

/**
 * A raw client-server API call for seeding many rooms quickly (thousands of calls: a
 * matrix-js-sdk client per seeded account would cost more than the figure measured).
 * Waits out rate limits (429) and throws on any other error.
 */
export function seedingApi(synapseUrl: string) {
  return async function matrix<T>(token: string, method: string, p: string, body?: unknown): Promise<T> {
    for (;;) {
      const res = await fetch(`${synapseUrl}/_matrix/client/v3${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    }
  };
}

/**
 * The stack's demo agent signed in (a set-up console: recovery key saved, browser verified),
 * its Matrix credentials as the console stored them, and a seeding account of its own.
 * Sign-in can take longer than the helper's 5 s wait on a loaded machine: tried three times.
 */
export async function agentAndSeeder(browser: Browser, stack: Stack) {
  const info = { appUrl: stack.appUrl, demoUrl: stack.demoUrl, agent: stack.accounts.demoAgent } as StackInfo;
  let page: Page | undefined;
  for (let attempt = 1; !page; attempt++) {
    page = await agentSignsIn(browser, info).catch((err: Error) => {
      if (attempt >= 3) throw err;
      console.log(`  sign-in attempt ${attempt} was slow (${err.message.split("\n")[0]}); again`);
      return undefined;
    });
  }
  const creds = await page.evaluate(() => JSON.parse(localStorage.getItem("sealdesk:console:matrix") ?? "{}") as { accessToken: string; userId: string });
  const seeder = await registerWithSharedSecret({
    homeserverUrl: stack.synapseUrl,
    sharedSecret: stack.synapse.registrationSharedSecret,
    username: `seeder-${randomBytes(3).toString("hex")}`,
    password: randomBytes(12).toString("hex"),
  });
  return { page, agent: { userId: creds.userId, token: creds.accessToken }, seeder };
}

/**
 * A room tagged like the widget's conversations (encrypted, shared history, the conversation
 * state event), made by the seeding account with the agent invited; `extraState` adds state
 * (a routing state, say). Returns the room id.
 */
export async function seedConversationRoom(
  matrix: ReturnType<typeof seedingApi>,
  seederToken: string,
  agentUserId: string,
  extraState: unknown[] = [],
): Promise<string> {
  const { room_id: roomId } = await matrix<{ room_id: string }>(seederToken, "POST", "/createRoom", {
    preset: "private_chat",
    invite: [agentUserId],
    initial_state: [
      { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
      { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
      { type: CONVERSATION_EVENT, state_key: "", content: { site_id: "demo", language: "en" } },
      ...extraState,
    ],
  });
  return roomId;
}
