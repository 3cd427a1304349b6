import { afterEach, describe, expect, it } from "vitest";
import { MAX_MARKED, markReceived, markSend } from "./latency-marks";

const named = (prefix: string) => performance.getEntriesByType("mark").filter((m) => m.name.startsWith(prefix));

describe("latency marks", () => {
  afterEach(() => performance.clearMarks());

  it.each([
    { mark: () => markSend("txn-a", "enter"), name: "sd:send:txn-a:enter" },
    { mark: () => markSend("txn-a", "sent:$ev"), name: "sd:send:txn-a:sent:$ev" },
    { mark: () => markReceived("$ev-b", "painted"), name: "sd:recv:$ev-b:painted" },
  ])("marks $name once however often it is called", ({ mark, name }) => {
    mark();
    mark();
    expect(performance.getEntriesByName(name, "mark")).toHaveLength(1);
  });

  it("keeps only the newest marks", () => {
    for (let i = 0; i < MAX_MARKED + 5; i++) markReceived(`$many-${i}`, "synced");
    expect(named("sd:recv:$many-")).toHaveLength(MAX_MARKED);
    expect(performance.getEntriesByName("sd:recv:$many-0:synced")).toHaveLength(0);
  });
});
