import { PushRuleKind, type MatrixClient } from "matrix-js-sdk";
import { MASTER_RULE_ID, masterRuleNeedsEnabling } from "../lib/matrix/master-push-rule";

type PushRulesClient = Pick<MatrixClient, "getPushRules" | "setPushRuleEnabled">;

/**
 * Turns off Synapse's push notifications for the router's own account: enables its
 * master push rule, only if it is not already on (read first: a restart writes nothing).
 * The router never needs a notification; without this, Synapse records a push action
 * for it on every message of every live conversation (docs/capacity.md).
 */
export async function turnOffOwnPushes(client: PushRulesClient): Promise<"already off" | "turned off"> {
  if (!masterRuleNeedsEnabling(await client.getPushRules())) return "already off";
  await client.setPushRuleEnabled("global", PushRuleKind.Override, MASTER_RULE_ID, true);
  return "turned off";
}

/**
 * {@link turnOffOwnPushes} now, and again every `retryMs` until it succeeds (Synapse
 * may not answer yet when the router starts). Routing never waits for it.
 */
export function keepTurningOffOwnPushes(client: PushRulesClient, opts: { retryMs: number; log: (m: string) => void }): { stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const attempt = (): void => {
    turnOffOwnPushes(client).then(
      (outcome) => opts.log(`own push notifications ${outcome} (master push rule)`),
      (e: Error) => {
        opts.log(`could not turn off own push notifications, retrying: ${e.message.split("\n")[0]}`);
        if (!stopped) timer = setTimeout(attempt, opts.retryMs);
      },
    );
  };
  attempt();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
