import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { inKeyTurn, invitesSettled } from "./invites-in-flight";

const client = {} as MatrixClient;
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("inKeyTurn: invitations that share the history and sends take turns per room", () => {
  it("an invitation asked for while a message is being encrypted waits until it is sent (its bundle then has the message's session)", async () => {
    const log: string[] = [];
    let finishSend = (): void => {};
    const send = inKeyTurn(client, "!a:hs", async () => {
      log.push("encrypt first message");
      await new Promise<void>((r) => (finishSend = r));
      log.push("first message sent");
    });
    const invite = inKeyTurn(client, "!a:hs", async () => void log.push("invite supervisor with history"));
    await tick();
    expect(log).toEqual(["encrypt first message"]);
    finishSend();
    await Promise.all([send, invite]);
    expect(log).toEqual(["encrypt first message", "first message sent", "invite supervisor with history"]);
  });

  it("a send after an invitation waits until the invitee shows; other rooms do not wait", async () => {
    const log: string[] = [];
    let shown = (): void => {};
    const invite = inKeyTurn(client, "!b:hs", () => new Promise<void>((r) => (shown = () => (log.push("invitee shows"), r()))));
    const send = inKeyTurn(client, "!b:hs", async () => void log.push("send in !b"));
    const other = inKeyTurn(client, "!c:hs", async () => void log.push("send in !c"));
    await other;
    await tick();
    expect(log).toEqual(["send in !c"]);
    const settled = invitesSettled(client, "!b:hs");
    shown();
    await Promise.all([invite, send, settled]);
    expect(log).toEqual(["send in !c", "invitee shows", "send in !b"]);
  });

  it("a failed turn passes its error to its caller and the next turn still runs", async () => {
    const failed = inKeyTurn(client, "!d:hs", async () => {
      throw new Error("M_FORBIDDEN");
    });
    const next = inKeyTurn(client, "!d:hs", async () => "sent");
    await expect(failed).rejects.toThrow("M_FORBIDDEN");
    await expect(next).resolves.toBe("sent");
    await expect(invitesSettled(client, "!d:hs")).resolves.toBeUndefined();
  });
});
