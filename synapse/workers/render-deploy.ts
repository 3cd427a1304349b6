// CLI: writes the worker deployment's files for docker-compose.yml (deploy/synapse/workers/,
// deploy/nginx/nginx.conf) from synapse/workers/layout.ts. Run after changing the layout.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deployFiles } from "./deploy-files";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
for (const [rel, text] of Object.entries(deployFiles())) {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), text);
  console.log(`wrote ${rel}`);
}
