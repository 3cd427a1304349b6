// No zod here: the widget imports this, and its bundle has a size budget.

/** The lowest score: 1 star. */
export const RATING_MIN = 1;
/** The highest score: 5 stars. */
export const RATING_MAX = 5;
