// Checks the Docker deployment without a Docker engine (none runs in dev or
// CI): service wiring, the variables each process validates at start, the
// proxy's allow-list, Synapse's no-federation settings and pinned images.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { envSchema as appEnvSchema } from "../app/_server/env";
import { envSchema as botEnvSchema } from "../bot/env";
import { hasRouterNodeFlags } from "../bot/node-flags";
import { parse } from "yaml";
import { composeLayout, composeService, deployFiles } from "../synapse/workers/deploy-files";

// app/_server/env.ts is server-only in Next.js; read here for its schema alone.
vi.mock("server-only", () => ({}));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const read = (rel: string): string => readFileSync(path.join(root, rel), "utf8");

// Failsafe schema: every scalar stays a string, as the checks below compare text.
type Y = string | null | Y[] | { [key: string]: Y };
const parseYaml = (src: string): Y => parse(src, { schema: "failsafe" }) as Y;

// --- Helpers over the parsed documents.
type Obj = { [key: string]: Y };
const obj = (y: Y | undefined, what: string): Obj => {
  if (!y || typeof y !== "object" || Array.isArray(y)) throw new Error(`${what} must be a mapping`);
  return y;
};
const list = (y: Y | undefined): Y[] => (Array.isArray(y) ? y : []);

/** Keys of a process's zod env schema that have no default, i.e. must be set. */
/** The variables an env schema cannot do without (no default, not optional): read from the schema itself. */
function requiredEnv(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

/** A service's `environment`, in either the mapping or the KEY=value list form. */
function environmentOf(service: Obj): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => String(e).split(/=(.*)/s).slice(0, 2)));
  return Object.fromEntries(Object.entries(env ? obj(env, "environment") : {}).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}

const dependsOn = (service: Obj): Record<string, string> => {
  const d = service.depends_on;
  if (Array.isArray(d)) return Object.fromEntries(d.map((name) => [String(name), "service_started"]));
  return Object.fromEntries(
    Object.entries(d ? obj(d, "depends_on") : {}).map(([name, v]) => [name, String(obj(v, `depends_on.${name}`).condition ?? "service_started")]),
  );
};

const composeText = read("docker-compose.yml");
const compose = obj(parseYaml(composeText), "docker-compose.yml");
const services = obj(compose.services, "services");
const service = (name: string): Obj => obj(services[name], `services.${name}`);

describe("docker-compose.yml", () => {
  it("has the expected services", () => {
    const synapseProcesses = ["main", ...composeLayout().workers.map((w) => w.name)].map(composeService);
    expect(Object.keys(services).sort()).toEqual(["app", "migrate", "postgres", "proxy", "redis", "router", "synapse-proxy", ...synapseProcesses].sort());
  });

  it("depends only on services that exist, and waits on health only where a healthcheck exists", () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(obj(s, name)))) {
        expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
        expect(["service_started", "service_healthy", "service_completed_successfully"], `${name} -> ${dep}`).toContain(condition);
        if (condition === "service_healthy") expect(service(dep).healthcheck, `${dep} needs a healthcheck`).toBeTruthy();
      }
    }
  });

  it("starts app and router only after migrations succeeded and Synapse's proxy is healthy", () => {
    for (const name of ["app", "router"]) {
      expect(dependsOn(service(name))).toMatchObject({ migrate: "service_completed_successfully", "synapse-proxy": "service_healthy" });
    }
    expect(service("migrate").restart).toBe("no");
    expect(dependsOn(service("migrate"))).toMatchObject({ postgres: "service_healthy" });
  });

  it.each([
    ["app", "app/_server/env.ts", requiredEnv(appEnvSchema)],
    ["router", "bot/env.ts", requiredEnv(botEnvSchema)],
    ["migrate", "scripts/migrate.ts", ["DATABASE_URL"]],
  ])("gives %s every variable %s requires", (name, file, required) => {
    const env = environmentOf(service(name));
    expect(required).toContain("DATABASE_URL");
    for (const key of required) {
      // env_file contents cannot be checked here, so each variable is listed explicitly.
      expect(env[key], `services.${name}.environment.${key} (${file})`).toBeTruthy();
    }
  });

  it("reaches Synapse inside the network through nginx, where the admin API (account registration) is not blocked", () => {
    expect(environmentOf(service("app")).SYNAPSE_URL).toBe("http://synapse-proxy:8008");
    expect(environmentOf(service("router")).SYNAPSE_URL).toBe("http://synapse-proxy:8008");
  });

  it("hard-codes no secret and documents every variable it reads from .env", () => {
    const header = composeText
      .split("\n")
      .filter((l) => l.startsWith("#"))
      .join("\n");
    for (const [name, s] of Object.entries(services)) {
      for (const [key, v] of Object.entries(environmentOf(obj(s, name)))) {
        if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(v, `services.${name}.environment.${key}`).toMatch(/^\$\{[A-Z_]+:[?-]/);
        if (key === "DATABASE_URL") expect(v, `services.${name}: the database password`).toMatch(/^postgres:\/\/[^:]+:\$\{POSTGRES_PASSWORD:\?/);
      }
    }
    const used = new Set([...composeText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]));
    for (const v of used) expect(header, `${v} is documented in the header comment`).toMatch(new RegExp(`^#\\s+${v}\\s`, "m"));
  });

  it("runs the router with its Node flags on node's command line (bot/node-flags.ts: NODE_OPTIONS refuses --optimize-for-size)", () => {
    const [node, ...args] = list(service("router").command).map(String);
    expect(node).toBe("node");
    expect(args.slice(-3), "the flags go to node, before tsx and the script").toEqual(["--import", "tsx", "bot/main.ts"]);
    expect(hasRouterNodeFlags(args, environmentOf(service("router")).NODE_OPTIONS)).toBe(true);
  });

  it("pins every image tag (no :latest, no untagged image)", () => {
    const tagged = (image: string): boolean => /:[\w][\w.-]*$/.test(image.split("/").pop()!) && !image.endsWith(":latest");
    for (const [name, s] of Object.entries(services)) {
      const image = obj(s, name).image;
      expect(typeof image === "string" && tagged(image), `services.${name}.image = ${String(image)}`).toBe(true);
    }
    const bases = [...read("Dockerfile").matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)/gm)].map((m) => m[1]!); // the group always matches
    const stages = new Set([...read("Dockerfile").matchAll(/^FROM\s.*\sAS\s+(\S+)/gim)].map((m) => m[1]));
    for (const base of bases.filter((b) => !stages.has(b))) expect(tagged(base), `Dockerfile FROM ${base}`).toBe(true);
  });

  it("runs files that exist and mounts paths that exist", () => {
    for (const name of ["app", "router", "migrate"]) {
      for (const arg of list(service(name).command)
        .map(String)
        .filter((a) => /\.(ts|mjs)$|\/bin\//.test(a))) {
        expect(existsSync(path.join(root, arg)), `services.${name}.command: ${arg}`).toBe(true);
      }
    }
    for (const [name, s] of Object.entries(services)) {
      for (const v of list(obj(s, name).volumes)
        .map(String)
        .filter((v) => v.startsWith("./"))) {
        expect(existsSync(path.join(root, v.split(":")[0] ?? "")), `services.${name}.volumes: ${v}`).toBe(true);
      }
    }
  });

  it("runs the image as a non-root user and keeps .env out of the build context", () => {
    const finalStage = read("Dockerfile")
      .split(/^FROM\s/m)
      .pop()!;
    const user = /^USER\s+(\S+)/m.exec(finalStage)?.[1];
    expect(user && !["root", "0"].includes(user.split(":")[0] ?? ""), `final stage USER = ${user}`).toBe(true);
    expect(
      read(".dockerignore")
        .split("\n")
        .map((l) => l.trim()),
    ).toContain(".env");
  });
});

describe("the Synapse worker deployment in docker-compose.yml", () => {
  const layout = composeLayout();
  const command = (name: string): string => [...list(service(name).entrypoint), ...list(service(name).command)].map(String).join(" ");

  it("has the files the layout generates, unchanged (regenerate: npx tsx synapse/workers/render-deploy.ts)", () => {
    for (const [rel, text] of Object.entries(deployFiles())) expect(read(rel), rel).toBe(text);
  });

  it.each(layout.workers.map((w) => [w.name]))("runs worker %s from its file, on the shared config, with the confinement module", (name) => {
    const s = service(composeService(name));
    expect(s.image).toBe(service("synapse").image);
    expect(command(composeService(name))).toContain(`-c /data/homeserver.yaml -c /workers/shared.yaml -c /workers/${name}.yaml`);
    expect(list(s.volumes).map(String)).toEqual(
      expect.arrayContaining([
        "./deploy/synapse/workers:/workers:ro",
        "synapse-data:/data",
        "./synapse/modules/sealdesk_confinement:/modules/sealdesk_confinement:ro",
      ]),
    );
    expect(environmentOf(s).PYTHONPATH).toBe("/modules");
    // The main process installs homeserver.yaml on the shared volume and creates the schema first.
    expect(dependsOn(s)).toMatchObject({ synapse: "service_healthy", redis: "service_healthy" });
    expect(s.healthcheck).toBeTruthy();
  });

  it("runs the main process with the worker settings on top of homeserver.yaml", () => {
    expect(command("synapse")).toContain("-c /data/homeserver.yaml -c /workers/shared.yaml -c /workers/main.yaml");
    expect(dependsOn(service("synapse"))).toMatchObject({ postgres: "service_healthy", redis: "service_healthy" });
  });

  it("puts nginx, with the generated routes, in front of every Synapse process", () => {
    const proxy = service("synapse-proxy");
    expect(list(proxy.volumes).map(String)).toContain("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro");
    const deps = dependsOn(proxy);
    for (const name of ["main", ...layout.workers.map((w) => w.name)]) expect(deps[composeService(name)], name).toBe("service_healthy");
    // Every host the nginx config and the instance map name is a service of this file.
    const hosts = [...read("deploy/nginx/nginx.conf").matchAll(/server ([\w-]+):\d+;/g)].map((m) => m[1]!);
    expect(hosts.length).toBeGreaterThan(0);
    for (const h of [
      ...hosts,
      ...Object.values(obj(obj(parseYaml(read("deploy/synapse/workers/shared.yaml")), "shared").instance_map, "instance_map")).map((e) =>
        String(obj(e, "instance").host),
      ),
    ]) {
      expect(Object.keys(services), h).toContain(h);
    }
  });

  it("keeps the replication secret with the other secrets in homeserver.yaml", () => {
    expect(obj(parseYaml(read("deploy/synapse/homeserver.yaml")), "hs").worker_replication_secret).toBe("CHANGE_ME");
    expect(Object.keys(obj(parseYaml(read("deploy/synapse/workers/shared.yaml")), "shared")).filter((k) => /secret/i.test(k))).toEqual([]);
  });
});

describe("deploy/Caddyfile", () => {
  const caddy = read("deploy/Caddyfile")
    .split("\n")
    .map((l) => l.replace(/(^|\s)#.*$/, "").trim())
    .filter(Boolean)
    .join("\n");

  it("does not route the Synapse admin API", () => {
    expect(caddy).not.toMatch(/\/_synapse\/admin/i);
  });

  it("proxies to Synapse only the client API and Synapse's client pages", () => {
    expect(caddy, "Caddy reaches Synapse only through its nginx").not.toMatch(/reverse_proxy\s+synapse(-(?!proxy)[\w-]+)?:/);
    const proxies = caddy.match(/reverse_proxy\s+synapse-proxy:8008/g) ?? [];
    const guarded = [...caddy.matchAll(/handle\s+(@\w+)\s*\{\s*reverse_proxy\s+synapse-proxy:8008\s*\}/g)].map((m) => m[1]);
    expect(proxies.length, "every reverse_proxy to Synapse sits in a `handle @matcher` block").toBe(guarded.length);
    expect(guarded.length).toBeGreaterThan(0);
    for (const matcher of guarded) {
      const paths = new RegExp(`^${matcher}\\s+path\\s+(.+)$`, "m").exec(caddy)?.[1]?.split(/\s+/);
      expect(paths, `${matcher} is a path matcher`).toBeDefined();
      for (const p of paths!) expect(["/_matrix/*", "/_synapse/client/*"], `${matcher} path`).toContain(p);
    }
  });
});

describe("deploy/synapse/homeserver.yaml", () => {
  const hs = obj(parseYaml(read("deploy/synapse/homeserver.yaml")), "homeserver.yaml");
  // The dev/test template, with its placeholders neutralised so it parses.
  const devTemplate = obj(
    parseYaml(
      read("synapse/homeserver.template.yaml")
        .replace(/^\$\{[A-Z_]+_BLOCK\}$/gm, "")
        .replace(/\$\{[A-Z_]+\}/g, "x"),
    ),
    "synapse/homeserver.template.yaml",
  );

  it("has no federation listener and trusts no key server", () => {
    const resources = list(hs.listeners)
      .flatMap((l) => list(obj(l, "listener").resources))
      .flatMap((r) => list(obj(r, "resource").names));
    expect(resources.length).toBeGreaterThan(0);
    expect(resources).not.toContain("federation");
    expect(resources).not.toContain("openid");
    expect(hs.trusted_key_servers).toEqual([]);
    expect(hs.federation_domain_whitelist).toEqual([]);
  });

  it("keeps the dev template's security settings, minus its relaxed rate limits", () => {
    for (const key of [
      "enable_registration",
      "trusted_key_servers",
      "federation_domain_whitelist",
      "url_preview_enabled",
      "presence",
      "require_auth_for_profile_requests",
      "limit_profile_requests_to_users_who_share_rooms",
      "user_directory",
      "max_upload_size",
    ]) {
      expect(hs[key], key).toEqual(devTemplate[key]);
    }
    const prejoin = (doc: Obj): Y[] => list(obj(doc.room_prejoin_state, "room_prejoin_state").additional_event_types);
    expect(prejoin(hs)).toEqual(expect.arrayContaining([...prejoin(devTemplate), "org.sealdesk.conversation", "org.sealdesk.routing"]));
    expect(Object.keys(hs).filter((k) => k.startsWith("rc_"))).toEqual([]);
  });

  it("loads the visitor confinement module as the dev template does, from a path the synapse service mounts", () => {
    const modules = (doc: Obj): Obj[] => list(doc.modules).map((m) => obj(m, "modules[]"));
    const confinement = modules(hs).find((m) => m.module === "sealdesk_confinement.SealdeskConfinement");
    expect(confinement, "modules: sealdesk_confinement.SealdeskConfinement").toBeDefined();
    expect(modules(devTemplate).map((m) => m.module)).toEqual(modules(hs).map((m) => m.module));
    expect(obj(confinement!.config, "config").router_user_id).toBe("@router:CHANGE_ME");
    expect(String(obj(confinement!.config, "config").refuse_plaintext)).toBe("true"); // the plaintext rule stays on in production
    const devConfinement = modules(devTemplate).find((m) => m.module === "sealdesk_confinement.SealdeskConfinement")!;
    expect(obj(confinement!.config, "config").visitor_media).toEqual(obj(devConfinement.config, "config").visitor_media);
    const synapse = service("synapse");
    const pythonPath = environmentOf(synapse).PYTHONPATH;
    const mount = list(synapse.volumes)
      .map(String)
      .find((v) => v.startsWith("./synapse/modules/sealdesk_confinement:"));
    expect(mount?.split(":")[1], "the module is mounted on the synapse service's PYTHONPATH").toBe(`${pythonPath}/sealdesk_confinement`);
    expect(existsSync(path.join(root, "synapse/modules/sealdesk_confinement/__init__.py"))).toBe(true);
  });

  it("loads the sealdesk application service that the synapse service installs on the volume its workers share, with placeholder tokens", () => {
    expect(hs.app_service_config_files).toEqual(["/data/appservice-sealdesk.yaml"]);
    expect(list(service("synapse").volumes).map(String)).toContain("./deploy/synapse/appservice-sealdesk.yaml:/config/appservice-sealdesk.yaml:ro");
    const entry = list(service("synapse").entrypoint).map(String).join(" ");
    expect(entry).toContain("/config/appservice-sealdesk.yaml /data/appservice-sealdesk.yaml");
    expect(entry).toMatch(/grep -nE '\^\[\^#\]\*CHANGE_ME' \/config\/homeserver\.yaml \/config\/appservice-sealdesk\.yaml/);
    const as = obj(parseYaml(read("deploy/synapse/appservice-sealdesk.yaml")), "appservice-sealdesk.yaml");
    expect(as).toMatchObject({ id: "sealdesk", as_token: "CHANGE_ME", hs_token: "CHANGE_ME", rate_limited: "false" });
    expect(list(obj(as.namespaces, "namespaces").users)).toEqual([{ exclusive: "true", regex: "@visitor-.*" }]);
    expect(environmentOf(service("app")).SYNAPSE_APPSERVICE_TOKEN).toMatch(/^\$\{SYNAPSE_APPSERVICE_TOKEN:\?/);
    expect(environmentOf(service("router")).SYNAPSE_APPSERVICE_TOKEN).toBeUndefined(); // the app's secret only
  });

  it("uses the postgres service's synapse database", () => {
    const db = obj(hs.database, "database");
    expect(db.name).toBe("psycopg2");
    expect(obj(db.args, "database.args")).toMatchObject({ host: "postgres", database: "synapse" });
    expect(read("deploy/postgres-init/01-databases.sql")).toMatch(/CREATE DATABASE synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0/);
  });

  it("ships placeholders, never real secrets", () => {
    const args = obj(obj(hs.database, "database").args, "database.args");
    for (const [key, v] of Object.entries({ ...hs, "database.args.password": args.password })) {
      if (/secret|password|macaroon/i.test(key)) expect(v, key).toBe("CHANGE_ME");
    }
  });
});
