import { describe, expect, it } from "vitest";
import { CONVERSATION_EVENT, PRECHAT_FIELD, ROUTING_EVENT } from "../../lib/conversation/event-types";
import { CONVERSATION_TYPE, PRECHAT_KEY, ROUTING_TYPE } from "./past-conversations";

describe("past conversations' event types", () => {
  it("are the conversation and routing state events of lib/conversation", () => {
    expect(CONVERSATION_TYPE).toBe(CONVERSATION_EVENT);
    expect(ROUTING_TYPE).toBe(ROUTING_EVENT);
    expect(PRECHAT_KEY).toBe(PRECHAT_FIELD);
  });
});
