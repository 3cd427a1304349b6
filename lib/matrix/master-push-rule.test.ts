import type { IPushRule, IPushRules } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { MASTER_RULE_ID, masterRuleNeedsEnabling } from "./master-push-rule";

const rule = (rule_id: string, enabled: boolean): IPushRule => ({ rule_id, enabled, default: true, actions: [] });
const withOverrides = (override: IPushRule[] | undefined): IPushRules => ({ global: { override } });

describe("masterRuleNeedsEnabling", () => {
  it.each<[string, IPushRules | undefined | null, boolean]>([
    ["the server's defaults (master off)", withOverrides([rule(MASTER_RULE_ID, false), rule(".m.rule.suppress_notices", true)]), true],
    ["master already on: nothing to write", withOverrides([rule(".m.rule.suppress_notices", true), rule(MASTER_RULE_ID, true)]), false],
    ["no master in the override list", withOverrides([rule(".m.rule.suppress_notices", true)]), true],
    ["an empty override list", withOverrides([]), true],
    ["no override list", withOverrides(undefined), true],
    ["no rules at all", undefined, true],
    ["null rules", null, true],
    ["a user rule of another id that is on does not count", withOverrides([rule("master", true), rule(MASTER_RULE_ID, false)]), true],
  ])("%s", (_name, rules, expected) => {
    expect(masterRuleNeedsEnabling(rules)).toBe(expected);
  });
});
