/** Fewest characters a secret storage passphrase may have. */
export const MIN_PASSPHRASE_LENGTH = 14;

/**
 * Why a passphrase is too weak to protect the agent's secret storage, or null
 * when it is acceptable. The passphrase is stretched with PBKDF2 (500,000
 * rounds, matrix-js-sdk), but the encrypted backup sits on the server, where an
 * attacker can guess offline: so we ask for length (a few unrelated words) and
 * refuse the obvious repetitions. Pure.
 */
export function passphraseProblem(passphrase: string): string | null {
  const p = passphrase.normalize("NFC");
  if ([...p].length < MIN_PASSPHRASE_LENGTH) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters: a few unrelated words work well.`;
  if (new Set(p.toLowerCase()).size < 6) return "Use more different characters: this passphrase repeats itself.";
  if (/^(.{1,4})\1+$/i.test(p)) return "Use more different characters: this passphrase repeats itself.";
  if (/^\d+$/.test(p)) return "Use words, not only digits.";
  return null;
}
