import { describe, expect, it } from "vitest";
import { languageChunks, startChunks } from "./start-chunks";

const s = (path: string) => ({ path, kind: "import-statement" });
const d = (path: string) => ({ path, kind: "dynamic-import" });

describe("startChunks", () => {
  it("follows static imports and the crypto chunk, not the features loaded later", () => {
    const meta = {
      outputs: {
        "w/frame.js": { imports: [s("w/chunks/sdk.js"), s("w/chunks/shared.js"), d("w/chunks/rating-and-transcript-X.js")] },
        "w/chunks/sdk.js": { imports: [s("w/chunks/shared.js"), d("w/chunks/rust-crypto-Y.js")] },
        "w/chunks/rust-crypto-Y.js": { imports: [s("w/chunks/glue.js")] },
        "w/chunks/glue.js": {},
        "w/chunks/shared.js": {},
        "w/chunks/rating-and-transcript-X.js": { imports: [s("w/chunks/strings.js")] },
        "w/chunks/strings.js": {},
      },
    };
    expect(startChunks(meta, "w/frame.js").sort()).toEqual([
      "w/chunks/glue.js",
      "w/chunks/rust-crypto-Y.js",
      "w/chunks/sdk.js",
      "w/chunks/shared.js",
      "w/frame.js",
    ]);
  });

  it("gives each language's strings chunk with what it alone imports", () => {
    const meta = {
      outputs: {
        "w/frame.js": { imports: [s("w/chunks/shared.js"), d("w/chunks/lang-en-A.js"), d("w/chunks/lang-de-B.js"), d("w/chunks/rating-X.js")] },
        "w/chunks/shared.js": {},
        "w/chunks/en-main.js": {},
        "w/chunks/lang-en-A.js": { imports: [s("w/chunks/en-main.js"), s("w/chunks/shared.js")] },
        "w/chunks/lang-de-B.js": { imports: [s("w/chunks/shared.js")] },
        "w/chunks/rating-X.js": {},
      },
    };
    expect(languageChunks(meta, "w/frame.js")).toEqual({ en: ["w/chunks/lang-en-A.js", "w/chunks/en-main.js"], de: ["w/chunks/lang-de-B.js"] });
  });
});
