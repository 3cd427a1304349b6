import { describe, expect, it } from "vitest";
import { prometheusText } from "./prometheus-text";

describe("prometheusText", () => {
  it("renders families with help, type and escaped labels", () => {
    const text = prometheusText([
      { name: "sealdesk_queue_length", help: "Waiting conversations.", type: "gauge", samples: [{ value: 3 }] },
      { name: "sealdesk_agent_open_conversations", help: "Open per agent.", type: "gauge", samples: [{ labels: { agent: '@a"b\\c:x' }, value: 2 }] },
      {
        name: "sealdesk_wait_seconds",
        help: "Wait.",
        type: "summary",
        samples: [
          { labels: { quantile: "0.5" }, value: NaN },
          { suffix: "_sum", value: 4.5 },
          { suffix: "_count", value: 2 },
        ],
      },
    ]);
    expect(text).toBe(
      [
        "# HELP sealdesk_queue_length Waiting conversations.",
        "# TYPE sealdesk_queue_length gauge",
        "sealdesk_queue_length 3",
        "# HELP sealdesk_agent_open_conversations Open per agent.",
        "# TYPE sealdesk_agent_open_conversations gauge",
        'sealdesk_agent_open_conversations{agent="@a\\"b\\\\c:x"} 2',
        "# HELP sealdesk_wait_seconds Wait.",
        "# TYPE sealdesk_wait_seconds summary",
        'sealdesk_wait_seconds{quantile="0.5"} NaN',
        "sealdesk_wait_seconds_sum 4.5",
        "sealdesk_wait_seconds_count 2",
        "",
      ].join("\n"),
    );
  });
  it("refuses invalid names", () => {
    expect(() => prometheusText([{ name: "bad-name", help: "", type: "gauge", samples: [] }])).toThrow(/invalid metric name/);
    expect(() => prometheusText([{ name: "ok", help: "", type: "gauge", samples: [{ labels: { "a-b": "x" }, value: 1 }] }])).toThrow(/invalid label name/);
  });
});
