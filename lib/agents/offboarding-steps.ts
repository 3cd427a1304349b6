/** What an offboarding has done so far (the `offboardings` row; null fields: not done yet). */
export type OffboardingProgress = {
  rosterDone: boolean;
  reroutedAt: Date | null;
  kicksCheckedAt: Date | null;
  deactivatedAt: Date | null;
  finishedAt: Date | null;
};

/** The steps of an offboarding, in order. */
export type OffboardingStep = "roster" | "reroute" | "kicks" | "deactivate" | "finish";

/**
 * The first step an offboarding has not done yet, or null when it is finished.
 * Steps run in order: the roster first (from then on no widget encrypts to
 * them), then the re-routing (the router kicks them from every open
 * conversation), then the check that the kicks happened, then the Synapse
 * deactivation (devices and tokens gone). A request that failed halfway is
 * resumed from here by the next one. Pure.
 */
export function nextOffboardingStep(p: OffboardingProgress): OffboardingStep | null {
  if (!p.rosterDone) return "roster";
  if (!p.reroutedAt) return "reroute";
  if (!p.kicksCheckedAt) return "kicks";
  if (!p.deactivatedAt) return "deactivate";
  if (!p.finishedAt) return "finish";
  return null;
}

/** Who asks to offboard whom. */
export type OffboardRequest = {
  caller: string;
  target: { userId: string; role: "agent" | "operator"; offboarded: boolean } | null;
  /** Operators not offboarded, the target included. */
  operators: number;
};

/**
 * Why an offboarding request is refused (status and message), or null when it
 * may go ahead. Offboarding oneself is refused (another operator does it:
 * that also keeps the last operator); an already offboarded agent is not
 * refused, so that a second request finishes what is left. Pure.
 */
export function offboardRefusal(r: OffboardRequest): { status: number; message: string } | null {
  if (!r.target) return { status: 404, message: "No such agent" };
  if (r.target.userId === r.caller)
    return { status: 409, message: "You cannot offboard yourself: another operator must do it (an install always keeps an operator)" };
  if (r.target.role === "operator" && !r.target.offboarded && r.operators <= 1)
    return { status: 409, message: "This is the last operator: make someone else an operator first" };
  return null;
}
