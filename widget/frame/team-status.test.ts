// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { STATUS_STRINGS } from "../../lib/widget-i18n/status-strings";
import type { WidgetStatus } from "../../lib/widget-protocol/widget-status";
import { mountTeamStatus, teamStatusText } from "./team-status";

const now = new Date("2026-12-07T18:00:00Z");

describe("teamStatusText", () => {
  it.each<[WidgetStatus, string, string]>([
    [{ state: "online" }, "en", "We're online."],
    [{ state: "busy", replyMinutes: 5 }, "en", "We usually reply in ~5 min."],
    [{ state: "busy", replyMinutes: null }, "en", "We're busy right now; we'll reply as soon as we can."],
    [
      { state: "closed", opensAt: "2026-12-08T08:00:00Z" },
      "en",
      "We're closed now. We reply by Tuesday 8:00 AM. You can still write: your message waits for us.",
    ],
    [{ state: "closed", opensAt: null }, "en", "We're closed now. You can still write: your message waits for us."],
    [
      { state: "closed", opensAt: "2026-12-08T08:00:00Z" },
      "de",
      "Wir sind gerade nicht erreichbar. Wir antworten bis Dienstag, 08:00. Sie können trotzdem schreiben: Ihre Nachricht wartet auf uns.",
    ],
    [{ state: "busy", replyMinutes: 120 }, "es", "Solemos responder en ~2 h."],
  ])("%j in %s", (status, lang, text) => {
    expect(teamStatusText(status, STATUS_STRINGS[lang as "en"], lang, now, "UTC").replace(/\s/g, " ")).toBe(text);
  });
});

describe("mountTeamStatus", () => {
  const setup = (status: WidgetStatus | null) => {
    const root = document.createElement("div");
    const header = document.createElement("header");
    root.append(header);
    return { root, status: mountTeamStatus(header, status, STATUS_STRINGS.en, "en") };
  };
  it("is a status region after the header, shown until an agent has the conversation", () => {
    const { root, status } = setup({ state: "online" });
    const line = root.querySelector("header + p.team-status[role=status]") as HTMLElement;
    expect(line.textContent).toBe("We're online.");
    status.follow("queued");
    expect(line.hidden).toBe(false);
    status.follow("assigned");
    expect(line.hidden).toBe(true);
    status.follow(undefined);
    expect(line.hidden).toBe(false);
  });
  it("shows nothing when the site hides the status", () => {
    const { root } = setup(null);
    expect(root.querySelector(".team-status")).toBeNull();
  });
});
