import { defineConfig } from "@playwright/test";

// Playwright cannot download its own browsers here: use Debian's Chromium.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 240_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"], ["./e2e/failure-logs-reporter.ts"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
    trace: "retain-on-failure",
  },
});
