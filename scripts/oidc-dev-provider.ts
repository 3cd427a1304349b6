// A real OpenID Connect provider for development and tests (the `oidc-provider` package):
// discovery, authorization code flow with PKCE, ID tokens signed with a fresh RS256 key,
// a login page a browser (or Chromium under Playwright) fills in, and users read from a
// JSON file at every sign-in, so a test can add its own. Synapse is its only client.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";
import { loginPage, signedOutPage } from "./oidc-dev-pages";

/** One person the provider knows: `username` becomes the Matrix localpart (preferred_username). */
export type DevIdpUser = { username: string; password: string; name: string };

export type DevOidcProvider = { issuer: string; clientId: string; clientSecret: string; stop(): Promise<void> };

/** The provider's keys: kept by the caller so that a restarted provider is the same one to Synapse. */
export type DevOidcSecrets = { clientSecret: string; cookieKey: string; jwk: Record<string, unknown> };

/** A fresh signing key (RS256), client secret and cookie key. */
export async function newDevOidcSecrets(): Promise<DevOidcSecrets> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" };
  return { clientSecret: randomBytes(24).toString("base64url"), cookieKey: randomBytes(32).toString("hex"), jwk };
}

/** Reads the users file: a JSON array of {@link DevIdpUser}; a missing file means nobody. */
async function readUsers(file: string): Promise<DevIdpUser[]> {
  const raw = await readFile(file, "utf8").catch(() => "[]");
  const list = JSON.parse(raw) as unknown;
  if (!Array.isArray(list)) throw new Error(`${file} must hold a JSON array of users`);
  return list.filter(
    (u): u is DevIdpUser =>
      typeof u === "object" && u !== null && typeof u.username === "string" && typeof u.password === "string" && typeof u.name === "string",
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += (chunk as Buffer).toString();
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

/**
 * Starts the provider on `port` (127.0.0.1) with one confidential client whose only
 * redirect URI is Synapse's OIDC callback.
 */
export async function startOidcDevProvider(opts: {
  port: number;
  usersFile: string;
  redirectUri: string;
  name: string;
  secrets: DevOidcSecrets;
}): Promise<DevOidcProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const clientId = "sealdesk-synapse";
  const { clientSecret, cookieKey, jwk } = opts.secrets;

  const config: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [cookieKey] },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
    // Synapse reads the profile from the signed ID token.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Short lives: a sign-in takes a minute; state is in memory (a restart signs everyone out of the IdP).
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const user = (await readUsers(opts.usersFile)).find((u) => u.username === sub);
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: user.name, preferred_username: user.username }) };
    },
  };
  const provider = new Provider(issuer, config);
  const callback = provider.callback();

  // The login step checks the password; the consent step is granted at once (Synapse is a first-party client).
  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    if (details.prompt.name === "consent") {
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
      grant.addOIDCScope("openid profile");
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    if (req.method === "GET") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(opts.name, uid));
    const form = await formBody(req);
    if (action === "abort") {
      return provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The sign-in was cancelled." },
        { mergeWithLastSubmission: false },
      );
    }
    const username = form.get("username") ?? "";
    const user = (await readUsers(opts.usersFile)).find((u) => u.username === username && u.password === form.get("password"));
    if (!user) return void res.writeHead(401, { "content-type": "text/html; charset=utf-8" }).end(loginPage(opts.name, uid, "Wrong username or password."));
    return provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
  };

  const server = createServer((req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(req.url ?? "");
    if (!m) return void callback(req, res);
    interaction(req, res, m[1]!, m[2]).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/html; charset=utf-8" }).end(signedOutPage(opts.name, e.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, "127.0.0.1", resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
