"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { holidaysFromText, rangesFromText, rangesToText } from "../../../lib/hours/hours-text";
import { WEEKDAYS, type TeamHours, type Weekday } from "../../../lib/hours/team-hours";
import { saveTeamHours } from "../../_console/console-api";
import { FormAlert } from "../../_console/form-alert";
import { OptionList } from "../../_console/option-list";

type TeamWithHours = { teamId: string; name: string; hours: TeamHours | null };

const DAY_NAMES: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const WEEK_ORDER: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** The hours the form describes, or the first thing wrong with them (the server checks every field again). */
function hoursFromForm(f: FormData): { hours: TeamHours | null } | { error: string } {
  if (f.get("alwaysOpen") === "on") return { hours: null };
  const weekly = {} as TeamHours["weekly"];
  for (const day of WEEKDAYS) {
    const parsed = rangesFromText(String(f.get(day) ?? ""));
    if (!parsed.ok) return { error: `${DAY_NAMES[day]}: ${parsed.error}` };
    weekly[day] = parsed.value;
  }
  return { hours: { timeZone: String(f.get("timeZone") ?? "").trim(), weekly, holidays: holidaysFromText(String(f.get("holidays") ?? "")) } };
}

/** Business hours per team: time zone, ranges per day, holidays; or always open. Outside them the widget says when the team replies. */
export function TeamHoursForm({ teams, timeZones }: { teams: TeamWithHours[]; timeZones: string[] }) {
  const router = useRouter();
  const [byTeam, setByTeam] = useState(() => new Map(teams.map((t) => [t.teamId, t.hours])));
  const [teamId, setTeamId] = useState(teams[0]?.teamId ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: saveTeamHours,
    onSuccess: (saved) => {
      setByTeam((m) => new Map(m).set(saved.teamId, saved.hours));
      router.refresh();
    },
  });
  if (teams.length === 0) return null;
  const hours = byTeam.get(teamId) ?? null;

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const parsed = hoursFromForm(new FormData(e.currentTarget));
    setFormError("error" in parsed ? parsed.error : null);
    if (!("error" in parsed)) save.mutate({ teamId, hours: parsed.hours });
  };
  const teamName = teams.find((t) => t.teamId === teamId)?.name ?? teamId;

  return (
    <form className="card" onSubmit={submit} aria-labelledby="team-hours-title">
      <h2 id="team-hours-title">Business hours</h2>
      <p className="muted small">Outside these hours the chat tells visitors when you reply; they can still write, and the conversation waits in the queue.</p>
      <label>
        Team
        <select
          name="teamId"
          value={teamId}
          onChange={(e) => {
            setTeamId(e.target.value);
            save.reset();
            setFormError(null);
          }}
        >
          <OptionList options={teams.map((t) => ({ value: t.teamId, label: t.name }))} />
        </select>
      </label>
      {/* Keyed by team (and its saved hours): switching team shows that team's hours. */}
      <fieldset key={`${teamId}:${JSON.stringify(hours)}`}>
        <legend>Hours of {teamName}</legend>
        <label>
          <input name="alwaysOpen" type="checkbox" defaultChecked={!hours} /> Always open (no business hours)
        </label>
        <label>
          Time zone
          <input name="timeZone" list="time-zones" defaultValue={hours?.timeZone ?? "UTC"} />
        </label>
        <datalist id="time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {WEEK_ORDER.map((day) => (
          <label key={day}>
            {DAY_NAMES[day]} (such as 09:00-12:00, 13:00-17:00; empty: closed)
            <input name={day} defaultValue={hours ? rangesToText(hours.weekly[day]) : ""} />
          </label>
        ))}
        <label>
          Holidays (closed all day; YYYY-MM-DD, one per line)
          <textarea name="holidays" rows={2} defaultValue={hours?.holidays.join("\n") ?? ""} />
        </label>
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        Save hours
      </button>
      <FormAlert error={formError ?? save.error?.message} />
      {save.isSuccess && <p role="status">Hours of {teamName} saved.</p>}
    </form>
  );
}
