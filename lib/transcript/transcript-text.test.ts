import { describe, expect, it } from "vitest";
import { TRANSCRIPT_WORDS_EN, transcriptFileName, transcriptText, transcriptTime, type TranscriptEntry } from "./transcript-text";

const T0 = Date.UTC(2026, 11, 6, 9, 5, 7);

describe("transcriptTime", () => {
  it.each<[string, string]>([
    ["UTC", "2026-12-06 09:05:07 UTC"],
    ["Europe/Paris", "2026-12-06 10:05:07 Europe/Paris"],
    ["America/New_York", "2026-12-06 04:05:07 America/New_York"],
  ])("in %s", (tz, want) => {
    expect(transcriptTime(T0, tz)).toBe(want);
  });
  it("writes midnight as 00, not 24", () => {
    expect(transcriptTime(Date.UTC(2026, 0, 1, 0, 0, 0), "UTC")).toBe("2026-01-01 00:00:00 UTC");
  });
});

describe("transcriptText", () => {
  const entries: TranscriptEntry[] = [
    { sender: "You", timestamp: T0, body: "Hello" },
    { sender: "Alice", timestamp: T0 + 1000, body: "Hi!\nHow can I help?" },
    { sender: "You", timestamp: T0 + 2000, body: "invoice.pdf", attachment: true },
    { sender: "Alice", timestamp: T0 + 3000, body: "", state: "undecryptable" },
    { sender: "Someone", timestamp: T0 + 4000, body: "", state: "unverified" },
    { sender: "You", timestamp: T0 + 5000, body: "<script>x</script>", state: "failed" },
  ];
  const out = transcriptText({ site: "Demo shop", entries, now: T0 + 60_000, timeZone: "UTC", words: TRANSCRIPT_WORDS_EN });

  it("has a heading, then every message in order with time and sender", () => {
    expect(out.split("\n")).toEqual([
      "Conversation transcript — Demo shop",
      "Made in your browser on 2026-12-06 09:06:07 UTC from the end-to-end encrypted conversation.",
      "",
      "[2026-12-06 09:05:07 UTC] You: Hello",
      "[2026-12-06 09:05:08 UTC] Alice: Hi!",
      "    How can I help?",
      "[2026-12-06 09:05:09 UTC] You: Attachment: invoice.pdf",
      "[2026-12-06 09:05:10 UTC] Alice: [message that could not be decrypted]",
      "[2026-12-06 09:05:11 UTC] Someone: [unverified message hidden]",
      "[2026-12-06 09:05:12 UTC] You: <script>x</script> (not sent)",
      "",
    ]);
  });

  it("works without a site name and without messages", () => {
    expect(transcriptText({ site: "", entries: [], now: T0, timeZone: "UTC", words: TRANSCRIPT_WORDS_EN }).split("\n")[0]).toBe("Conversation transcript");
  });
});

describe("transcriptFileName", () => {
  it.each<[string, string]>([
    ["Demo shop", "transcript-demo-shop-2026-12-06.txt"],
    ["../../etc/passwd", "transcript-etc-passwd-2026-12-06.txt"],
    ["", "transcript-2026-12-06.txt"],
    ["Café ☕", "transcript-caf-2026-12-06.txt"],
  ])("%s", (site, name) => {
    expect(transcriptFileName(site, T0)).toBe(name);
  });
});
