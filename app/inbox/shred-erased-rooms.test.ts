import { afterEach, describe, expect, it, vi } from "vitest";
import { shredErasedRooms } from "./shred-erased-rooms";

afterEach(() => vi.unstubAllGlobals());

/** The app's answers: the erased rooms listed, and what the console acknowledged. */
function app(roomIds: string[]) {
  const acknowledged: string[][] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === "POST") {
        const body = JSON.parse(String(init.body)) as { roomIds: string[] };
        acknowledged.push(body.roomIds);
        return Response.json({ acknowledged: body.roomIds.length });
      }
      return Response.json({ roomIds });
    }),
  );
  return acknowledged;
}

/** A client whose key backup deletion fails for the rooms in `failing`. */
function client(opts: { backup: string | null; failing?: string[]; known?: string[] }) {
  const calls: string[] = [];
  const c = {
    deleteKeysFromBackup: vi.fn(async (roomId: string, _s: undefined, version?: string) => {
      if (opts.failing?.includes(roomId)) throw new Error("M_UNKNOWN");
      calls.push(`backup ${roomId} v${version}`);
    }),
    getCrypto: () => ({
      getKeyBackupInfo: async () => (opts.backup ? { version: opts.backup } : null),
      forceDiscardSession: async (roomId: string) => void calls.push(`discard ${roomId}`),
    }),
    getRoom: (roomId: string) => (opts.known?.includes(roomId) ? {} : null),
    forget: vi.fn(async (roomId: string) => {
      calls.push(`forget ${roomId}`);
      throw new Error("M_FORBIDDEN");
    }),
    store: { removeRoom: (roomId: string) => void calls.push(`drop ${roomId}`) },
  };
  return { c: c as unknown as Parameters<typeof shredErasedRooms>[0], calls };
}

describe("shredErasedRooms", () => {
  it("does nothing (and acknowledges nothing) when no room was erased", async () => {
    const acked = app([]);
    const { c, calls } = client({ backup: "3" });
    expect(await shredErasedRooms(c)).toBe(0);
    expect(calls).toEqual([]);
    expect(acked).toEqual([]);
  });
  it("deletes each room's sessions from the current backup version, discards, drops the room it knew, then acknowledges", async () => {
    const acked = app(["!a:x", "!b:x"]);
    const { c, calls } = client({ backup: "3", known: ["!a:x"] });
    expect(await shredErasedRooms(c)).toBe(2);
    expect(calls).toEqual(["backup !a:x v3", "discard !a:x", "forget !a:x", "drop !a:x", "backup !b:x v3", "discard !b:x"]);
    expect(acked).toEqual([["!a:x", "!b:x"]]);
  });
  it("acknowledges only the rooms whose backup deletion succeeded (the rest are tried again)", async () => {
    const acked = app(["!a:x", "!b:x"]);
    const { c } = client({ backup: "3", failing: ["!a:x"] });
    expect(await shredErasedRooms(c, () => {})).toBe(1);
    expect(acked).toEqual([["!b:x"]]);
  });
  it("without a key backup, still discards and acknowledges", async () => {
    const acked = app(["!a:x"]);
    const { c, calls } = client({ backup: null });
    expect(await shredErasedRooms(c)).toBe(1);
    expect(calls).toEqual(["discard !a:x"]);
    expect(acked).toEqual([["!a:x"]]);
  });
});
