// Builds the widget into public/ (git-ignored), where the app serves it: the
// loader as a tiny classic script, the chat frame as an ES module, and the
// crypto WebAssembly stripped of debug sections, pre-compressed (brotli, gzip)
// under a content-hashed name that public/widget/manifest.json records.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { languageChunks, startChunks } from "./start-chunks";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "public");
const require = createRequire(import.meta.url);

/** One minified bundle of `entry` (relative to the repository) into `outfile` (relative to public/). */
function bundle(entry: string, outfile: string, options: BuildOptions): ReturnType<typeof build> {
  return build({ entryPoints: [path.join(root, entry)], outfile: path.join(out, outfile), bundle: true, minify: true, legalComments: "none", ...options });
}

export async function buildWidget(): Promise<void> {
  await mkdir(path.join(out, "widget"), { recursive: true });
  await bundle("widget/loader.ts", "widget.js", { format: "iife", target: "es2020" });
  // An ES module with chunks: what the chat needs later (rating, transcript, reply emails) loads
  // once the chat runs (dynamic import), so the first bytes stay within budget (docs/budgets.md).
  await rm(path.join(out, "widget/chunks"), { recursive: true, force: true });
  const frame = await build({
    entryPoints: { frame: path.join(root, "widget/frame/main.ts") },
    outdir: path.join(out, "widget"),
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    minify: true,
    legalComments: "none",
    treeShaking: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    // Module scripts are always decoded as UTF-8: keep non-ASCII text (unhomoglyph's
    // look-alike table) as is instead of \uXXXX escapes, a third smaller.
    charset: "utf8",
    sourcemap: false,
    // Libraries check NODE_ENV to leave out development-only code.
    define: { "process.env.NODE_ENV": '"production"' },
    drop: ["debugger"],
    plugins: [leaveOutUnused],
    metafile: true,
  });
  await writeFile(path.join(root, "public/widget/frame.meta.json"), JSON.stringify(frame.metafile));
  // The proof of work runs in a worker, off the frame's main thread (same origin: script-src 'self').
  await bundle("widget/pow-worker.ts", "widget/pow-worker.js", { format: "iife", target: "es2022", platform: "browser" });
  // A new visitor's proof of work starts from the frame page, before frame.js has loaded (a few hundred bytes).
  await bundle("widget/early-work.ts", "widget/early-work.js", { format: "iife", target: "es2022", platform: "browser" });
  await copyFile(path.join(root, "widget/frame.css"), path.join(out, "widget/frame.css"));
  await buildWasm();
  // The frame page preloads the chunks the frame needs at start (no waterfall after frame.js).
  const prefix = path.relative(root, path.join(out, "widget")) + "/";
  const start = startChunks(frame.metafile, `${prefix}frame.js`).map((p) => p.slice(prefix.length));
  const manifestFile = path.join(out, "widget/manifest.json");
  const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { wasm: string };
  // Each language's strings: the frame page preloads the one it expects (the rest load only when chosen).
  const languages = Object.fromEntries(
    Object.entries(languageChunks(frame.metafile, `${prefix}frame.js`)).map(([lang, files]) => [lang, files.map((p) => p.slice(prefix.length))]),
  );
  await writeFile(manifestFile, JSON.stringify({ ...manifest, startChunks: start.filter((p) => p !== "frame.js"), languageChunks: languages }));
}

/**
 * Parts of matrix-js-sdk the frame never runs, replaced by stubs with the same
 * exports (see widget/stubs/): the client for Element widgets (with
 * matrix-widget-api), VoIP (the frame's client has `disableVoip`),
 * matrix-events-sdk (extensible events and polls), sliding sync (the frame
 * uses /sync) and file-tree spaces (MSC3089).
 */
const leaveOutUnused: Plugin = {
  name: "leave-out-unused-matrix-js-sdk-parts",
  setup(b) {
    const sdkLib = `${path.sep}matrix-js-sdk${path.sep}lib${path.sep}`;
    const fromSdkRoot = (importer: string): boolean => importer.includes(sdkLib) && !importer.includes(`${sdkLib}webrtc${path.sep}`);
    b.onResolve({ filter: /^\.\/embedded\.js$/ }, (args) =>
      fromSdkRoot(args.importer) ? { path: path.join(root, "widget/stubs/matrix-embedded-client.ts") } : undefined,
    );
    b.onResolve({ filter: /^\.\/sliding-sync-sdk\.js$/ }, (args) =>
      fromSdkRoot(args.importer) ? { path: path.join(root, "widget/stubs/matrix-sliding-sync-sdk.ts") } : undefined,
    );
    b.onResolve({ filter: /^\.\/models\/MSC3089TreeSpace\.js$/ }, (args) =>
      fromSdkRoot(args.importer) ? { path: path.join(root, "widget/stubs/matrix-tree-space.ts") } : undefined,
    );
    b.onResolve({ filter: /^\.\/webrtc\// }, (args) => (fromSdkRoot(args.importer) ? { path: path.join(root, "widget/stubs/matrix-webrtc.ts") } : undefined));
    // Extensible events and polls (ES5, every parser registered): the chat shows neither.
    b.onResolve({ filter: /^matrix-events-sdk$/ }, (args) =>
      args.importer.includes(sdkLib) ? { path: path.join(root, "widget/stubs/matrix-events-sdk.ts") } : undefined,
    );
  },
};

/** Strips the crypto WebAssembly's debug and name sections (binaryen's wasm-opt), then compresses it. */
async function buildWasm(): Promise<void> {
  const source = path.join(path.dirname(require.resolve("@matrix-org/matrix-sdk-crypto-wasm")), "pkg/matrix_sdk_crypto_wasm_bg.wasm");
  const input = await readFile(source);
  // The name depends on the input and the tool's version: same wasm, same name, no rework.
  const tool = (JSON.parse(await readFile(require.resolve("binaryen/package.json"), "utf8")) as { version: string }).version;
  const name = `crypto.${createHash("sha256").update(input).update(tool).update("strip-v2").digest("hex").slice(0, 16)}.wasm`;
  const dir = path.join(out, "widget");
  const target = path.join(dir, name);
  if (!(await exists(`${target}.br`))) {
    for (const old of (await readdir(dir)).filter((f) => /^crypto\..*wasm/.test(f))) await rm(path.join(dir, old));
    // No optimisation pass, only stripping. Features come from the module's own target_features
    // section: `-all` would let binaryen write encodings browsers reject (compact imports).
    await promisify(execFile)(process.execPath, [require.resolve("binaryen/bin/wasm-opt"), "--strip-debug", "--strip-producers", source, "-o", target]);
    // Never ship a module this runtime cannot compile.
    await WebAssembly.compile(await readFile(target));
    const stripped = await readFile(target);
    await writeFile(`${target}.gz`, gzipSync(stripped, { level: 9 }));
    await writeFile(
      `${target}.br`,
      brotliCompressSync(stripped, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: stripped.length } }),
    );
  }
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify({ wasm: name }));
}

const exists = (f: string): Promise<boolean> =>
  stat(f).then(
    () => true,
    () => false,
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWidget();
  const { wasm } = JSON.parse(await readFile(path.join(out, "widget/manifest.json"), "utf8")) as { wasm: string };
  for (const f of ["widget.js", "widget/frame.js", `widget/${wasm}`, `widget/${wasm}.br`, `widget/${wasm}.gz`]) {
    const bytes = await readFile(path.join(out, f));
    console.log(`${f}: ${(bytes.length / 1024).toFixed(1)} KiB${f.endsWith(".js") ? `, ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzip` : ""}`);
  }
}
