// Builds the widget into public/ (git-ignored), where the app serves it:
// the loader as a tiny classic script, the chat frame as an ES module, and the
// crypto WebAssembly under a fixed name the frame initialises from.
import { copyFile, mkdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "public");
const require = createRequire(import.meta.url);

export async function buildWidget(): Promise<void> {
  await mkdir(path.join(out, "widget"), { recursive: true });
  await build({
    entryPoints: [path.join(root, "widget/loader.ts")],
    outfile: path.join(out, "widget.js"),
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
  });
  await build({
    entryPoints: [path.join(root, "widget/frame/main.ts")],
    outfile: path.join(out, "widget/frame.js"),
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    legalComments: "none",
    sourcemap: false,
  });
  await copyFile(path.join(root, "widget/frame.css"), path.join(out, "widget/frame.css"));
  const wasm = path.join(path.dirname(require.resolve("@matrix-org/matrix-sdk-crypto-wasm")), "pkg/matrix_sdk_crypto_wasm_bg.wasm");
  await copyFile(wasm, path.join(out, "widget/crypto.wasm"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWidget();
  for (const f of ["widget.js", "widget/frame.js", "widget/crypto.wasm"]) {
    console.log(`${f}: ${((await stat(path.join(out, f))).size / 1024).toFixed(1)} KiB`);
  }
}
