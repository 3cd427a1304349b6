import { defineConfig } from "vitest/config";

// Unit tests live next to the code as *.test.ts; browser end-to-end tests are
// Playwright's (e2e/), not Vitest's.
export default defineConfig({
  // The "@/" import alias of tsconfig.json's paths.
  resolve: { tsconfigPaths: true },
  test: {
    include: ["{lib,bot,app,widget,drizzle,synapse,scripts,deploy,bench}/**/*.test.ts", "e2e/support/**/*.test.ts"],
    exclude: ["**/node_modules/**", "synapse/.venv/**"],
    testTimeout: 20_000,
  },
});
