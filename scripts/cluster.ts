/**
 * `npm run cluster`: a local cluster as deployed (issue 16) — a Postgres primary, a streaming
 * replica (pg_basebackup), PgBouncer in transaction mode, two API processes and HAProxy in
 * front of them — started in the background; the command returns once it all answers.
 *
 *   npm run cluster                       start (a running one is stopped and wiped first)
 *   npm run cluster -- --stop             stop everything it started
 *   npm run cluster -- --status           what runs, HAProxy's view, replication
 *   options: --dir=PATH (default .rmo/cluster, or RMO_CLUSTER_DIR)
 *            --base-port=N (default 55400, or RMO_CLUSTER_BASE_PORT; uses N … N+6)
 *            --no-build (use dist/ as it is)   --no-demo (start with an empty database)
 *
 * Needs the Postgres server binaries (RMO_CLUSTER_PG_BIN, default /usr/lib/postgresql/15/bin),
 * pgbouncer and haproxy on the PATH (Debian: apt-get install postgresql pgbouncer haproxy).
 * The same is available to code: startCluster, stopCluster, openCluster, clusterStatus.
 */
import path from "node:path";
import { clusterStatus, startCluster, stopCluster } from "./cluster/lifecycle";
import { ClusterHandle } from "./cluster/handle";

export { clusterStatus, startCluster, stopCluster } from "./cluster/lifecycle";
export { openCluster } from "./cluster/handle";
export type { ClusterHandle, ClusterUrls } from "./cluster/handle";
export type { ClusterOptions, ApiName } from "./cluster/state";
export { query } from "./cluster/postgres";

function parse(argv: string[]) {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !["stop", "status", "dir", "base-port", "no-build", "no-demo"].includes(m[1])) {
      throw new Error(`unknown argument "${arg}" (see scripts/cluster.ts)`);
    }
    flags.set(m[1], m[2] ?? "true");
  }
  const basePort = flags.has("base-port") ? Number(flags.get("base-port")) : undefined;
  if (basePort !== undefined && !(Number.isInteger(basePort) && basePort > 1024 && basePort < 65000)) {
    throw new Error(`--base-port must be a port number between 1025 and 64999`);
  }
  return {
    action: flags.has("stop") ? "stop" : flags.has("status") ? "status" : "start",
    options: { dir: flags.get("dir"), basePort, build: !flags.has("no-build"), demo: !flags.has("no-demo") },
  };
}

function describe(cluster: ClusterHandle, seconds: number): string {
  const { urls, state } = cluster;
  const dir = path.relative(process.cwd(), state.settings.dir) || ".";
  return [
    `Cluster ready in ${seconds.toFixed(1)} s.`,
    ``,
    `  GraphQL (HAProxy)   ${urls.graphql}`,
    `  API process a / b   ${urls.api.a}   ${urls.api.b}`,
    `  HAProxy stats       ${urls.stats}`,
    `  Postgres primary    ${urls.primary}`,
    `  replica             ${urls.replica}`,
    `  PgBouncer           ${urls.pgbouncer}`,
    `  logs                ${dir}/logs/`,
    ``,
    `Token (also in ${dir}/token):`,
    ``,
    `    ${cluster.token}`,
    ``,
    `  curl -s ${urls.graphql} -H 'content-type: application/json' -H "authorization: Bearer $(cat ${dir}/token)" \\`,
    `    -d '{"query":"{ portfolios(first: 3) { nodes { name } } }"}'`,
    ``,
    `Stop it with: npm run cluster -- --stop${state.settings.dir === path.resolve(".rmo/cluster") ? "" : ` --dir=${dir}`}`,
  ].join("\n");
}

async function main(): Promise<void> {
  const { action, options } = parse(process.argv.slice(2));
  if (action === "stop") {
    await stopCluster(options.dir);
    console.log("Cluster stopped.");
  } else if (action === "status") {
    const status = await clusterStatus(options.dir);
    console.log(status ? JSON.stringify(status, null, 2) : "No cluster is running here.");
  } else {
    const started = Date.now();
    const cluster = await startCluster(options);
    console.log(`\n${describe(cluster, (Date.now() - started) / 1000)}`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`cluster: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
