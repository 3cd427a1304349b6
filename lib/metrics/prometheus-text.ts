/** One sample: a value with optional labels. */
export type Sample = { labels?: Record<string, string>; value: number; /** For summaries: the `_sum` and `_count` samples. */ suffix?: "_sum" | "_count" };
/** One metric family in the Prometheus text exposition format. */
export type Metric = { name: string; help: string; type: "gauge" | "counter" | "summary"; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

/**
 * Renders metric families as Prometheus text (version 0.0.4). Label values are
 * escaped; a metric or label name that is not valid throws rather than
 * producing an exposition a scraper would reject.
 */
export function prometheusText(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    if (!NAME.test(m.name)) throw new Error(`invalid metric name: ${m.name}`);
    lines.push(`# HELP ${m.name} ${m.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${m.name} ${m.type}`);
    for (const s of m.samples) {
      const labels = Object.entries(s.labels ?? {});
      for (const [k] of labels) if (!NAME.test(k) || k.includes(":")) throw new Error(`invalid label name: ${k}`);
      const suffix = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
      lines.push(`${m.name}${s.suffix ?? ""}${suffix} ${formatValue(s.value)}`);
    }
  }
  return lines.join("\n") + "\n";
}
