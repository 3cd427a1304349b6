const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Checks an endpoint URL an operator registers: https only, except plain http
 * to this machine when `allowLocalHttp` (development and tests). No
 * credentials in the URL (they would show in the console and the logs).
 * Answers an error message, or null when acceptable.
 */
export function webhookUrlProblem(raw: string, allowLocalHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://example.com/hooks/sealdesk";
  }
  if (url.username || url.password) return "The URL must not contain a user name or password";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return null;
  return allowLocalHttp ? "Use https (plain http only to localhost)" : "Use https";
}
