// Stands in for matrix-js-sdk's lib/embedded.js in the chat frame's bundle.
// RoomWidgetClient (a client running inside an Element widget) is never used
// by the frame, and it drags in matrix-widget-api (~100 KiB). Same exports.
export const RoomWidgetClientEvent = { PendingEventsChanged: "PendingEvent.pendingEventsChanged" } as const;

export class RoomWidgetClient {
  constructor() {
    throw new Error("RoomWidgetClient is left out of the Sealdesk chat frame");
  }
}
