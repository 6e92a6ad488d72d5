/**
 * Start, stop and inspect the local cluster (issue 16): a primary, a streaming replica,
 * PgBouncer, two API processes and HAProxy. `npm run cluster` (scripts/cluster.ts), the tests
 * in test/cluster and `npm run bench -- --cluster` use these functions.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { build, seedDemo } from "./api";
import { haproxyServers, haproxySpec, writeHaproxyConfig } from "./haproxy";
import { ClusterHandle, openHandle, spawnMember, startApiProcess, waitForBalancer } from "./handle";
import { pgbouncerSpec, writePgbouncerConfig } from "./pgbouncer";
import {
  cloneReplica,
  createAppDatabase,
  initPrimary,
  leftoverPostmaster,
  pgUrl,
  postgresRunAs,
  postgresSpec,
  waitForPostgres,
  waitForStreaming,
} from "./postgres";
import { isAlive, procStat, programPath, statField, stopProcess } from "./processes";
import { API_NAMES, ClusterOptions, ClusterState, portsOf, ProcessName, readState, Settings, settingsOf, stateFile, writeState } from "./state";

const say = (m: string) => console.log(`[cluster] ${m}`);

/** A port someone else listens on: a clear message now instead of a server failing to bind later. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(true));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
  });
}

/** Every program the cluster runs, with what to install when one is missing. */
function checkPrograms(settings: Settings): void {
  const missing = [
    ...["initdb", "postgres", "pg_basebackup"]
      .filter((p) => !fs.existsSync(path.join(settings.postgresBin, p)))
      .map((p) => path.join(settings.postgresBin, p)),
    ...["pgbouncer", "haproxy"].filter((p) => !programPath(p)),
  ];
  if (missing.length) {
    throw new Error(
      `missing ${missing.join(", ")}: install the Postgres server, pgbouncer and haproxy (Debian: apt-get install postgresql pgbouncer haproxy), or set RMO_CLUSTER_PG_BIN`,
    );
  }
}

/** What a start leaves in the directory; only these are removed by the next start (never the directory itself). */
const OWN_ENTRIES = ["primary", "replica", "logs", "pgbouncer.ini", "pgbouncer-users.txt", "haproxy.cfg", "api.env", "token", "state.json"];

function freshDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of OWN_ENTRIES) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "logs"));
}

/**
 * Starts a fresh cluster in `dir` (a leftover one, crashed or not, is stopped and wiped
 * first), and resolves once HAProxy answers with both API processes in rotation. A failed
 * start stops whatever it started; the logs stay.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<ClusterHandle> {
  const settings = settingsOf(options);
  const started = Date.now();
  const step = (m: string) => say(`${((Date.now() - started) / 1000).toFixed(1)} s: ${m}`);
  checkPrograms(settings);
  await stopCluster(settings.dir);
  const ports = portsOf(settings.basePort);
  for (const port of [ports.primary, ports.replica, ports.pgbouncer, ports.haproxy, ports.api.a, ports.api.b, ports.stats]) {
    if (await portInUse(port)) throw new Error(`port ${port} is in use; choose other ports with --base-port=N (or RMO_CLUSTER_BASE_PORT)`);
  }
  freshDirectory(settings.dir);
  const token = `rmo-cluster-${randomBytes(16).toString("hex")}`;
  fs.writeFileSync(path.join(settings.dir, "token"), `${token}\n`, { mode: 0o600 });
  const state: ClusterState = { settings, ports, token, processes: {}, startedAt: new Date().toISOString() };
  writeState(state);
  try {
    if (settings.build) {
      step("compiling (npm run build) …");
      await build(state);
    }
    const runAs = postgresRunAs(settings);
    step(`initdb${runAs ? ` as OS user ${settings.postgresUser}` : ""} …`);
    await initPrimary(state, runAs);
    const primary = spawnMember(state, "primary", postgresSpec(state, "primary", runAs));
    await waitForPostgres(pgUrl(ports.primary, "postgres"), primary);
    await createAppDatabase(state);
    step("primary up; pg_basebackup …");
    await cloneReplica(state, runAs);
    const replica = spawnMember(state, "replica", postgresSpec(state, "replica", runAs));
    await waitForPostgres(pgUrl(ports.replica), replica);
    await waitForStreaming(state, replica);
    step("replica streaming; PgBouncer …");
    const bouncer = spawnMember(state, "pgbouncer", pgbouncerSpec(state, writePgbouncerConfig(state), runAs));
    await waitForPostgres(pgUrl(ports.pgbouncer), bouncer, 15_000);
    // one after the other: the first applies the migrations, and TypeORM takes no lock that
    // would keep a second process from applying the same ones at the same time
    for (const name of API_NAMES) {
      step(`API process ${name} …`);
      await startApiProcess(state, name);
      if (name === "a" && settings.demo) {
        step("loading the demo dataset …");
        await seedDemo(state);
      }
    }
    step("HAProxy …");
    spawnMember(state, "haproxy", haproxySpec(state, writeHaproxyConfig(state)));
    await waitForBalancer(state);
    step("ready");
  } catch (e) {
    say(`start failed; stopping what was started (logs stay in ${path.join(settings.dir, "logs")})`);
    await stopCluster(settings.dir);
    throw e;
  }
  return openHandle(state);
}

/**
 * Each process's graceful stop, SIGKILL after its grace time, in an order that never leaves a
 * client without its server: HAProxy, the API processes (together), PgBouncer, the replica,
 * the primary. SIGINT is Postgres's fast shutdown (sessions rolled back, a checkpoint, exit).
 */
const STOP_ORDER: Array<Array<[ProcessName, NodeJS.Signals, number]>> = [
  [["haproxy", "SIGTERM", 5_000]],
  [
    ["api-a", "SIGTERM", 15_000],
    ["api-b", "SIGTERM", 15_000],
  ],
  [["pgbouncer", "SIGTERM", 5_000]],
  [["replica", "SIGINT", 30_000]],
  [["primary", "SIGINT", 30_000]],
];

/**
 * Stops everything the state file lists, then any Postgres still running on our data
 * directories (a start that crashed before recording it). Data and logs stay until the next
 * start; the state file goes.
 */
export async function stopCluster(dir?: string): Promise<void> {
  const settings = settingsOf({ dir });
  const state = readState(settings.dir);
  for (const group of STOP_ORDER) {
    await Promise.all(
      group.map(async ([name, signal, grace]) => {
        const p = state?.processes[name];
        if (!isAlive(p)) return;
        say(`stopping ${name} (pid ${p.pid})`);
        await stopProcess(p, signal, grace);
      }),
    );
  }
  for (const role of ["replica", "primary"] as const) {
    const pid = leftoverPostmaster(path.join(settings.dir, role));
    const fields = pid === null ? null : procStat(pid);
    if (pid === null || !fields) continue;
    say(`stopping a leftover ${role} (pid ${pid})`);
    await stopProcess({ pid, startTime: statField(fields, 22), log: "" }, "SIGINT", 30_000);
  }
  fs.rmSync(stateFile(settings.dir), { force: true });
}

/** What runs, what HAProxy sees and how far the replica is (`--status`); null when no cluster was started in `dir`. */
export async function clusterStatus(dir?: string): Promise<Record<string, unknown> | null> {
  const state = readState(settingsOf({ dir }).dir);
  if (!state) return null;
  const handle = openHandle(state);
  const attempt = <T>(f: () => Promise<T>) => f().catch((e: Error) => `unavailable (${e.message})`);
  return {
    processes: Object.fromEntries(Object.entries(state.processes).map(([n, p]) => [n, isAlive(p) ? `pid ${p.pid}` : "not running"])),
    balancer: await attempt(() => haproxyServers(state)),
    replication: await attempt(() => handle.replicationStatus()),
    urls: handle.urls,
    token: path.join(state.settings.dir, "token"),
    logs: path.join(state.settings.dir, "logs"),
  };
}
