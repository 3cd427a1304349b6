import type { WidgetStatus } from "../widget-protocol/widget-status";
import { isOpenAt, openState } from "./open-state";
import type { TeamHours } from "./team-hours";

/** One recent conversation: when it started and when an agent first replied (null: not yet). */
export type ReplySample = { createdAt: Date; firstReplyAt: Date | null };

/** Fewer replied conversations than this: no expected time is shown (too little to go on). */
export const MIN_REPLY_SAMPLES = 3;

/**
 * The usual time to a first reply, in seconds: the median over the samples
 * that started while the team was open and got a reply (a question left
 * overnight says nothing about the wait during the day). Null with fewer than
 * {@link MIN_REPLY_SAMPLES} of them.
 */
export function expectedReplySeconds(samples: readonly ReplySample[], hours: TeamHours | null): number | null {
  const waits = samples
    .filter((s) => s.firstReplyAt && isOpenAt(hours, s.createdAt))
    .map((s) => (s.firstReplyAt!.getTime() - s.createdAt.getTime()) / 1000)
    .filter((w) => w >= 0)
    .sort((a, b) => a - b);
  if (waits.length < MIN_REPLY_SAMPLES) return null;
  const mid = waits.length >> 1;
  return waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
}

/**
 * Minutes shown as "~X min": at least 1; exact up to 10, then to the next 5
 * up to an hour, then to the nearest whole hour (a visitor reads a rough
 * figure; a precise one would promise too much).
 */
export function roundReplyMinutes(seconds: number): number {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes <= 10) return minutes;
  if (minutes <= 60) return Math.ceil(minutes / 5) * 5;
  return Math.round(minutes / 60) * 60;
}

/** What decides the widget's status (loaded by the app; the clock is a parameter). */
export type StatusInput = {
  hours: TeamHours | null;
  now: Date;
  /** Available agents of the site's team (every agent when it has none) under their capacity. */
  agentsFree: number;
  /** {@link expectedReplySeconds} for the site. */
  replySeconds: number | null;
};

/** Closed outside the team's hours (with the next opening), online with a free agent, else busy with the usual reply time. */
export function decideWidgetStatus(input: StatusInput): WidgetStatus {
  const state = openState(input.hours, input.now);
  if (!state.open) return { state: "closed", opensAt: state.opensAt?.toISOString() ?? null };
  if (input.agentsFree > 0) return { state: "online" };
  return { state: "busy", replyMinutes: input.replySeconds === null ? null : roundReplyMinutes(input.replySeconds) };
}
