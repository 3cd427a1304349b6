/**
 * Stand-in for `matrix-events-sdk` in the frame bundle (see widget/build.ts).
 * matrix-js-sdk uses it for extensible events and polls, which the chat never
 * shows; the package ships as ES5 with every event parser registered (~44 KB
 * minified). The four names matrix-js-sdk imports at run time keep their
 * behaviour: the namespaced values match, find and include as the originals
 * do, and no event parses as an extensible event (polls are ignored).
 */
export class NamespacedValue<S extends string | null | undefined, U extends string | null | undefined> {
  constructor(
    public readonly stable?: S,
    public readonly unstable?: U,
  ) {
    if (!unstable && !stable) throw new Error("One of stable or unstable values must be supplied");
  }

  get name(): string | null | undefined {
    return this.stable || this.unstable;
  }

  get altName(): string | null | undefined {
    return this.stable ? this.unstable : null;
  }

  matches(val: string): boolean {
    return (!!this.name && this.name === val) || (!!this.altName && this.altName === val);
  }

  findIn<T>(obj: Record<string, unknown> | undefined | null): T | undefined {
    let val: unknown;
    if (this.name) val = obj?.[this.name];
    if (!val && this.altName) val = obj?.[this.altName];
    return val as T | undefined;
  }

  includedIn(arr: string[]): boolean {
    return (!!this.name && arr.includes(this.name)) || (!!this.altName && arr.includes(this.altName));
  }
}

/** A namespaced value that prefers the unstable name. */
export class UnstableValue<S extends string | null | undefined, U extends string> extends NamespacedValue<S, U> {
  constructor(stable: S, unstable: U) {
    super(stable, unstable);
    if (!unstable) throw new Error("Unstable value must be supplied");
  }

  override get name(): string | null | undefined {
    return this.unstable;
  }

  override get altName(): string | null | undefined {
    return this.stable;
  }
}

/** No event is an extensible event in the frame. */
export class ExtensibleEvents {
  static parse(): null {
    return null;
  }
}

export const M_POLL_START = new UnstableValue("m.poll.start", "org.matrix.msc3381.poll.start");
