// The embedded app database: PGlite served over the PostgreSQL protocol by
// pglite-socket, with a query queue that keeps each connection's requests
// whole (see pglite-queue.ts). Usage: tsx scripts/pglite-server.ts --db=DIR --port=N
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { SyncAwareQueryQueue } from "./pglite-queue";

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const dataDir = arg("db");
const port = Number(arg("port"));
if (!dataDir || !Number.isInteger(port)) {
  console.error("usage: pglite-server.ts --db=DIR --port=N");
  process.exit(2);
}

const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 64 });
// pglite-socket hands this object to every connection's handler.
(server as unknown as { queryQueue: SyncAwareQueryQueue }).queryQueue = new SyncAwareQueryQueue(db);
await server.start();
console.log(`PGlite listening on 127.0.0.1:${port} (${dataDir})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server
      .stop()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}
