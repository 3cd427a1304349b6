import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** What widget/build.ts wrote: content-hashed file names under public/widget/. */
export type WidgetManifest = {
  wasm: string;
  /** Chunks the frame loads at start (preloaded by the frame page). */
  startChunks?: string[];
  /** Per language, its strings' chunks (the frame loads one language at start). */
  languageChunks?: Record<string, string[]>;
};

const dir = path.join(process.cwd(), "public/widget");
let manifest: Promise<WidgetManifest> | undefined;

/** The build's manifest (read once; a new build means a new server start). */
export function widgetManifest(): Promise<WidgetManifest> {
  manifest ??= readFile(path.join(dir, "manifest.json"), "utf8").then((t) => JSON.parse(t) as WidgetManifest);
  return manifest;
}
