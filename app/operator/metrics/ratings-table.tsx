import type { RatingLine, RatingReport } from "../../../lib/rating/rating-report";

const average = (l: RatingLine): string => (l.average === null ? "–" : `${l.average.toFixed(2)} / 5`);

function Rows({ scope, lines, nameOf }: { scope: string; lines: readonly RatingLine[]; nameOf: (id: string) => string }) {
  return lines.map((l) => (
    <tr key={`${scope}:${l.id}`}>
      <th scope="row">{`${scope}: ${nameOf(l.id)}`}</th>
      <td>{average(l)}</td>
      <td>{l.ratings}</td>
    </tr>
  ));
}

/** Satisfaction ratings per agent, team and site: the scores visitors chose to share (their comments stay in the encrypted rooms). */
export function RatingsTable({
  report,
  agentName,
  teamName,
  siteName,
}: {
  report: RatingReport;
  agentName: (id: string) => string;
  teamName: (id: string) => string;
  siteName: (id: string) => string;
}) {
  return (
    <table className="card" aria-label="Satisfaction ratings">
      <caption>Satisfaction ratings (1–5 stars)</caption>
      <thead>
        <tr>
          <th scope="col">Who</th>
          <th scope="col">Average</th>
          <th scope="col">Ratings</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">All conversations</th>
          <td>{average(report.all)}</td>
          <td>{report.all.ratings}</td>
        </tr>
        <Rows scope="Agent" lines={report.agents} nameOf={agentName} />
        <Rows scope="Team" lines={report.teams} nameOf={teamName} />
        <Rows scope="Site" lines={report.sites} nameOf={siteName} />
      </tbody>
    </table>
  );
}
