import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // matrix-js-sdk must exist once per bundle ("Multiple matrix-js-sdk entrypoints detected").
  transpilePackages: [],
  async headers() {
    return [
      {
        // Built by widget/build.ts; the bundles keep their names across releases (the wasm is content-hashed, see app/widget/wasm).
        source: "/widget/:file((?:frame\\.js|frame\\.css))",
        headers: [{ key: "cache-control", value: "public, max-age=3600" }],
      },
      {
        // The frame's chunks carry a content hash in their names (widget/build.ts): cached for good.
        source: "/widget/chunks/:file*",
        headers: [{ key: "cache-control", value: "public, max-age=31536000, immutable" }],
      },
      {
        source: "/:path*",
        headers: [
          { key: "x-content-type-options", value: "nosniff" },
          { key: "referrer-policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
