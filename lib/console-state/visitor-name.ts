// Friendly names for visitors who gave none: stable per visitor, never derived from anything they wrote.
const ADJECTIVES = [
  "Amber",
  "Brave",
  "Calm",
  "Clever",
  "Coral",
  "Cosmic",
  "Curious",
  "Daring",
  "Gentle",
  "Golden",
  "Happy",
  "Honest",
  "Jolly",
  "Kind",
  "Lively",
  "Lucky",
  "Mellow",
  "Misty",
  "Nimble",
  "Noble",
  "Olive",
  "Patient",
  "Polite",
  "Quiet",
  "Rapid",
  "Rosy",
  "Silver",
  "Sunny",
  "Swift",
  "Teal",
  "Witty",
  "Zesty",
] as const;
const ANIMALS = [
  "Badger",
  "Beaver",
  "Bison",
  "Crane",
  "Dolphin",
  "Falcon",
  "Ferret",
  "Finch",
  "Fox",
  "Gecko",
  "Heron",
  "Ibex",
  "Koala",
  "Lemur",
  "Lynx",
  "Marten",
  "Moose",
  "Narwhal",
  "Ocelot",
  "Otter",
  "Owl",
  "Panda",
  "Puffin",
  "Quail",
  "Raven",
  "Robin",
  "Seal",
  "Stoat",
  "Tapir",
  "Toucan",
  "Walrus",
  "Wren",
] as const;

/** FNV-1a (32 bits): a fast, stable string hash (not a security function). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A friendly name ("Brave Otter") for a visitor who gave none, from a hash of
 * their Matrix user id: the same visitor always gets the same name, in every
 * console, without storing anything.
 */
export function generatedVisitorName(userId: string): string {
  const h = fnv1a(userId);
  return `${ADJECTIVES[h % ADJECTIVES.length]} ${ANIMALS[(h >>> 16) % ANIMALS.length]}`;
}

/** Where a visitor's shown name comes from. */
export type VisitorNameSource = "verified" | "prechat" | "generated";

/** Names longer than this are cut (a name is a label, not a message). */
export const MAX_NAME_LENGTH = 60;

function clean(name: string | null | undefined): string | null {
  // One line, no control characters, trimmed: it is shown as text in a one-line row.
  // eslint-disable-next-line no-control-regex
  const line = (name ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (!line) return null;
  return line.length > MAX_NAME_LENGTH ? `${line.slice(0, MAX_NAME_LENGTH - 1)}…` : line;
}

/**
 * The name the console shows for a visitor: the verified name (a known
 * customer), else the pre-chat answer, else a generated one.
 */
export function visitorDisplayName(input: { userId: string; prechatName?: string | null; verifiedName?: string | null }): {
  name: string;
  source: VisitorNameSource;
} {
  const verified = clean(input.verifiedName);
  if (verified) return { name: verified, source: "verified" };
  const prechat = clean(input.prechatName);
  if (prechat) return { name: prechat, source: "prechat" };
  return { name: generatedVisitorName(input.userId), source: "generated" };
}
