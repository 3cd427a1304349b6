import { describe, expect, it } from "vitest";
import { notificationSetting, type NotificationFacts, type NotificationSetting } from "./notification-mode";

const base: NotificationFacts = { permission: "granted", pushSubscribed: false, pushAvailable: true, preference: null };

describe("notificationSetting", () => {
  const cases: { name: string; facts: Partial<NotificationFacts>; expected: NotificationSetting }[] = [
    { name: "never asked: off, every choice", facts: { permission: "default" }, expected: { mode: "off", choices: ["off", "open", "closed"], blocked: false } },
    { name: "allowed before the control existed: on while open", facts: {}, expected: { mode: "open", choices: ["off", "open", "closed"], blocked: false } },
    {
      name: "subscribed to push: even when closed",
      facts: { pushSubscribed: true, preference: "on" },
      expected: { mode: "closed", choices: ["off", "open", "closed"], blocked: false },
    },
    { name: "turned off (permission kept): off", facts: { preference: "off" }, expected: { mode: "off", choices: ["off", "open", "closed"], blocked: false } },
    {
      name: "no VAPID key or no Web Push: in-page only",
      facts: { pushAvailable: false },
      expected: { mode: "open", choices: ["off", "open"], blocked: false },
    },
    {
      name: "blocked in the browser: off, nothing else to choose",
      facts: { permission: "denied", pushSubscribed: true },
      expected: { mode: "off", choices: ["off"], blocked: true },
    },
    { name: "no Notification API", facts: { permission: "unsupported", pushAvailable: false }, expected: { mode: "off", choices: ["off"], blocked: false } },
  ];
  for (const c of cases) it(c.name, () => expect(notificationSetting({ ...base, ...c.facts })).toEqual(c.expected));
});
