import { MsgType, type MatrixClient } from "matrix-js-sdk";
import type { RoomMessageEventContent } from "matrix-js-sdk/lib/types";
import { CUSTOMER_FIELD, PRECHAT_FIELD } from "../../lib/conversation/event-types";
import { sendMessageOnce } from "../../lib/matrix/send-message-once";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { CustomerProfile } from "../../lib/widget-protocol/customer-session-response";
import type { RosterGuard } from "./roster-guard";
import { readersOf } from "./visitor-outbox";

/**
 * A verified customer's name and email, sent into the new conversation exactly
 * as pre-chat answers are (an encrypted notice; the app never stores them),
 * marked as the customer's so the console can put them beside the "verified
 * customer" mark. The mark itself comes from the app, not from this notice:
 * any visitor could write such a notice.
 */
export async function introduceCustomer(client: MatrixClient, guard: RosterGuard, roomId: string, customer: CustomerProfile, t: WidgetStrings): Promise<void> {
  const name = customer.name ?? "";
  const email = customer.email ?? "";
  await guard.waitUntilSafe(() => readersOf(client, roomId)); // only rostered readers get the keys
  const content = { msgtype: MsgType.Notice, body: t.prechatSummary(name, email), [PRECHAT_FIELD]: { name, email }, [CUSTOMER_FIELD]: true };
  await sendMessageOnce(client, roomId, content as unknown as RoomMessageEventContent, `customer-intro-${roomId}`);
}
