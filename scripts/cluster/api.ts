/**
 * The two API processes: the built service (`node dist/src/main.js`) as deployed, in
 * production mode with the cluster's bootstrap token.
 */
import fs from "node:fs";
import path from "node:path";
import { pgUrl } from "./postgres";
import { run, SpawnSpec } from "./processes";
import { ApiName, ClusterState, logFile, ROOT } from "./state";

/**
 * Where each connection goes:
 * - DATABASE_URL: the primary through PgBouncer (transaction mode), the request path;
 * - DATABASE_DIRECT_URL: the primary itself, for session-level work (advisory locks,
 *   migrations, export cursors) that a transaction-mode pooler would break;
 * - DATABASE_REPLICA_URLS: the replica itself, not through PgBouncer. A stopped replica then
 *   refuses connections at once, and the API takes it out of rotation; behind PgBouncer the
 *   API would reach a live pooler whose clients queue for a server it cannot reach. Each
 *   process's own pool (RMO_DB_POOL_SIZE) already bounds its connections to the replica.
 *
 * The parent's environment is passed on without its DATABASE_*, RMO_*, PORT and NODE_ENV (a
 * shell or CI job may have set them for another server), and RMO_ENV_FILE names an empty
 * file of ours, so a `.env` in the working directory is not read either.
 */
export function apiEnv(state: ClusterState, name: ApiName): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_|RMO_|PORT$|NODE_ENV$)/.test(k)));
  const envFile = path.join(state.settings.dir, "api.env");
  if (!fs.existsSync(envFile)) fs.writeFileSync(envFile, "# the cluster sets every variable in the environment (scripts/cluster/api.ts)\n");
  return {
    ...inherited,
    NODE_ENV: "production",
    PORT: String(state.ports.api[name]),
    RMO_ENV_FILE: envFile,
    RMO_BOOTSTRAP_TOKEN: state.token,
    DATABASE_URL: pgUrl(state.ports.pgbouncer),
    DATABASE_DIRECT_URL: pgUrl(state.ports.primary),
    DATABASE_REPLICA_URLS: pgUrl(state.ports.replica),
    RMO_REPLICA_MAX_LAG_MS: String(state.settings.replicaMaxLagMs),
    RMO_REPLICA_CHECK_MS: String(state.settings.replicaCheckMs),
    RMO_DB_POOL_SIZE: String(state.settings.poolSize),
    RMO_LOG_LEVEL: state.settings.logLevel,
    // on SIGTERM, /readyz says "draining" for a second before connections are refused: long
    // enough for HAProxy's checks (every 500 ms) to stop sending it requests
    RMO_DRAIN_DELAY_MS: "1000",
    ...state.settings.apiEnv,
  };
}

export function apiSpec(state: ClusterState, name: ApiName): SpawnSpec {
  return {
    command: process.execPath,
    args: [path.join(ROOT, "dist", "src", "main.js")],
    cwd: ROOT,
    env: apiEnv(state, name),
    log: logFile(state.settings.dir, `api-${name}`),
  };
}

export async function apiReady(state: ClusterState, name: ApiName): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${state.ports.api[name]}/readyz`, { signal: AbortSignal.timeout(2_000) });
  return res.status === 200;
}

/** `npm run build`: tsc is incremental, so an up-to-date tree takes seconds. */
export async function build(state: ClusterState): Promise<void> {
  await run({
    command: process.execPath,
    args: [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")],
    cwd: ROOT,
    log: logFile(state.settings.dir, "build"),
  });
}

/** `npm run seed:demo` against the primary itself, once the first API process has migrated it. */
export async function seedDemo(state: ClusterState): Promise<void> {
  await run({
    command: process.execPath,
    args: [path.join(ROOT, "dist", "scripts", "seed-demo.js")],
    cwd: ROOT,
    env: { ...apiEnv(state, "a"), DATABASE_URL: pgUrl(state.ports.primary) },
    log: logFile(state.settings.dir, "seed-demo"),
  });
}
