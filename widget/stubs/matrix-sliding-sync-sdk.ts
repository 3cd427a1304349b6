// Stands in for matrix-js-sdk's lib/sliding-sync-sdk.js in the chat frame's bundle.
// The frame syncs with /sync (it never passes `slidingSync` to the client), so the
// MSC3575 sync loop (~10 KiB minified) is never built. Same export.
export class SlidingSyncSdk {
  constructor() {
    throw new Error("Sliding sync is left out of the Sealdesk chat frame");
  }
}
