import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { freePort, startProcess, type Managed } from "../../scripts/processes";
import { ensureSynapseInstalled } from "../../synapse/synapse-process";

/** One message the local SMTP server received: its envelope recipients and the raw text. */
export type ReceivedMail = { file: string; to: string[]; raw: string };

/**
 * Starts the local SMTP server (aiosmtpd, from synapse/.venv) writing into
 * `folder`; resolves with the app's and router's SMTP settings for it.
 */
export async function startSmtpSink(root: string, folder: string, quiet: boolean): Promise<{ proc: Managed; env: Record<string, string> }> {
  // aiosmtpd is in synapse/requirements.txt: on a fresh machine the venv comes first (idempotent, quick after).
  await ensureSynapseInstalled();
  const port = await freePort();
  let ready: () => void = () => {};
  const started = new Promise<void>((r) => (ready = r));
  const proc = startProcess("smtp", path.join(root, "synapse/.venv/bin/python"), [path.join(root, "e2e/support/smtp-sink.py"), folder, String(port)], {
    cwd: root,
    quiet,
    onLine: (l) => l.trim() === "ready" && ready(),
  });
  await Promise.race([
    started,
    new Promise((_r, reject) =>
      setTimeout(() => reject(new Error("the SMTP sink did not start (is aiosmtpd in synapse/.venv? run bash synapse/install.sh)")), 20_000),
    ),
  ]);
  const env = {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(port),
    SMTP_SECURE: "false",
    EMAIL_FROM: "Sealdesk tests <support@sealdesk.test>",
    EMAIL_LINK_SECRET: randomBytes(32).toString("hex"),
  };
  return { proc, env };
}

/** Every message received so far, oldest first. */
export async function receivedMail(folder: string): Promise<ReceivedMail[]> {
  const files = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(
    files.map(async (f) => {
      const raw = await readFile(path.join(folder, f), "utf8");
      const to = /^X-Envelope-To: (.*)$/m.exec(raw)?.[1]?.split(", ") ?? [];
      return { file: f, to, raw };
    }),
  );
}

/**
 * The raw message and its decoded forms (quoted-printable soft breaks and
 * escapes undone, base64 bodies decoded): a text hidden by a transfer encoding
 * is still found.
 */
export function mailTexts(raw: string): string[] {
  const qp = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  const qpUtf8 = Buffer.from(qp, "latin1").toString("utf8");
  const base64Blocks = [...raw.matchAll(/\r?\n\r?\n((?:[A-Za-z0-9+/=]{8,}\r?\n)+)/g)].map((m) =>
    Buffer.from((m[1] ?? "").replace(/\s/g, ""), "base64").toString("utf8"),
  );
  return [raw, qpUtf8, ...base64Blocks];
}
