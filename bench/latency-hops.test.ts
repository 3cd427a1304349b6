import { describe, expect, it } from "vitest";
import { checkRequestPhases, checkRequests, hopsOf, type PageEntries } from "./latency-hops";

const at = (name: string, t: number, end = t) => ({ name, at: t, end });
const sender: PageEntries = {
  marks: [at("sd:send:t1:enter", 1000), at("sd:send:t1:checked", 1004), at("sd:send:t1:sent:$e1", 1030)],
  resources: [at("http://hs/_matrix/client/v3/rooms/!r/send/m.room.encrypted/t1", 1010, 1028)],
};
const receiver = (marks: PageEntries["marks"]): PageEntries => ({
  marks,
  resources: [
    at("http://hs/_matrix/client/v3/sync?timeout=30000", 900, 1015),
    at("http://hs/_matrix/client/v3/sync?timeout=30000", 1016, 1025),
    at("http://hs/_matrix/client/v3/sync?timeout=30000", 1026, 1200),
  ],
});

describe("hopsOf", () => {
  it.each([
    {
      name: "timeline before decryption",
      marks: [at("sd:recv:$e1:synced", 1027), at("sd:recv:$e1:decrypted", 1031), at("sd:recv:$e1:painted", 1040)],
      want: { checks: 4, encrypt: 6, server: 15, decrypt: 6, paint: 9, total: 40, ack: 18, busySyncs: 1 },
    },
    {
      name: "decrypted before the timeline event: the /sync answer is the last before the first of them",
      marks: [at("sd:recv:$e1:decrypted", 1026), at("sd:recv:$e1:synced", 1029), at("sd:recv:$e1:painted", 1033)],
      want: { checks: 4, encrypt: 6, server: 15, decrypt: 1, paint: 7, total: 33, ack: 18, busySyncs: 1 },
    },
  ])("$name", ({ marks, want }) => {
    expect(hopsOf("t1", sender, receiver(marks))).toEqual(want);
  });

  it.each([
    { name: "no painted mark", s: sender, r: receiver([at("sd:recv:$e1:synced", 1027), at("sd:recv:$e1:decrypted", 1031)]), want: /receiver marks missing/ },
    { name: "no send request", s: { ...sender, resources: [] }, r: receiver([]), want: /sender entries missing/ },
    {
      name: "no /sync answer before it",
      s: sender,
      r: { marks: [at("sd:recv:$e1:synced", 800), at("sd:recv:$e1:decrypted", 801), at("sd:recv:$e1:painted", 802)], resources: receiver([]).resources },
      want: /no \/sync answer/,
    },
  ])("says what is missing: $name", ({ s, r, want }) => {
    expect(hopsOf("t1", s, r)).toMatch(want);
  });
});

describe("checkRequests", () => {
  it("names the requests started between Enter and checked (not the /sync long-poll), by path, with their durations", () => {
    const p: PageEntries = {
      marks: sender.marks,
      resources: [
        at("http://app/api/agent/trust?x=1", 1001, 1003),
        at("http://app/api/agent/trust", 999, 1002),
        at("http://hs/_matrix/client/v3/sync?timeout=30000", 1002, 1100),
        ...sender.resources,
      ],
    };
    expect([...checkRequests(["t1"], p)]).toEqual([["/api/agent/trust", [2]]]);
  });
});

describe("checkRequestPhases", () => {
  it("splits each check request into queued, server and body, with the server's own timings", () => {
    const trust = { ...at("http://app/api/agent/trust", 1001, 1010), sent: 1002, firstByte: 1009, serverTiming: [{ name: "auth", dur: 3 }] };
    const p: PageEntries = { marks: sender.marks, resources: [trust, at("http://app/api/other", 1001, 1004), ...sender.resources] };
    expect([...checkRequestPhases(["t1"], p).get("/api/agent/trust")!]).toEqual([
      ["queued", [1]],
      ["server", [7]],
      ["body", [1]],
      ["server:auth", [3]],
    ]);
    // Without the browser's detail (another origin), a request has no phases.
    expect(checkRequestPhases(["t1"], p).has("/api/other")).toBe(false);
  });
});
