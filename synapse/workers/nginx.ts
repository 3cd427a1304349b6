// The reverse proxy in front of a Synapse worker deployment: nginx routes each request by
// path to the process Synapse's worker documentation (docs/workers.md) names for it. Pure:
// a layout in, nginx.conf text out.
import { withRole, type Endpoint, type WorkerLayout, type WorkerRole } from "./layout";

/** Which upstream a path goes to. Order matters: nginx takes the first matching regex location. */
export type Route = { pattern: string; to: WorkerRole; why: string };

const C = "^/_matrix/client/(api/v1|r0|v3|unstable)";
const C3 = "^/_matrix/client/(r0|v3|unstable)";

/**
 * The routing table, from Synapse's docs/workers.md ("generic_worker", "Stream writers",
 * "media_repository"). Anything unlisted (the admin API, push rules, presence, the
 * shared-secret registration) goes to the main process.
 */
export const ROUTES: readonly Route[] = [
  { pattern: "^/_matrix/client/(r0|v3)/sync$", to: "sync", why: "sync requests" },
  { pattern: "^/_matrix/client/(api/v1|r0|v3)/events$", to: "sync", why: "sync requests" },
  { pattern: "^/_matrix/client/(api/v1|r0|v3)/initialSync$", to: "sync", why: "sync requests" },
  { pattern: "^/_matrix/client/(api/v1|r0|v3)/rooms/[^/]+/initialSync$", to: "sync", why: "sync requests" },
  { pattern: `${C}/rooms/.*/typing`, to: "streams", why: "typing stream writer" },
  { pattern: `${C3}/sendToDevice/`, to: "streams", why: "to_device stream writer" },
  { pattern: `${C3}/.*/tags`, to: "streams", why: "account_data stream writer" },
  { pattern: `${C3}/.*/account_data`, to: "streams", why: "account_data stream writer" },
  { pattern: `${C3}/rooms/.*/receipt`, to: "streams", why: "receipts stream writer" },
  { pattern: `${C3}/rooms/.*/read_markers`, to: "streams", why: "receipts stream writer" },
  { pattern: "^/_matrix/media/", to: "media", why: "media repository" },
  { pattern: "^/_matrix/client/v1/media/", to: "media", why: "media repository" },
  { pattern: "^/_synapse/media/", to: "media", why: "media repository" },
  {
    pattern: "^/_synapse/admin/v1/(purge_media_cache$|room/.*/media|user/.*/media|media/|quarantine_media/|users/.*/media$)",
    to: "media",
    why: "media admin API",
  },
  { pattern: `${C}/(createRoom|publicRooms|joined_rooms|search)$`, to: "client", why: "client requests" },
  { pattern: `${C}/rooms/.*/(joined_members|members|state|messages)$`, to: "client", why: "client reads (messages: one worker per room, see the room hash)" },
  { pattern: `${C}/rooms/.*/(context|event|relations)/`, to: "client", why: "client reads" },
  { pattern: "^/_matrix/client/(v1|unstable)/rooms/.*/(relations/|threads$|hierarchy$|timestamp_to_event$)", to: "client", why: "client reads" },
  { pattern: `${C}/rooms/.*/(redact|send|state/)`, to: "client", why: "event sending (the confinement module runs here)" },
  { pattern: `${C}/rooms/.*/(join|invite|leave|ban|unban|kick)$`, to: "client", why: "event sending (the confinement module runs here)" },
  { pattern: `${C}/(join|knock|profile)/`, to: "client", why: "event sending, profiles" },
  { pattern: `${C3}/account/(3pid|whoami|deactivate)$`, to: "client", why: "client requests" },
  { pattern: `${C}/(devices(/|$)|directory/room/|voip/turnServer$)`, to: "client", why: "client requests" },
  { pattern: "^/_matrix/client/(r0|v3)/delete_devices$", to: "client", why: "client requests" },
  { pattern: `${C3}/(capabilities|notifications|password_policy|register|register/available)$`, to: "client", why: "client requests" },
  { pattern: `${C3}/user/.*/filter(/|$)`, to: "client", why: "client requests" },
  { pattern: `${C3}/user_directory/search$`, to: "client", why: "user directory (the confinement module hides people here)" },
  { pattern: `${C3}/(keys/query|keys/changes|keys/claim)$`, to: "client", why: "encryption requests" },
  { pattern: `${C3}/(room_keys/|keys/upload)`, to: "client", why: "encryption requests" },
  { pattern: `${C}/(keys/device_signing/upload|keys/signatures/upload|login)$`, to: "client", why: "encryption and login requests" },
  { pattern: "^/_matrix/client/versions$", to: "client", why: "client requests" },
];

export type NginxOptions = {
  listen: Endpoint;
  /** Directory for the pid file, logs and temporary files (must exist, writable by nginx's workers). */
  runDir: string;
  /** Run in the foreground (scripts) rather than as a daemon. */
  foreground: boolean;
  /** Where nginx writes its error log; `stderr` in a container. */
  errorLog: string;
};

const upstreamName = (role: WorkerRole): string => `synapse_${role}`;

function upstream(role: WorkerRole, servers: Endpoint[], key: string): string {
  return [
    `    upstream ${upstreamName(role)} {`,
    `        hash ${key} consistent;`,
    ...servers.map((s) => `        server ${s.host}:${s.port};`),
    "    }",
  ].join("\n");
}

/**
 * nginx.conf for the layout. Upstreams hash on the user (sync: one worker keeps a user's
 * sync state warm) or on the room (client: pagination of a room must stay on one worker, and
 * a room's writes then meet the same caches), so adding a worker to a role only needs a reload.
 */
export function nginxConfig(layout: WorkerLayout, opts: NginxOptions): string {
  const http = (role: WorkerRole): Endpoint[] => withRole(layout, role).flatMap((w) => (w.http ? [w.http] : []));
  const keyOf: Record<WorkerRole, string> = {
    sync: "$mxid_localpart",
    client: "$room_or_user",
    streams: "$mxid_localpart",
    media: "$request_uri",
    events: "$room_or_user",
  };
  const roles: WorkerRole[] = ["sync", "client", "streams", "media"];
  const locations = ROUTES.map((r) => `        # ${r.why}\n        location ~ ${r.pattern} { proxy_pass http://${upstreamName(r.to)}; }`);
  const d = opts.runDir;
  return `# Generated by synapse/workers/nginx.ts: do not edit by hand.
${opts.foreground ? "daemon off;\n" : ""}worker_processes 1;
pid ${d}/nginx.pid;
error_log ${opts.errorLog} warn;

events {
    worker_connections 1024;
}

http {
    access_log off;
    client_body_temp_path ${d}/client_body;
    proxy_temp_path ${d}/proxy;
    fastcgi_temp_path ${d}/fastcgi;
    uwsgi_temp_path ${d}/uwsgi;
    scgi_temp_path ${d}/scgi;

    # The user's localpart from a syt_ access token (header or query), as Synapse's docs show.
    map $arg_access_token $token_from_query {
        default $arg_access_token;
        "~syt_(?<qlocal>.*?)_.*" $qlocal;
    }
    map $http_authorization $mxid_localpart {
        default $http_authorization;
        "~Bearer syt_(?<hlocal>.*?)_.*" $hlocal;
        "" $token_from_query;
    }
    # The room of a /rooms/<id>/ path, else the user.
    map $uri $room_or_user {
        default $mxid_localpart;
        "~^/_matrix/client/[^/]+/rooms/(?<room>[^/]+)/" $room;
    }

${roles.map((r) => upstream(r, http(r), keyOf[r])).join("\n")}
    upstream synapse_main {
        server ${layout.main.http.host}:${layout.main.http.port};
    }

    server {
        listen ${opts.listen.host}:${opts.listen.port};
        # Synapse's own limit (max_upload_size) applies behind this one.
        client_max_body_size 50M;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        # Long-polling /sync holds a request up to its timeout (30 s in the clients).
        proxy_read_timeout 180s;
        proxy_request_buffering off;
        proxy_buffering off;

${locations.join("\n")}

        # Everything else: the admin API, registration, push rules, presence.
        location / { proxy_pass http://synapse_main; }
    }
}
`;
}
