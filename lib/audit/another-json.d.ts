// another-json ships no types: the one function we use.
declare module "another-json" {
  /** Matrix canonical JSON: keys sorted, no insignificant whitespace. */
  export function stringify(value: unknown): string;
}
