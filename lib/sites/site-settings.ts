import { z } from "zod";

/** An exact origin: scheme://host[:port], http(s) only, nothing after it. */
const origin = z
  .string()
  .max(200)
  .refine((v) => {
    try {
      const u = new URL(v);
      const host = /^[a-z0-9.-]+$/.test(u.hostname) || /^\[[0-9a-f:.]+\]$/.test(u.hostname);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === v && host;
    } catch {
      return false;
    }
  }, "each allowed origin must be exactly scheme://host[:port], such as https://shop.example.com");

/** The settings an operator edits for a site (`/api/operator/sites`). */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(100),
  allowedOrigins: z
    .array(origin)
    .max(20)
    .refine((a) => new Set(a).size === a.length, "allowed origins must not repeat"),
  colour: z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "colour must be #rgb or #rrggbb"),
  greeting: z.string().trim().max(300),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "language must be a language tag such as en or fr-CA"),
  /** Null: the app's default limit. */
  visitorsPerHour: z.number().int().min(1).max(1_000_000).nullable(),
  teamId: z.string().max(64).nullable(),
  /** Ask the visitor's name and email (optional answers, sent encrypted) before the first message. Off when not given. */
  prechat: z.boolean().default(false),
  /** Show visitors whether the team is online, busy (with the usual reply time) or closed (until when). On when not given. */
  showStatus: z.boolean().default(true),
});

/** `POST /api/operator/sites`: a new site with its id. */
export const newSiteSchema = siteSettingsSchema.extend({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, "id must be 1-64 lowercase letters, digits or dashes"),
});

/** `PATCH /api/operator/sites`: the site's id and the settings that change. */
// Without the defaults: a PATCH that does not mention prechat or showStatus leaves it as it is.
export const siteUpdateSchema = siteSettingsSchema.extend({ prechat: z.boolean(), showStatus: z.boolean() }).partial().extend({ id: newSiteSchema.shape.id });

/** A site as the operator API returns it. */
export type SiteRecord = z.infer<typeof newSiteSchema>;

/** What the chat iframe may know about its site (served in the frame's HTML). */
export type PublicSiteConfig = { name: string; colour: string; greeting: string; language: string; prechat: boolean };

/** The embed snippet an operator pastes into the site's pages. */
export function embedSnippet(appOrigin: string, siteId: string, orgKey?: string | null): string {
  return `<script src="${appOrigin}/widget.js" data-site="${siteId}"${orgKey ? ` data-org-key="${orgKey}"` : ""} async></script>`;
}
