import { isCurrentMatrixUserId } from "../matrix/user-id";
import type { ConversationAudit } from "./types";

/** A conversation's audit with the database facts the export adds. */
export type ExportedAudit = { siteId: string; visitorUserId: string; status: string; audit: ConversationAudit };

/**
 * One CSV field. Values are quoted; a value a spreadsheet would run as a
 * formula (device ids are chosen by whoever uploads the keys) gets a leading
 * apostrophe, except genuine Matrix user ids, which start with "@".
 */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (/^[=+\-\t\r]/.test(text) || (text.startsWith("@") && !isCurrentMatrixUserId(text))) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const auditCsvHeader = [
  "room_id",
  "site_id",
  "status",
  "member",
  "role",
  "membership",
  "on_roster",
  "master_key",
  "device_id",
  "device_status",
  "eligible",
  "device_present",
  "alerts",
  "alert_messages",
];

/**
 * The audit as CSV: one row per conversation × member × device (a member
 * without devices gets one row with an empty device), with the device's
 * cross-signing status and the alerts that concern that member or device.
 */
export function auditCsv(audits: ExportedAudit[]): string {
  const rows: (string | number | boolean)[][] = [auditCsvHeader];
  for (const { siteId, status, audit } of audits) {
    for (const m of audit.members) {
      const devices = m.devices.length ? m.devices : [null];
      for (const d of devices) {
        const alerts = audit.alerts.filter((a) => a.userId === m.userId && (!a.deviceId || a.deviceId === d?.deviceId));
        rows.push([
          audit.roomId,
          siteId,
          status,
          m.userId,
          m.role,
          m.membership,
          m.onRoster,
          m.masterKey ?? "",
          d?.deviceId ?? "",
          d?.status ?? "",
          d?.eligible ?? false,
          d?.present ?? "",
          [...new Set(alerts.map((a) => a.kind))].join(" "),
          alerts.map((a) => a.message).join(" | "),
        ]);
      }
    }
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
