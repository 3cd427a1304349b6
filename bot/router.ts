import { getHeapSpaceStatistics, getHeapStatistics } from "node:v8";
import { createClient, type ICreateClientOpts } from "matrix-js-sdk";
import { withoutMatrixRTC } from "../lib/matrix/without-matrix-rtc";
import { controlRooms } from "./control-rooms";
import { memoryLine } from "./memory-line";
import type { BotEnv } from "./env";
import type { SourceListener } from "./room-source";
import type { RouterStore } from "./router-store";
import { keepTurningOffOwnPushes } from "./own-pushes-off";
import { createRunner } from "./runner";
import { clientWriter, syncSource } from "./sync-source";

type Log = (msg: string) => void;
type SdkLogger = NonNullable<ICreateClientOpts["logger"]>;

/** matrix-js-sdk logs every request at debug level; the router keeps warnings and errors only. */
const quietLogger: SdkLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (...msg: unknown[]) => console.warn("[matrix-js-sdk]", ...msg),
  error: (...msg: unknown[]) => console.error("[matrix-js-sdk]", ...msg),
  getChild: () => quietLogger,
};

/**
 * Runs `pass` at most once at a time: a request during a pass runs one more
 * pass right after it (events arrive in bursts; each pass reads everything).
 */
export function serialised(pass: () => Promise<void>): { request(): void; stop(): Promise<void> } {
  let running = false;
  let again = false;
  let stopped = false;
  const request = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void pass().finally(() => {
      running = false;
      if (again && !stopped) {
        again = false;
        setImmediate(request);
      }
    });
  };
  return {
    request,
    async stop() {
      stopped = true;
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

/** Runs `pass` now and then every `intervalMs`, one pass at a time (`serialised`); `stop` waits for a running pass. */
export function everyInterval(intervalMs: number, pass: () => Promise<void>): { stop(): Promise<void> } {
  const runs = serialised(pass);
  runs.request();
  const timer = setInterval(runs.request, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await runs.stop();
    },
  };
}

/**
 * The router: Matrix rooms in (`sync-source.ts`, turned into plain records by
 * `room-facts.ts`), a pure reconcile (`reconcile/`) that says what to do, and a
 * runner (`runner.ts`) that does it against the database (`RouterStore`, which
 * holds the truth under row locks, so a killed or second router assigns nothing
 * twice) and Matrix. It never initialises crypto: no device keys, no room key.
 */
export async function startRouter(env: BotEnv, store: RouterStore, log: Log, onActivity?: SourceListener["activity"]): Promise<{ stop(): Promise<void> }> {
  const client = createClient({ baseUrl: env.SYNAPSE_URL, userId: env.ROUTER_USER_ID, accessToken: env.ROUTER_ACCESS_TOKEN, logger: quietLogger });
  withoutMatrixRTC(client);
  const me = env.ROUTER_USER_ID;
  const source = syncSource(client, { retryMs: env.ROUTER_TICK_MS, log });
  const settings = {
    noShowMs: env.ROUTER_NO_SHOW_MS,
    inactivityMs: env.ROUTER_INACTIVITY_MS,
    preparedTtlMs: env.ROUTER_PREPARED_TTL_MS,
    closedGraceMs: env.ROUTER_CLOSED_GRACE_MS,
  };
  const runner = createRunner({ me, store, source, writer: clientWriter(client), status: controlRooms(client, store, log), log, settings });

  const passes = serialised(async () => {
    const slow = setTimeout(() => log(`routing pass still running after 5 s (phase: ${runner.phase()})`), 5_000);
    const started = performance.now();
    try {
      await runner.pass(new Date());
      if (env.ROUTER_LOG_PASSES)
        log(
          `pass ${(performance.now() - started).toFixed(1)} ms, ${client.getRooms().length} rooms held, ${memoryLine(process.memoryUsage(), getHeapStatistics(), getHeapSpaceStatistics())}`,
        );
    } catch (e) {
      const err = e as Error & { cause?: Error };
      log(`routing pass failed: ${err.message.split("\n")[0]}${err.cause ? ` (${err.cause.message})` : ""}`);
    } finally {
      clearTimeout(slow);
    }
  });

  // Not a server admin: its rate-limit exemption is set at install (scripts/bootstrap.ts, deploy/README.md).
  // onActivity: the reply-email notifier (bot/reply-notifier.ts), when SMTP is set up, and the push notifier (bot/push-notifier.ts).
  await source.start({
    changed: passes.request,
    activity: (roomId, sender, at, type, eventId) => (runner.activity(roomId, sender, at), onActivity?.(roomId, sender, at, type, eventId)),
  });
  const timer = setInterval(passes.request, env.ROUTER_TICK_MS);
  // No push actions for the router: Synapse skips recording one on every message (docs/capacity.md).
  const pushesOff = keepTurningOffOwnPushes(client, { retryMs: env.ROUTER_TICK_MS, log });
  log(`router ${me} started`);

  return {
    async stop() {
      clearInterval(timer);
      pushesOff.stop();
      source.stop();
      await passes.stop();
    },
  };
}
