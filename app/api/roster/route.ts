import { apiRoute } from "../../_server/api-route";
import { currentOrgTrust } from "../../_server/org-trust";
import { Refusal } from "../../_server/refusal";

export const dynamic = "force-dynamic";

/**
 * Public: the latest signed roster, for the widget. Served as stored, not
 * trusted: the widget verifies it against the key in its embed snippet.
 */
export const GET = apiRoute({ access: "public" }, async () => {
  const current = await currentOrgTrust();
  if (!current?.roster) throw new Refusal(404, "No roster is published yet");
  // Endorsements let a widget whose snippet carries an older key follow a rotation (it checks them itself).
  return { roster: current.roster, endorsements: current.endorsements };
});
