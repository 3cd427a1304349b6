// Runs the Python unit tests of the visitor confinement module
// (synapse/modules/sealdesk_confinement_tests) with the venv's Python, so `npm run test:unit` covers them.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { ensureSynapseInstalled } from "../synapse-process";

const modulesDir = path.dirname(fileURLToPath(import.meta.url));
const python = path.join(modulesDir, "..", ".venv", "bin", "python");

beforeAll(ensureSynapseInstalled, 300_000);

it("passes the confinement module's Python unit tests", () => {
  const run = spawnSync(python, ["-m", "unittest", "discover", "-v", "-s", path.join(modulesDir, "sealdesk_confinement_tests"), "-t", modulesDir], {
    cwd: modulesDir,
    encoding: "utf8",
  });
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status, output).toBe(0);
  // A discovery that finds nothing also exits 0 on older Pythons: count what ran.
  const ran = Number(/^Ran (\d+) tests?/m.exec(output)?.[1] ?? 0);
  expect(ran, output).toBeGreaterThanOrEqual(51);
}, 60_000);
