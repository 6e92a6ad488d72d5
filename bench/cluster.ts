/**
 * `npm run bench -- --cluster` (issue 16): the dashboard and the report's page walk, timed on
 * one API process reading the primary directly, then on the local cluster as deployed (two
 * API processes behind HAProxy, reads on the streaming replica, writes through PgBouncer),
 * with the ratio of their throughput and where the CPU went in each: per API process, the
 * primary's and the replica's Postgres (all their processes), PgBouncer and HAProxy.
 *
 * Both sides answer from the same data (built once in the cluster's primary and replayed to
 * the replica) with the same client concurrency; the single process gets the pool size the
 * main bench uses, the cluster the same number of connections split over its two processes.
 * On a 2-core machine the cluster's extra processes share the same cores: compare the CPU
 * per request, not only the throughput.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Options } from "./args";
import { Child, startApiServer } from "./children";
import { cpuSplit } from "./cluster-cpu";
import { buildDataset } from "./dataset";
import { runLoad } from "./load";
import { endCursorOf, graphqlBody, ReadScenario, ScenarioParams, scenarioParams } from "./scenarios";
import { createDataSource } from "../src/database/data-source";
import { entities } from "../src/entities";
import { ClusterHandle, query, startCluster, stopCluster } from "../scripts/cluster";

const DIR = path.resolve(__dirname, "..", "..", ".rmo", "cluster-bench");
const SINGLE_POOL = 10;
/** Per API process of the cluster: two of them hold as many connections as the single one. */
const CLUSTER_POOL = SINGLE_POOL / 2;
const MAX_COST = "50000";

interface Side {
  perSecond: number;
  p95: number;
  requests: number;
  seconds: number;
  /** CPU seconds per component during the timed runs, and per request in ms. */
  cpuSeconds: Record<string, number>;
  cpuMsPerRequest: Record<string, number>;
  failures: number;
}

/** One request repeated, or for the report a walk that follows endCursor page after page. */
function requests(scenario: ReadScenario, params: ScenarioParams, token: string, pages: number): autocannon.Request[] {
  const make = (after: string | null): autocannon.Request => ({
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: graphqlBody(scenario, params, after),
  });
  if (scenario !== "report") return [make(null)];
  const remember = (_status: number, body: string, context: object) => void ((context as { after?: string | null }).after = endCursorOf(body));
  return Array.from({ length: pages }, (_, i) => ({
    ...make(null),
    ...(i > 0
      ? { setupRequest: (req: autocannon.Request, context: object) => ({ ...req, ...make((context as { after?: string }).after ?? null) }) }
      : {}),
    onResponse: remember,
  }));
}

/** Pages in one walk of the report (the walk restarts after its last page). */
async function reportPages(url: string, token: string, params: ScenarioParams): Promise<number> {
  let pages = 0;
  for (let after: string | null = null; ;) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: graphqlBody("report", params, after),
    });
    const json = (await res.json()) as { data?: { valueReport: { pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown };
    if (!json.data) throw new Error(`report page ${pages + 1}: ${JSON.stringify(json.errors)}`);
    pages++;
    if (!json.data.valueReport.pageInfo.hasNextPage) return pages;
    after = json.data.valueReport.pageInfo.endCursor;
  }
}

interface Target {
  url: string;
  requests: autocannon.Request[];
  /** The pid of each component whose CPU is charged to this side. */
  components: Record<string, number>;
}

async function measure(t: Target, connections: number, durationS: number): Promise<Side> {
  const { result: r, cpu } = await cpuSplit(t.components, () => runLoad({ url: t.url, connections, durationS, requests: t.requests }));
  return {
    perSecond: r.perSecond,
    p95: r.p95,
    requests: r.requests,
    seconds: r.seconds,
    cpuSeconds: cpu,
    cpuMsPerRequest: {},
    failures: r.errors + r.non2xx + r.badBodies + r.timeouts,
  };
}

/** Rounds of one side as one: throughput over their whole time, the worst p95, CPU summed and charged per request. */
function combine(rounds: Side[]): Side {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const cpuSeconds: Record<string, number> = {};
  for (const r of rounds) for (const [k, v] of Object.entries(r.cpuSeconds)) cpuSeconds[k] = (cpuSeconds[k] ?? 0) + v;
  return {
    perSecond: requests / seconds,
    p95: Math.max(...rounds.map((r) => r.p95)),
    requests,
    seconds,
    cpuSeconds,
    cpuMsPerRequest: Object.fromEntries(Object.entries(cpuSeconds).map(([k, v]) => [k, (v * 1000) / Math.max(1, requests)])),
    failures: rounds.reduce((n, r) => n + r.failures, 0),
  };
}

/**
 * Both sides warmed up, then timed in the order single, cluster, cluster, single: on a shared
 * machine whose load drifts, each side then sees as much of the early load as of the late.
 */
async function compare(single: Target, cluster: Target, connections: number, opts: Options): Promise<{ one: Side; two: Side }> {
  for (const t of [single, cluster]) await runLoad({ url: t.url, connections, durationS: opts.warmupS, requests: t.requests });
  const rounds = { single: [] as Side[], cluster: [] as Side[] };
  for (const side of ["single", "cluster", "cluster", "single"] as const) {
    rounds[side].push(await measure(side === "single" ? single : cluster, connections, opts.durationS / 2));
  }
  return { one: combine(rounds.single), two: combine(rounds.cluster) };
}

/** rmo_db_reads_total by target over both API processes: shows where the cluster's requests were read. */
async function readsByTarget(cluster: ClusterHandle): Promise<{ primary: number; replica: number }> {
  const total = { primary: 0, replica: 0 };
  for (const url of Object.values(cluster.urls.api)) {
    const text = await (await fetch(url.replace(/\/graphql$/, "/metrics"))).text();
    for (const line of text.split("\n")) {
      const m = /^rmo_db_reads_total\{[^}]*target="(primary|replica)"[^}]*\} (\S+)/.exec(line);
      if (m) total[m[1] as "primary" | "replica"] += Number(m[2]);
    }
  }
  return total;
}

const fmt = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ");

export async function runClusterBench(opts: Options, log: (m: string) => void): Promise<number> {
  const basePort = Number(process.env.RMO_BENCH_CLUSTER_BASE_PORT ?? 55500);
  const scenarios = (["dashboard", "report"] as const).filter((s) => opts.only.includes(s));
  const errors: string[] = [];
  const results: Record<string, { single: Side; cluster: Side; ratio: number; replicaShare: number }> = {};
  let single: (Child & { token: string }) | undefined;
  try {
    // dist/ is current: `npm run bench` has just compiled it
    const cluster = await startCluster({
      dir: DIR,
      basePort,
      build: false,
      poolSize: CLUSTER_POOL,
      logLevel: "warn",
      apiEnv: { RMO_MAX_COST: MAX_COST },
    });
    const ds = createDataSource({ url: cluster.urls.primary, entities, poolSize: 2, statementTimeoutMs: 3_600_000 });
    await ds.initialize();
    log(`building the dataset in the cluster's primary (${JSON.stringify(opts.scale)}) …`);
    const fixtures = await buildDataset(ds, opts.scale, log);
    await ds.destroy();
    const params = scenarioParams(fixtures);
    // both sides read the same rows: wait until the replica has replayed the whole build
    const [{ lsn }] = await query<{ lsn: string }>(cluster.urls.primary, "SELECT pg_current_wal_lsn()::text AS lsn");
    for (const deadline = Date.now() + 300_000; ; await new Promise((r) => setTimeout(r, 500))) {
      const [row] = await query<{ done: boolean }>(cluster.urls.replica, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [lsn]);
      if (row.done) break;
      if (Date.now() > deadline) throw new Error("the replica did not replay the dataset within 5 minutes");
    }
    single = await startApiServer({
      url: cluster.urls.primary,
      poolSize: SINGLE_POOL,
      maxCost: Number(MAX_COST),
      cpuProfDir: null,
      nodeArgs: opts.serverNodeArgs,
      sqlStats: false,
    });
    const pages = scenarios.includes("report") ? await reportPages(`http://127.0.0.1:${single.port}/graphql`, single.token, params) : 1;
    const pids = (name: "primary" | "replica" | "pgbouncer" | "haproxy" | "api-a" | "api-b") => cluster.process(name)!.pid;

    for (const scenario of scenarios) {
      const connections = scenario === "report" ? opts.reportConnections : opts.connections;
      log(
        `${scenario}: ${opts.durationS} s each with ${connections} connection(s), one API process on the primary and the cluster, in alternating halves …`,
      );
      const readsBefore = await readsByTarget(cluster);
      const { one, two } = await compare(
        {
          url: `http://127.0.0.1:${single.port}`,
          requests: requests(scenario, params, single.token, pages),
          components: { api: single.pid, primary: pids("primary"), replica: pids("replica") },
        },
        {
          url: cluster.urls.graphql.replace(/\/graphql$/, ""),
          requests: requests(scenario, params, cluster.token, pages),
          components: {
            "api a": pids("api-a"),
            "api b": pids("api-b"),
            primary: pids("primary"),
            replica: pids("replica"),
            pgbouncer: pids("pgbouncer"),
            haproxy: pids("haproxy"),
          },
        },
        connections,
        opts,
      );
      const readsAfter = await readsByTarget(cluster);
      const onReplica = readsAfter.replica - readsBefore.replica;
      const replicaShare = onReplica / Math.max(1, onReplica + readsAfter.primary - readsBefore.primary);
      results[scenario] = { single: one, cluster: two, ratio: two.perSecond / one.perSecond, replicaShare };
      for (const [label, side] of [
        ["single", one],
        ["cluster", two],
      ] as const)
        if (side.failures) errors.push(`${scenario} (${label}): ${side.failures} failed requests`);
      const unit = scenario === "report" ? "pages/s" : "req/s";
      log(
        `${scenario}: cluster ${two.perSecond.toFixed(1)} vs single ${one.perSecond.toFixed(1)} ${unit} (ratio ${(two.perSecond / one.perSecond).toFixed(2)}); p95 ${two.p95.toFixed(1)} vs ${one.p95.toFixed(1)} ms`,
      );
      log(`  CPU ms/request single: ${fmt(one.cpuMsPerRequest)}`);
      log(`  CPU ms/request cluster: ${fmt(two.cpuMsPerRequest)}; ${(replicaShare * 100).toFixed(1)} % of its requests read on the replica`);
    }
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  } finally {
    await single?.stop().catch(() => undefined);
    if (!opts.keep) await stopCluster(DIR).catch((e) => errors.push(`stopping the cluster: ${e.message}`));
    else log(`kept the cluster in ${DIR} (--keep): npm run cluster -- --stop --dir=${DIR}`);
  }
  const file = path.resolve(__dirname, "..", "..", "bench", "results", `cluster-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ options: opts, cpus: os.cpus().length, loadAverage: os.loadavg(), results, errors }, null, 2));
  log(`results written to ${path.relative(process.cwd(), file)}`);
  for (const e of errors) console.error(`[bench] error: ${e}`);
  return errors.length ? 1 : 0;
}
