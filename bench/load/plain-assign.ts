// The floor's stand-in for routing: which agent takes the next conversation.

/**
 * The index of the least loaded agent with room under `capacity` (the first of equals),
 * or null when every agent is full: conversations spread over agents as routing spreads them.
 */
export function pickAgent(agents: readonly { load: number }[], capacity: number): number | null {
  let best: number | null = null;
  agents.forEach((a, i) => {
    if (a.load < capacity && (best === null || a.load < agents[best]!.load)) best = i;
  });
  return best;
}
