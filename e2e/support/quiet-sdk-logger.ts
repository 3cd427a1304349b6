import { logger } from "matrix-js-sdk/lib/logger.js";

/**
 * matrix-js-sdk logs some things through its global logger whatever a client's own
 * `logger` option says (the send queue, pending events, MatrixRTC): warnings and errors
 * only, in the test processes, so the suite's output shows what matters.
 */
export function quietSdkRootLogger(level: "warn" | "error" = "warn"): void {
  (logger as unknown as { setLevel(level: string): void }).setLevel(level);
}
