/** The part of esbuild's metafile this reads: each output's imports. */
export type ChunkMeta = { outputs: Record<string, { imports?: { path: string; kind: string }[] }> };

/**
 * The frame's files loaded at start: `entry` (public/widget/frame.js), the chunks it imports
 * statically (transitively), and matrix-js-sdk's crypto chunk, which the client imports
 * dynamically as soon as it starts (with its own static imports). The other dynamic imports
 * (rating, transcript, reply emails) are left for later. Paths as in the metafile.
 */
export function startChunks(meta: ChunkMeta, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (p: string): void => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const i of meta.outputs[p]?.imports ?? []) {
      if (i.kind === "import-statement" || (i.kind === "dynamic-import" && /rust-crypto/.test(i.path))) visit(i.path);
    }
  };
  visit(entry);
  return [...seen];
}

/**
 * Each language's strings chunk (`lang-<xx>-<hash>.js`, imported dynamically by the entry)
 * with the chunks it imports statically that the start set does not hold already: what a
 * visitor in that language loads at start besides {@link startChunks}. Keyed by language.
 */
export function languageChunks(meta: ChunkMeta, entry: string): Record<string, string[]> {
  const start = new Set(startChunks(meta, entry));
  const out: Record<string, string[]> = {};
  for (const i of meta.outputs[entry]?.imports ?? []) {
    const lang = i.kind === "dynamic-import" ? /\/lang-([a-z]{2})-[^/]*\.js$/.exec(i.path)?.[1] : undefined;
    if (!lang) continue;
    const own = [i.path, ...(meta.outputs[i.path]?.imports ?? []).filter((j) => j.kind === "import-statement").map((j) => j.path)];
    out[lang] = own.filter((p) => !start.has(p));
  }
  return out;
}
