// Single sign-on in the local stack: the development OIDC provider (scripts/oidc-dev-provider.ts)
// on its own port, Synapse's oidc_providers pointing at it, and the app's settings for the button.
import type { SynapseOidcOptions } from "../synapse/oidc-config";
import { newDevOidcSecrets, startOidcDevProvider, type DevOidcProvider } from "./oidc-dev-provider";
import { freePort } from "./processes";

/** `usersFile`: a JSON array of {username, password, name}, read at every sign-in (tests add their people). */
export type StackSsoOptions = { usersFile: string; name?: string; port?: number };

export type StackSso = {
  issuer: string;
  name: string;
  usersFile: string;
  /** For Synapse's config (the client secret goes there and nowhere else); the reserved names are scripts/bootstrap.ts's service accounts. */
  synapse: SynapseOidcOptions;
  /** For the app: what the sign-in button needs, no secret. */
  appEnv: Record<string, string>;
  /** Stops the provider (tests of a provider outage); start() brings the same provider back. */
  stop(): Promise<void>;
  start(): Promise<void>;
};

/** Starts the provider for a stack whose Synapse answers at `synapseUrl` and console at `appUrl`. */
export async function startStackSso(o: StackSsoOptions, synapseUrl: string, appUrl: string): Promise<StackSso> {
  const port = o.port ?? (await freePort());
  const name = o.name ?? "Sealdesk ID";
  const secrets = await newDevOidcSecrets();
  const launch = (): Promise<DevOidcProvider> =>
    startOidcDevProvider({ port, usersFile: o.usersFile, name, secrets, redirectUri: `${synapseUrl}/_synapse/client/oidc/callback` });
  let provider: DevOidcProvider | undefined = await launch();
  const issuer = provider.issuer;
  return {
    issuer,
    name,
    usersFile: o.usersFile,
    synapse: { issuer, clientId: provider.clientId, clientSecret: secrets.clientSecret, name, consoleUrl: appUrl, reservedLocalparts: ["router", "auditor"] },
    appEnv: { OIDC_ISSUER: issuer, OIDC_PROVIDER_NAME: name },
    stop: async () => {
      await provider?.stop();
      provider = undefined;
    },
    start: async () => {
      provider ??= await launch();
    },
  };
}
