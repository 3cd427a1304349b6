"use client";

import { useState, type FormEvent } from "react";
import { embedSnippet, type SiteRecord } from "../../../lib/sites/site-settings";

type Team = { id: string; name: string };

const blank: SiteRecord = { id: "", name: "", allowedOrigins: [], colour: "#0b5cad", greeting: "", language: "en", visitorsPerHour: null, teamId: null, prechat: false };

/** Lists the sites, with a form to add one or edit the selected one, and each site's embed snippet. */
export function SitesEditor({ initialSites, teams, appOrigin, orgKey }: { initialSites: SiteRecord[]; teams: Team[]; appOrigin: string; orgKey: string | null }) {
  const [sites, setSites] = useState(initialSites);
  const [editing, setEditing] = useState<SiteRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string): string => String(f.get(k) ?? "").trim();
    const limit = text("visitorsPerHour");
    const site: SiteRecord = {
      id: editing?.id || text("id"),
      name: text("name"),
      allowedOrigins: text("allowedOrigins").split(/\s+/).filter(Boolean),
      colour: text("colour"),
      greeting: text("greeting"),
      language: text("language"),
      visitorsPerHour: limit ? Number(limit) : null,
      teamId: text("teamId") || null,
      prechat: f.get("prechat") === "on",
    };
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/operator/sites", { method: editing?.id ? "PATCH" : "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(site) });
      const body = (await res.json()) as SiteRecord & { error?: string };
      if (!res.ok) return setError(body.error ?? `HTTP ${res.status}`);
      setSites((all) => [...all.filter((s) => s.id !== body.id), body].sort((a, b) => a.id.localeCompare(b.id)));
      setEditing(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <table className="card">
        <caption>Registered sites</caption>
        <thead>
          <tr><th scope="col">Site</th><th scope="col">Allowed origins</th><th scope="col">Embed snippet</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <tr key={s.id}>
              <td>{s.name} <span className="muted small">{s.id}</span></td>
              <td>{s.allowedOrigins.join(" ") || <span className="muted">none: the chat is refused everywhere</span>}</td>
              <td>
                {orgKey ? (
                  <code className="small">{embedSnippet(appOrigin, s.id, orgKey)}</code>
                ) : (
                  // Without the key the snippet lacks data-org-key: shown as incomplete, never as ready to paste.
                  <>
                    <p className="error small">Incomplete: no organisation key yet, so this snippet does not protect visitors against a compromised server. <a href="/operator/trust">Set up the organisation key</a></p>
                    <code className="small muted">{embedSnippet(appOrigin, s.id, null)}</code>
                  </>
                )}
              </td>
              <td><button type="button" className="secondary" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>Edit</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p><button type="button" onClick={() => setEditing(blank)}>Add a site</button></p>
      {editing && (
        <form className="card" onSubmit={onSubmit} key={editing.id || "new"} aria-label={editing.id ? `Edit site ${editing.id}` : "New site"}>
          <h2>{editing.id ? `Edit ${editing.name}` : "New site"}</h2>
          {!editing.id && <label>Id (letters, digits, dashes; used in the snippet)<input name="id" required pattern="[a-z0-9\-]{1,64}" /></label>}
          <label>Name<input name="name" required defaultValue={editing.name} /></label>
          <label>Allowed origins (space or line separated, such as https://shop.example.com)<textarea name="allowedOrigins" rows={2} defaultValue={editing.allowedOrigins.join("\n")} /></label>
          <label>Colour<input name="colour" type="color" defaultValue={editing.colour} /></label>
          <label>Greeting<input name="greeting" maxLength={300} defaultValue={editing.greeting} /></label>
          <label>Language<input name="language" required defaultValue={editing.language} /></label>
          <label>New visitors per hour (empty: the server default)<input name="visitorsPerHour" type="number" min={1} defaultValue={editing.visitorsPerHour ?? ""} /></label>
          <label><input name="prechat" type="checkbox" defaultChecked={editing.prechat} /> Ask for the visitor&apos;s name and email before the chat (optional answers, sent encrypted)</label>
          <label>Team<select name="teamId" defaultValue={editing.teamId ?? ""}><option value="">Every agent</option>{teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select></label>
          {error && <p role="alert" className="error">{error}</p>}
          <p><button type="submit" disabled={busy}>Save</button> <button type="button" className="secondary" onClick={() => setEditing(null)}>Cancel</button></p>
        </form>
      )}
    </>
  );
}
