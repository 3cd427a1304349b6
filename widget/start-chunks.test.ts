import { describe, expect, it } from "vitest";
import { startChunks } from "./start-chunks";

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
});
