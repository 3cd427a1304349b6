"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fetchSiteRetentions, queryKeys, saveSiteRetention } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";

type Site = { id: string; name: string };
type Retention = { id: string; retentionDays: number };

/** One site's retention field and its Save; the answer the server gave is what the cache keeps. */
function RetentionRow({ site, days }: { site: Site; days: number | undefined }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: saveSiteRetention,
    onSuccess: (r) => {
      queryClient.setQueryData<Retention[]>(queryKeys.retention, (all = []) => [...all.filter((x) => x.id !== r.id), r]);
      setSaved(
        r.retentionDays === 0 ? `${site.name}: conversations are kept` : `${site.name}: conversations are erased ${r.retentionDays} days after they close`,
      );
    },
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    setSaved(null);
    save.mutate({ siteId: site.id, retentionDays: Number(new FormData(e.currentTarget).get("retentionDays")) });
  };
  return (
    <form onSubmit={onSubmit} aria-label={`Retention of ${site.name} (${site.id})`} key={days}>
      <label>
        {site.name}: days after a conversation closes before it is erased (0 keeps it)
        <input name="retentionDays" type="number" required min={0} max={3650} step={1} defaultValue={days ?? ""} disabled={days === undefined} />
      </label>{" "}
      <button type="submit" disabled={save.isPending || days === undefined}>
        Save retention
      </button>
      <FormAlert error={save.error?.message} />
      {saved && (
        <p role="status" className="muted small">
          {saved}
        </p>
      )}
    </form>
  );
}

/**
 * Each site's retention (issue 14): after it, the retention job purges the
 * room from the server, erases the visitor's account when nothing else of
 * theirs is left, and the agents' consoles delete the room's keys.
 */
export function RetentionPanel({ sites }: { sites: Site[] }) {
  const retentions = useQuery({ queryKey: queryKeys.retention, queryFn: fetchSiteRetentions });
  const daysOf = (id: string): number | undefined => retentions.data?.find((r) => r.id === id)?.retentionDays;
  return (
    <section className="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <p className="muted small">
        After this many days the conversation is deleted from the server with its messages, the agents&apos; consoles delete its keys, and the visitor&apos;s
        account goes once nothing else of theirs is left. Counts for the metrics are kept.
      </p>
      <FormAlert error={retentions.error ? `Could not load the retention settings: ${retentions.error.message}` : null} />
      {sites.map((s) => (
        <RetentionRow key={s.id} site={s} days={daysOf(s.id)} />
      ))}
    </section>
  );
}
