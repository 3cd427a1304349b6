import type { IPushRules } from "matrix-js-sdk";

/**
 * The account's master push rule: an override with no conditions and no actions.
 * Enabled, it matches every event first, so Synapse's push-rule evaluation finds
 * no `notify` action and records no push action (no `event_push_actions` row).
 */
export const MASTER_RULE_ID = ".m.rule.master";

/**
 * Whether the master push rule must be enabled: true unless the account's rules
 * already have it enabled. A missing rule (or a missing rule set) also says true:
 * Synapse always has the base rule, and enabling it is harmless when it is already on.
 */
export function masterRuleNeedsEnabling(rules: Pick<IPushRules, "global"> | undefined | null): boolean {
  const master = rules?.global?.override?.find((rule) => rule.rule_id === MASTER_RULE_ID);
  return master?.enabled !== true;
}
