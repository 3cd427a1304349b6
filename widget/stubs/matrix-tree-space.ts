// Stands in for matrix-js-sdk's lib/models/MSC3089TreeSpace.js in the chat frame's bundle.
// File-tree spaces (MSC3089, unstable) are never created nor read by the frame. Same exports.
export const DEFAULT_TREE_POWER_LEVELS_TEMPLATE = {};

export class MSC3089TreeSpace {
  constructor() {
    throw new Error("File-tree spaces are left out of the Sealdesk chat frame");
  }
}
