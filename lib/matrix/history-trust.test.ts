import { describe, expect, it } from "vitest";
import { mayShareHistory, mayShowForwarded, type HistoryTrust } from "./history-trust";

const V = "@visitor-1:hs";
const A = "@alice:hs";
const S = "@stranger:hs";
const roster: HistoryTrust = { kind: "roster", agents: new Map([[A, "MK_A"]]) };
const appList: HistoryTrust = { kind: "app-list", agents: new Set([A]) };
const nobody: HistoryTrust = { kind: "nobody" };

describe("mayShareHistory (accept a key bundle from this inviter)", () => {
  it.each([
    ["rostered agent with the pinned master key", { sharer: A, visitor: V, masterKey: "MK_A", trust: roster }, true],
    ["rostered agent whose identity changed (reset)", { sharer: A, visitor: V, masterKey: "MK_OTHER", trust: roster }, false],
    ["rostered agent without a known identity", { sharer: A, visitor: V, masterKey: null, trust: roster }, false],
    ["member not on the roster, cross-signed", { sharer: S, visitor: V, masterKey: "MK_S", trust: roster }, false],
    ["the conversation's own visitor", { sharer: V, visitor: V, masterKey: "MK_V", trust: roster }, true],
    ["the visitor, even when no roster verifies", { sharer: V, visitor: V, masterKey: null, trust: nobody }, true],
    ["another visitor", { sharer: "@visitor-2:hs", visitor: V, masterKey: "MK", trust: appList }, false],
    ["a room not created by a visitor: nobody is its visitor", { sharer: V, visitor: null, masterKey: "MK_V", trust: appList }, false],
    ["degraded mode: an agent the app lists", { sharer: A, visitor: V, masterKey: null, trust: appList }, true],
    ["degraded mode: anyone else", { sharer: S, visitor: V, masterKey: "MK_S", trust: appList }, false],
    ["an organisation key without a verified roster: no agent", { sharer: A, visitor: V, masterKey: "MK_A", trust: nobody }, false],
  ])("%s -> %s", (_name, facts, expected) => {
    expect(mayShareHistory(facts)).toBe(expected);
  });
});

describe("mayShowForwarded (show a message decrypted with forwarded keys as its sender's)", () => {
  it.each([
    ["rostered agent", { sharer: A, visitor: V, trust: roster }, true],
    ["stranger", { sharer: S, visitor: V, trust: roster }, false],
    ["visitor", { sharer: V, visitor: V, trust: nobody }, true],
    ["degraded: listed agent", { sharer: A, visitor: V, trust: appList }, true],
    ["degraded: stranger", { sharer: S, visitor: V, trust: appList }, false],
    ["no verified roster", { sharer: A, visitor: V, trust: nobody }, false],
  ])("%s -> %s", (_name, facts, expected) => {
    expect(mayShowForwarded(facts)).toBe(expected);
  });
});
