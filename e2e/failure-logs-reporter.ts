import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** When a test fails, prints the recent output of the router and the app, which the tests otherwise keep quiet. */
export default class FailureLogsReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    const dir = process.env.SEALDESK_LOG_DIR;
    if (result.status === "passed" || result.status === "skipped" || !dir) return;
    for (const name of ["router.log", "app.log"]) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const tail = readFileSync(file, "utf8").trimEnd().split("\n").slice(-40).join("\n");
      console.log(`\n--- last lines of ${name} after "${test.title}" ---\n${tail}\n`);
    }
  }
}
