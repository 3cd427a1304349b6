import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLayout, type WorkerRole } from "./layout";
import { nginxConfig, ROUTES } from "./nginx";

let next = 9100;
const layout = defaultLayout(() => ({ host: "127.0.0.1", port: next++ }), { host: "127.0.0.1", port: 6379 });

/** Where nginx sends a path: the first matching regex location, else `location /` (main). */
const routeOf = (p: string): WorkerRole | "main" => ROUTES.find((r) => new RegExp(r.pattern).test(p))?.to ?? "main";

describe("ROUTES", () => {
  const room = "!abc:localhost";
  const cases: [string, WorkerRole | "main"][] = [
    ["/_matrix/client/v3/sync", "sync"],
    ["/_matrix/client/r0/sync", "sync"],
    ["/_matrix/client/v3/rooms/" + room + "/initialSync", "sync"],
    [`/_matrix/client/v3/rooms/${room}/send/m.room.encrypted/txn1`, "client"],
    [`/_matrix/client/v3/rooms/${room}/state/org.sealdesk.routing/`, "client"],
    [`/_matrix/client/v3/rooms/${room}/state`, "client"],
    [`/_matrix/client/v3/rooms/${room}/invite`, "client"],
    [`/_matrix/client/v3/rooms/${room}/join`, "client"],
    [`/_matrix/client/v3/rooms/${room}/kick`, "client"],
    [`/_matrix/client/v3/rooms/${room}/members`, "client"],
    [`/_matrix/client/v3/rooms/${room}/messages`, "client"],
    [`/_matrix/client/v3/join/${room}`, "client"],
    ["/_matrix/client/v3/createRoom", "client"],
    ["/_matrix/client/v3/login", "client"],
    ["/_matrix/client/v3/keys/upload", "client"],
    ["/_matrix/client/v3/keys/query", "client"],
    ["/_matrix/client/v3/keys/device_signing/upload", "client"],
    ["/_matrix/client/v3/room_keys/version", "client"],
    ["/_matrix/client/v3/user_directory/search", "client"],
    ["/_matrix/client/v3/profile/@v:localhost/displayname", "client"],
    ["/_matrix/client/v3/user/@a:localhost/filter", "client"],
    ["/_matrix/client/versions", "client"],
    [`/_matrix/client/v3/rooms/${room}/typing/@a:localhost`, "streams"],
    ["/_matrix/client/v3/sendToDevice/m.room.encrypted/txn2", "streams"],
    ["/_matrix/client/v3/user/@a:localhost/account_data/m.cross_signing.master", "streams"],
    [`/_matrix/client/v3/user/@a:localhost/rooms/${room}/tags`, "streams"],
    [`/_matrix/client/v3/rooms/${room}/receipt/m.read/$e`, "streams"],
    [`/_matrix/client/v3/rooms/${room}/read_markers`, "streams"],
    ["/_matrix/media/v3/upload", "media"],
    ["/_matrix/client/v1/media/download/localhost/abc", "media"],
    ["/_matrix/client/v1/media/config", "media"],
    ["/_synapse/admin/v1/media/localhost/abc", "media"],
    ["/_synapse/admin/v1/register", "main"],
    ["/_synapse/admin/v2/users/@a:localhost", "main"],
    [`/_synapse/admin/v1/rooms/${room}`, "main"],
    [`/_synapse/admin/v1/rooms/${room}/messages`, "main"],
    ["/_matrix/client/v3/pushrules/", "main"],
    ["/_matrix/client/v3/presence/@a:localhost/status", "main"],
    ["/_matrix/client/v3/register", "client"],
    // Single sign-on: Synapse keeps an SSO session in one process's memory, so every SSO step
    // goes to the same one (docs/workers.md): the main process. The m.login.token login itself
    // reads the token from the database and may go to a worker.
    ["/_matrix/client/v3/login/sso/redirect/oidc-sealdesk", "main"],
    ["/_matrix/client/v3/login/sso/redirect", "main"],
    ["/_synapse/client/oidc/callback", "main"],
    ["/_synapse/client/pick_idp", "main"],
    ["/_matrix/client/v3/auth/m.login.sso/fallback/web", "main"],
  ];
  it.each(cases)("%s goes to %s", (p, to) => {
    expect(routeOf(p)).toBe(to);
  });

  it("never sends the admin API to a client-facing generic worker", () => {
    for (const r of ROUTES) if (r.pattern.includes("_synapse/admin")) expect(r.to).toBe("media");
  });
});

describe("nginxConfig", () => {
  const conf = nginxConfig(layout, { listen: { host: "127.0.0.1", port: 8448 }, runDir: "/run/x", foreground: true, errorLog: "/run/x/error.log" });
  const httpOf = (name: string): string => {
    const w = layout.workers.find((x) => x.name === name)!;
    return `${w.http!.host}:${w.http!.port}`;
  };

  it("has one upstream per client-facing role, listing that role's workers", () => {
    for (const [role, worker] of [
      ["sync", "sync1"],
      ["client", "client1"],
      ["streams", "streams1"],
      ["media", "media1"],
    ]) {
      expect(conf).toMatch(new RegExp(`upstream synapse_${role} \\{\\n\\s+hash \\S+ consistent;\\n\\s+server ${httpOf(worker!)};`));
    }
    expect(conf).toContain(`server ${layout.main.http.host}:${layout.main.http.port};`);
    expect(conf).not.toMatch(/upstream synapse_events/); // persisters take no client request
  });

  it("lists the routes in order, then everything else to the main process", () => {
    const locations = [...conf.matchAll(/location (~ (\S+)|\/) \{ proxy_pass http:\/\/(\w+); \}/g)].map((m) => [m[2] ?? "/", m[3]]);
    expect(locations).toEqual([...ROUTES.map((r) => [r.pattern, `synapse_${r.to}`]), ["/", "synapse_main"]]);
  });

  it("listens where asked, in the foreground, and keeps its files in the run directory", () => {
    expect(conf).toContain("listen 127.0.0.1:8448;");
    expect(conf).toMatch(/^daemon off;$/m);
    expect(conf).toContain("pid /run/x/nginx.pid;");
    expect(conf).toContain("client_body_temp_path /run/x/client_body;");
    expect(nginxConfig(layout, { listen: { host: "0.0.0.0", port: 80 }, runDir: "/tmp", foreground: false, errorLog: "stderr" })).not.toContain("daemon off");
  });

  // nginx's own parser, where it is installed (CI installs it: .ci/run).
  it.skipIf(!existsSync("/usr/sbin/nginx"))("passes nginx -t", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nginx-test-"));
    try {
      const file = path.join(dir, "nginx.conf");
      writeFileSync(
        file,
        nginxConfig(layout, { listen: { host: "127.0.0.1", port: 8448 }, runDir: dir, foreground: true, errorLog: path.join(dir, "error.log") }),
      );
      const r = spawnSync("/usr/sbin/nginx", ["-t", "-p", dir, "-c", file, "-e", path.join(dir, "error.log")], { encoding: "utf8" });
      expect(r.stderr).toMatch(/syntax is ok/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
