import type { MatrixClient } from "matrix-js-sdk";
import { holdsForUnknown } from "../../lib/roster/check-unknown-members";
import type { RoutingContent } from "../../lib/conversation/event-types";
import { supervisorRefusal } from "../../lib/roster/reader-role";
import { readerWarning } from "../../lib/roster/reader-warning";
import { orgKeySchema } from "../../lib/roster/roster";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { rosterChecks } from "./roster-checks";

// While something blocks sending, the check runs again this often (the roster may be re-signed, the stranger may leave).
const RECHECK_MS = 3_000;

/** The organisation-key check of the widget: see {@link createRosterGuard}. */
export type RosterGuard = {
  /** Whether the embed carries an organisation key (false: degraded mode, shown as "not verified"). */
  readonly verified: boolean;
  /** Resolves once every user `users()` names may read what the visitor encrypts; meanwhile shows why not and re-checks. */
  waitUntilSafe(users: () => string[]): Promise<void>;
  /** True when these users may be given keys now (e.g. before inviting a reader). Shows the warning otherwise. */
  allows(users: string[]): Promise<boolean>;
  /**
   * True when the router's reader may be invited now: {@link RosterGuard.allows} for them, and, if the routing
   * state lists them as a supervisor, the verified roster signs them as supervisor of that team (none without a key).
   */
  allowsReader(reader: string, routing: RoutingContent): Promise<boolean>;
  /** True while a send waits in {@link RosterGuard.waitUntilSafe} (the outbox keeps it pending, not failed). */
  readonly holding: boolean;
  /** Re-checks these users (the room's members changed) and shows or clears the warning; never blocks. */
  review(users: string[]): void;
  /** Degraded mode: the visitor chose to continue with this member present (that member only). */
  confirm(userId: string): void;
};

type Deps = {
  client: MatrixClient;
  orgKeyParam: string | null;
  routerUserId: string;
  t: WidgetStrings;
  onWarning(text: string | null): void;
  /** Degraded mode: the members the visitor may confirm (empty: none waits for a confirmation). */
  onConfirmNeeded?(userIds: string[]): void;
  /** Sending started or stopped being held (the bubbles say "Held" meanwhile). */
  onHoldingChange?(): void;
};

/**
 * Enforces the embed snippet's organisation key (DESIGN.md, trust model 4):
 * the roster the app serves must be signed by the key in `data-org-key`
 * (the snippet wins over the server), and every member the visitor's client
 * would encrypt to must be on it with exactly the master key the crypto layer
 * sees for them; the router only while it has no device and no identity.
 * A rostered identity that changed (and the roster now names) is pinned, so
 * sending resumes once an operator has re-signed the roster.
 * Without a key (degraded mode), every member who is not the router or an
 * agent the app lists is named, and sending waits until the visitor confirms
 * each of them.
 */
export function createRosterGuard(o: Deps): RosterGuard {
  const { client, t } = o;
  const orgKey = o.orgKeyParam === null ? null : orgKeySchema.safeParse(o.orgKeyParam).success ? o.orgKeyParam : "";
  const confirmed = new Set<string>();
  const { refresh, problems, unknown, verified } = rosterChecks(client, orgKey, o.routerUserId, confirmed);

  let lastUsers: string[] = [];
  // Checks overlap (a review per membership event, the outbox's own): each awaits the network, so
  // they can finish out of order. Only the latest started one, which saw the newest members, may
  // show or clear the warning; an older one finishing late would show a stale member list.
  let latest = 0;
  const check = async (users: string[]): Promise<boolean> => {
    lastUsers = users;
    const mine = ++latest;
    if (orgKey === null) {
      const flagged = await unknown(users);
      if (mine === latest) {
        o.onWarning(
          flagged.length
            ? t.unknownMembers(
                flagged.map((u) => u.userId),
                holdsForUnknown(flagged),
              )
            : null,
        );
        o.onConfirmNeeded?.(flagged.filter((u) => !u.confirmed).map((u) => u.userId));
      }
      return !holdsForUnknown(flagged);
    }
    const p = await problems(users);
    if (mine === latest) o.onWarning(readerWarning(p, t));
    return p !== "refused" && !p.length;
  };

  // Without a key, fetch the agent list at once: a network cut later keeps it (an empty list would flag the agent).
  if (orgKey === null) void refresh();
  let holding = false;
  let wake: (() => void) | null = null;
  o.onWarning(null);
  return {
    verified: orgKey !== null,
    get holding() {
      return holding;
    },
    allows: check,
    // A supervisor the server made and the organisation did not sign is not invited (and not a warning: not a member).
    allowsReader: async (reader, routing) => !supervisorRefusal(await verified(), routing, reader) && (await check([reader])),
    async waitUntilSafe(users) {
      try {
        while (!(await check(users()))) {
          if (!holding) {
            holding = true;
            o.onHoldingChange?.();
          }
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, RECHECK_MS);
          });
        }
      } finally {
        wake = null;
        if (holding) {
          holding = false;
          o.onHoldingChange?.();
        }
      }
    },
    review(users) {
      // A held send checks again at once with the room's members (a stranger left), not at its next 3 s re-check.
      if (wake) wake();
      else void check(users).catch(() => {});
    },
    confirm(userId) {
      confirmed.add(userId);
      if (wake) wake();
      else void check(lastUsers).catch(() => {});
    },
  };
}
