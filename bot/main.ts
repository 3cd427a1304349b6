import { loadEnv } from "./env";
import { startRouter } from "./router";
import { createStore } from "./store";

const log = (msg: string): void => console.log(`[router] ${new Date().toISOString()} ${msg}`);

const env = loadEnv();
const { store, end } = createStore(env.DATABASE_URL);
const router = await startRouter(env, store, log);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void router
      .stop()
      .then(end)
      .finally(() => process.exit(0));
  });
}
