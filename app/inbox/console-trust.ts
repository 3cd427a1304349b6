"use client";

import type { SignedRoster } from "../../lib/roster/roster";
import { followEndorsements } from "../../lib/roster/key-endorsement";
import { verifyRoster } from "../../lib/roster/verify-roster";
import { ApiError } from "../_console/api-client";
import { fetchTrust } from "../_console/console-api";

/**
 * What the console trusts about who may read, per browser:
 * `roster` (an organisation key, pinned here on first sight and followed
 * through a rotation's endorsement, and a roster it signed, never older than one this browser verified), `degraded` (no key: the
 * app's agent list, metadata only) or `refused` (the server changed the pinned
 * key, dropped it, or serves a roster that does not verify: nothing is sent).
 */
export type ConsoleTrust =
  | { mode: "roster"; orgKey: string; roster: SignedRoster; agents: ReadonlySet<string>; routerUserId: string }
  | { mode: "degraded"; agents: ReadonlySet<string>; routerUserId: string }
  | { mode: "refused"; reason: string; agents: ReadonlySet<string>; routerUserId: string };

const MAX_AGE_MS = 60_000;
let cached: { at: number; trust: Promise<ConsoleTrust> } | null = null;
let lastMode: ConsoleTrust["mode"] | null = null;

/** The mode of the last trust loaded (null before the first): a hint for work that may start before the fresh one is in. */
export function lastTrustMode(): ConsoleTrust["mode"] | null {
  return lastMode;
}

/** The console's trust, fetched at most once a minute (`fresh`: now, e.g. while something is held). */
export function consoleTrust(me: string, fresh = false): Promise<ConsoleTrust> {
  if (!cached || fresh || Date.now() - cached.at > MAX_AGE_MS) {
    const trust = loadTrust(me).then((t) => ((lastMode = t.mode), t));
    // A network error keeps what was verified before.
    const previous = cached?.trust;
    cached = { at: Date.now(), trust: trust.catch((err: Error) => previous ?? Promise.reject(err)) };
  }
  return cached.trust;
}

async function loadTrust(me: string): Promise<ConsoleTrust> {
  // Parsed leniently (lib/console-api/agent-routes): the answer is judged here, not trusted.
  const body = await fetchTrust().catch((err: unknown) => {
    throw err instanceof ApiError ? new Error(`The organisation's roster could not be loaded (HTTP ${err.status})`) : err;
  });
  const agents: ReadonlySet<string> = new Set(body.agents);
  const routerUserId = body.routerUserId;
  // The key this browser saw first wins over whatever the server says later (like the embed snippet for the widget).
  const pinKey = `sealdesk:console:org-key:${me}`;
  const pinned = localStorage.getItem(pinKey);
  const served = body.orgKey;
  if (pinned && !served)
    return { mode: "refused", reason: `The server no longer serves the organisation key this browser pinned (${pinned})`, agents, routerUserId };
  if (!served) return { mode: "degraded", agents, routerUserId };
  // A rotation: the pinned key must have endorsed the served one (and the transition not be over); then the pin follows.
  const followed = pinned && served !== pinned ? await followEndorsements(pinned, served, body.endorsements, Date.now()) : { ok: true as const };
  if (!followed.ok)
    return {
      mode: "refused",
      reason: `The server serves another organisation key than the one this browser pinned (${pinned})${followed.reason === "expired" ? ": the rotation's transition is over" : ", not endorsed by it"}`,
      agents,
      routerUserId,
    };
  const floorKey = `sealdesk:console:roster-version:${served}`;
  // The roll-back floor carries over a rotation (roster versions keep rising across keys).
  const floor = Math.max(Number(localStorage.getItem(floorKey) ?? 0), Number(localStorage.getItem(`sealdesk:console:roster-version:${pinned}`) ?? 0));
  localStorage.setItem(pinKey, served);
  const checked = await verifyRoster(body.roster, served);
  if (!checked.ok) return { mode: "refused", reason: "The server's roster of agents is not signed by the organisation key", agents, routerUserId };
  if (checked.roster.version < floor)
    return {
      mode: "refused",
      reason: `The server serves roster version ${checked.roster.version}, older than version ${floor} this browser verified`,
      agents,
      routerUserId,
    };
  localStorage.setItem(floorKey, String(checked.roster.version));
  return { mode: "roster", orgKey: served, roster: checked.roster, agents, routerUserId };
}
