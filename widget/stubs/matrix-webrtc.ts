// Stands in for matrix-js-sdk's lib/webrtc/* in the chat frame's bundle. The
// frame makes no calls: its client runs with `disableVoip`, and
// supportsMatrixCall() says no, so none of this is ever constructed except the
// MediaHandler the client creates (inert here). Same exports, ~110 KiB less.
const leftOut = (what: string): Error => new Error(`${what} is left out of the Sealdesk chat frame (no VoIP)`);

export const supportsMatrixCall = (): boolean => false;
export const createNewMatrixCall = (): never => {
  throw leftOut("createNewMatrixCall");
};

class LeftOut {
  constructor() {
    throw leftOut(new.target.name);
  }
}
export class CallEventHandler extends LeftOut {}
export class GroupCallEventHandler extends LeftOut {}
export class GroupCall extends LeftOut {}
export class StatsReport extends LeftOut {}

/** The client creates one in its constructor and never uses it without VoIP. */
export class MediaHandler {
  constructor(_client: unknown) {}
  stopAllStreams(): void {}
}

export const CallEvent = {};
export const GroupCallEvent = {};
export const GroupCallIntent = {};
export const GroupCallState = {};
export const GroupCallType = {};
export const GroupCallStatsReportEvent = {};
export const MediaHandlerEvent = {};
export const CallFeedEvent = {};
