"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { embedSnippet, type SiteRecord } from "../../../lib/sites/site-settings";
import { queryKeys, saveSite } from "../../_console/console-api";
import { DataTable, NameAndId } from "../../_console/data-table";
import { FormAlert } from "../../_console/form-alert";
import { OptionList } from "../../_console/option-list";

type Team = { id: string; name: string };

const blank: SiteRecord = {
  id: "",
  name: "",
  allowedOrigins: [],
  colour: "#0b5cad",
  greeting: "",
  language: "en",
  visitorsPerHour: null,
  teamId: null,
  prechat: false,
  showStatus: true,
};

/** The site as the form describes it (the server checks every field). */
function siteFromForm(f: FormData, editing: SiteRecord): SiteRecord {
  const text = (k: string): string => String(f.get(k) ?? "").trim();
  const limit = text("visitorsPerHour");
  return {
    id: editing.id || text("id"),
    name: text("name"),
    allowedOrigins: text("allowedOrigins").split(/\s+/).filter(Boolean),
    colour: text("colour"),
    greeting: text("greeting"),
    language: text("language"),
    visitorsPerHour: limit ? Number(limit) : null,
    teamId: text("teamId") || null,
    prechat: f.get("prechat") === "on",
    showStatus: f.get("showStatus") === "on",
  };
}

/** The sites (rendered by the server, then kept in the query cache) and a save that updates them in place. */
function useSites(initialSites: SiteRecord[], onSaved: () => void) {
  const queryClient = useQueryClient();
  // Sorted by id, as the server lists them; only this page changes them.
  const { data: sites = initialSites } = useQuery({ queryKey: queryKeys.sites, queryFn: () => initialSites, initialData: initialSites, staleTime: Infinity });
  const save = useMutation({
    mutationFn: ({ site, isNew }: { site: SiteRecord; isNew: boolean }) => saveSite(site, isNew),
    onSuccess: (saved) => {
      queryClient.setQueryData<SiteRecord[]>(queryKeys.sites, (all = []) =>
        [...all.filter((s) => s.id !== saved.id), saved].sort((a, b) => a.id.localeCompare(b.id)),
      );
      onSaved();
    },
  });
  return { sites, save };
}

/** The registered sites with their embed snippets; `onEdit` opens a site's form. */
function SitesTable({
  sites,
  appOrigin,
  orgKey,
  onEdit,
}: {
  sites: SiteRecord[];
  appOrigin: string;
  orgKey: string | null;
  onEdit: (site: SiteRecord) => void;
}) {
  return (
    <DataTable
      caption="Registered sites"
      columns={["Site", "Allowed origins", "Embed snippet", { label: "Actions", hidden: true }]}
      rows={sites}
      rowKey={(s) => s.id}
      row={(s) => (
        <>
          <td>
            <NameAndId name={s.name} id={s.id} />
          </td>
          <td>{s.allowedOrigins.join(" ") || <span className="muted">none: the chat is refused everywhere</span>}</td>
          <td>
            {orgKey ? (
              <code className="small">{embedSnippet(appOrigin, s.id, orgKey)}</code>
            ) : (
              // Without the key the snippet lacks data-org-key: shown as incomplete, never as ready to paste.
              <>
                <p className="error small">
                  Incomplete: no organisation key yet, so this snippet does not protect visitors against a compromised server.{" "}
                  <a href="/operator/trust">Set up the organisation key</a>
                </p>
                <code className="small muted">{embedSnippet(appOrigin, s.id, null)}</code>
              </>
            )}
          </td>
          <td>
            <button type="button" className="secondary" onClick={() => onEdit(s)} aria-label={`Edit ${s.name}`}>
              Edit
            </button>
          </td>
        </>
      )}
    />
  );
}

/** The form's fields for a new site (with its id) or an existing one. */
function SiteFields({ editing, teams }: { editing: SiteRecord; teams: Team[] }) {
  return (
    <>
      {!editing.id && (
        <label>
          Id (letters, digits, dashes; used in the snippet)
          <input name="id" required pattern="[a-z0-9\-]{1,64}" />
        </label>
      )}
      <label>
        Name
        <input name="name" required defaultValue={editing.name} />
      </label>
      <label>
        Allowed origins (space or line separated, such as https://shop.example.com)
        <textarea name="allowedOrigins" rows={2} defaultValue={editing.allowedOrigins.join("\n")} />
      </label>
      <label>
        Colour
        <input name="colour" type="color" defaultValue={editing.colour} />
      </label>
      <label>
        Greeting
        <input name="greeting" maxLength={300} defaultValue={editing.greeting} />
      </label>
      <label>
        Language
        <input name="language" required defaultValue={editing.language} />
      </label>
      <label>
        New visitors per hour (empty: the server default)
        <input name="visitorsPerHour" type="number" min={1} defaultValue={editing.visitorsPerHour ?? ""} />
      </label>
      <label>
        <input name="prechat" type="checkbox" defaultChecked={editing.prechat} /> Ask for the visitor&apos;s name and email before the chat (optional answers,
        sent encrypted)
      </label>
      <label>
        <input name="showStatus" type="checkbox" defaultChecked={editing.showStatus} /> Show visitors the team&apos;s status (online, usual reply time, closed
        until when)
      </label>
      <label>
        Team
        <select name="teamId" defaultValue={editing.teamId ?? ""}>
          <option value="">Every agent</option>
          <OptionList options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        </select>
      </label>
    </>
  );
}

/** Lists the sites, with a form to add one or edit the selected one, and each site's embed snippet. */
export function SitesEditor({
  initialSites,
  teams,
  appOrigin,
  orgKey,
}: {
  initialSites: SiteRecord[];
  teams: Team[];
  appOrigin: string;
  orgKey: string | null;
}) {
  const [editing, setEditing] = useState<SiteRecord | null>(null);
  const { sites, save } = useSites(initialSites, () => setEditing(null));

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (editing) save.mutate({ site: siteFromForm(new FormData(e.currentTarget), editing), isNew: !editing.id });
  };
  const startEditing = (site: SiteRecord): void => {
    save.reset();
    setEditing(site);
  };

  return (
    <>
      <SitesTable sites={sites} appOrigin={appOrigin} orgKey={orgKey} onEdit={startEditing} />
      <p>
        <button type="button" onClick={() => startEditing(blank)}>
          Add a site
        </button>
      </p>
      {editing && (
        <form className="card" onSubmit={onSubmit} key={editing.id || "new"} aria-label={editing.id ? `Edit site ${editing.id}` : "New site"}>
          <h2>{editing.id ? `Edit ${editing.name}` : "New site"}</h2>
          <SiteFields editing={editing} teams={teams} />
          <FormAlert error={save.error?.message} />
          <p>
            <button type="submit" disabled={save.isPending}>
              Save
            </button>{" "}
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </p>
        </form>
      )}
    </>
  );
}
