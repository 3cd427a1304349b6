// HTML of the development OIDC provider's pages (scripts/oidc-dev-provider.ts).

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}
input{display:block;width:100%;padding:.4rem;margin-top:.25rem}button{margin:.75rem .5rem 0 0;padding:.4rem 1rem}.error{color:#b00020}</style>
</head><body><main>${body}</main></body></html>`;

/** The login form of one interaction; "Cancel" ends it with access_denied. */
export function loginPage(provider: string, uid: string, error?: string): string {
  const u = encodeURIComponent(uid);
  return page(
    `Sign in to ${provider}`,
    `<h1>${esc(provider)}</h1><p>Development identity provider: sign in to continue.</p>
<form method="post" action="/interaction/${u}/login">
<label>Username<input name="username" autocomplete="username" required autofocus></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required></label>
${error ? `<p role="alert" class="error">${esc(error)}</p>` : ""}
<button type="submit">Continue</button><button type="submit" formaction="/interaction/${u}/abort" formnovalidate>Cancel</button>
</form>`,
  );
}

/** Shown when an interaction cannot go on (expired, or opened twice). */
export function signedOutPage(provider: string, message: string): string {
  return page(
    `${provider}: sign-in failed`,
    `<h1>${esc(provider)}</h1><p role="alert">This sign-in could not go on: ${esc(message)}. Start again from the console.</p>`,
  );
}
