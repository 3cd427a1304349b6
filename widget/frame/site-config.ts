import type { PublicSiteConfig } from "../../lib/sites/site-settings";
import { readWidgetStatus, type WidgetStatus } from "../../lib/widget-protocol/widget-status";

/** The site's public settings and build asset names, as the frame route wrote them into the page. */
export type FrameConfig = PublicSiteConfig & { wasmUrl: string; replyEmailPingMs: number; status: WidgetStatus | null };

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Reads the settings from `#app`'s data attributes; the embed's `data-color`
 * and `data-lang` (passed by the loader in the frame URL) win over the site's.
 * Applies the colour to the page right away.
 */
export function readFrameConfig(root: HTMLElement): FrameConfig {
  const d = root.dataset;
  const params = new URLSearchParams(location.search);
  const pick = (embed: string | null, site: string | undefined, re: RegExp, fallback: string): string =>
    embed && re.test(embed) ? embed : site && re.test(site) ? site : fallback;
  const config = {
    name: d.siteName ?? "",
    greeting: d.greeting ?? "",
    colour: pick(params.get("color"), d.colour, HEX, "#0b5cad"),
    language: pick(params.get("lang"), d.language, LANG, "en"),
    prechat: d.prechat === "1",
    wasmUrl: d.wasm ?? "",
    // Reply emails offered: how often an open widget says so (0: not offered).
    replyEmailPingMs: Math.max(0, Number(d.emailPing ?? 0) * 1000 || 0),
    // The team's status, unless the site hides it (then no data-status).
    status: readWidgetStatus(d),
  };
  // CSSOM, not a style attribute: allowed under style-src 'self'.
  document.documentElement.style.setProperty("--accent", config.colour);
  return config;
}
