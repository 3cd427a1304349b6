import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** What widget/build.ts wrote: content-hashed file names under public/widget/. */
export type WidgetManifest = { wasm: string };

const dir = path.join(process.cwd(), "public/widget");
let manifest: Promise<WidgetManifest> | undefined;

/** The build's manifest (read once; a new build means a new server start). */
export function widgetManifest(): Promise<WidgetManifest> {
  manifest ??= readFile(path.join(dir, "manifest.json"), "utf8").then((t) => JSON.parse(t) as WidgetManifest);
  return manifest;
}

/** The crypto WebAssembly in the best encoding the browser accepts (brotli, gzip, or none). */
export async function wasmAsset(name: string, acceptEncoding: string): Promise<{ body: Buffer; encoding: "br" | "gzip" | null } | null> {
  if (name !== (await widgetManifest()).wasm) return null;
  const accepts = (coding: string): boolean => acceptEncoding.split(",").some((p) => {
    const [c, ...params] = p.trim().split(";");
    return c.trim().toLowerCase() === coding && !params.some((q) => /^\s*q=0(\.0*)?\s*$/.test(q));
  });
  const encoding = accepts("br") ? "br" : accepts("gzip") ? "gzip" : null;
  const file = path.join(dir, encoding === "br" ? `${name}.br` : encoding === "gzip" ? `${name}.gz` : name);
  return { body: await readFile(file), encoding };
}
