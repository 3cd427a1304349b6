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
