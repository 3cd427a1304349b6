/**
 * `value`, or a thrown error naming `what` when it is undefined or null. For
 * tests and benchmarks reading a row or an element they expect to exist: the
 * failure names what was missing instead of a TypeError further on.
 */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found none`);
  return value;
}
