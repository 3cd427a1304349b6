/**
 * The first of `offered` (in our order of preference) that an Accept-Encoding
 * header accepts, or null for none (send the identity encoding). An entry with
 * q=0 refuses that coding; `*` accepts any coding not named.
 */
export function pickEncoding(acceptEncoding: string, offered: readonly string[]): string | null {
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (!coding) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(coding.trim(), Number.isFinite(value) ? value : 0);
  }
  return offered.find((c) => (q.get(c) ?? q.get("*") ?? 0) > 0) ?? null;
}
