import type { IPushRules } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { MASTER_RULE_ID } from "../lib/matrix/master-push-rule";
import { keepTurningOffOwnPushes, turnOffOwnPushes } from "./own-pushes-off";

/** A push-rules API that keeps the master rule's state, as Synapse does. */
function fakeServer(masterOn: boolean, failures = 0) {
  let left = failures;
  const server = {
    masterOn,
    writes: 0,
    getPushRules: vi.fn(async (): Promise<IPushRules> => {
      if (left-- > 0) throw new Error("connect ECONNREFUSED");
      return { global: { override: [{ rule_id: MASTER_RULE_ID, enabled: server.masterOn, default: true, actions: [] }] } };
    }),
    setPushRuleEnabled: vi.fn(async (scope: string, kind: string, ruleId: string, enabled: boolean) => {
      expect([scope, kind, ruleId]).toEqual(["global", "override", MASTER_RULE_ID]);
      server.masterOn = enabled;
      server.writes++;
      return {};
    }),
  };
  return server;
}

describe("turnOffOwnPushes", () => {
  it("enables the master rule when it is off, and writes nothing on the next start", async () => {
    const server = fakeServer(false);
    expect(await turnOffOwnPushes(server)).toBe("turned off");
    expect(server.masterOn).toBe(true);
    expect(await turnOffOwnPushes(server)).toBe("already off");
    expect(server.writes).toBe(1);
  });

  it("writes nothing when the master rule is already on", async () => {
    const server = fakeServer(true);
    expect(await turnOffOwnPushes(server)).toBe("already off");
    expect(server.setPushRuleEnabled).not.toHaveBeenCalled();
  });
});

describe("keepTurningOffOwnPushes", () => {
  it("retries while the server does not answer, then stops trying", async () => {
    vi.useFakeTimers();
    try {
      const server = fakeServer(false, 2);
      const log = vi.fn();
      keepTurningOffOwnPushes(server, { retryMs: 1_000, log });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(server.getPushRules).toHaveBeenCalledTimes(3);
      expect(server.masterOn).toBe(true);
      expect(log).toHaveBeenLastCalledWith("own push notifications turned off (master push rule)");
    } finally {
      vi.useRealTimers();
    }
  });

  it("stop() ends the retries", async () => {
    vi.useFakeTimers();
    try {
      const server = fakeServer(false, 100);
      const pushes = keepTurningOffOwnPushes(server, { retryMs: 1_000, log: () => {} });
      await vi.advanceTimersByTimeAsync(2_500);
      pushes.stop();
      const calls = server.getPushRules.mock.calls.length;
      await vi.advanceTimersByTimeAsync(5_000);
      expect(server.getPushRules.mock.calls.length).toBe(calls);
    } finally {
      vi.useRealTimers();
    }
  });
});
