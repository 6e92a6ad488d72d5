/**
 * A running cluster's handles, for tests and the benchmark: its URLs and token, replay
 * pause/resume on the replica, the replica stopped and started, an API process killed and
 * started again. Everything is found through the state file, so a test worker can act on a
 * cluster that jest's global setup started in another process.
 */
import { apiReady, apiSpec } from "./api";
import { haproxyServers, ServerStats } from "./haproxy";
import { pauseReplay, pgUrl, postgresRunAs, postgresSpec, replicationStatus, resumeReplay, waitForPostgres, waitForStreaming } from "./postgres";
import { killProcess, ProcessRecord, SpawnSpec, spawnDetached, stopProcess, waitUntil } from "./processes";
import { API_NAMES, ApiName, apiProcess, ClusterState, ProcessName, readState, remember, settingsOf } from "./state";

export interface ClusterUrls {
  /** GraphQL through HAProxy: what clients use. */
  graphql: string;
  /** GraphQL of one API process, bypassing HAProxy. */
  api: Record<ApiName, string>;
  /** HAProxy's stats page (append ;csv for scripts). */
  stats: string;
  primary: string;
  replica: string;
  pgbouncer: string;
}

export interface ClusterHandle {
  state: ClusterState;
  token: string;
  urls: ClusterUrls;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  replicationStatus(): Promise<Record<string, unknown>>;
  /** Fast shutdown of the replica (its slot keeps the WAL it misses). */
  stopReplica(): Promise<void>;
  /** Starts it again on its data directory; resolves once it streams. */
  startReplica(): Promise<void>;
  /** SIGKILL: no drain, connections cut mid-request. */
  killApi(name: ApiName): Promise<void>;
  /** Starts it again; resolves once HAProxy has it back in rotation. */
  startApi(name: ApiName): Promise<void>;
  /** The API processes as HAProxy sees them, with its retry counters. */
  balancer(): Promise<Record<string, ServerStats>>;
  /** A process's record (pid, start time, log file). */
  process(name: ProcessName): ProcessRecord | undefined;
}

/** Starts a process of the cluster and records it in the state file at once. */
export function spawnMember(state: ClusterState, name: ProcessName, spec: SpawnSpec): ProcessRecord {
  const p = spawnDetached(spec);
  remember(state, name, p);
  return p;
}

/** Starts one API process and waits until it answers /readyz. */
export async function startApiProcess(state: ClusterState, name: ApiName): Promise<void> {
  const p = spawnMember(state, apiProcess(name), apiSpec(state, name));
  await waitUntil(`API process ${name}`, () => apiReady(state, name), 90_000, p);
}

/** Both API processes in HAProxy's rotation (each passed a health check), and a request through it answered. */
export async function waitForBalancer(state: ClusterState, timeoutMs = 30_000): Promise<void> {
  await waitUntil(
    "HAProxy with both API processes up",
    async () => {
      const servers = await haproxyServers(state);
      const up = API_NAMES.every((n) => servers[n]?.status === "UP" && servers[n]?.check.startsWith("L7OK"));
      return up && (await fetch(`http://127.0.0.1:${state.ports.haproxy}/readyz`)).status === 200;
    },
    timeoutMs,
    state.processes.haproxy,
  );
}

export async function startReplicaProcess(state: ClusterState): Promise<void> {
  const p = spawnMember(state, "replica", postgresSpec(state, "replica", postgresRunAs(state.settings)));
  await waitForPostgres(pgUrl(state.ports.replica), p);
  await waitForStreaming(state, p);
}

export function urlsOf(state: ClusterState): ClusterUrls {
  const http = (port: number) => `http://127.0.0.1:${port}`;
  return {
    graphql: `${http(state.ports.haproxy)}/graphql`,
    api: { a: `${http(state.ports.api.a)}/graphql`, b: `${http(state.ports.api.b)}/graphql` },
    stats: `${http(state.ports.stats)}/`,
    primary: pgUrl(state.ports.primary),
    replica: pgUrl(state.ports.replica),
    pgbouncer: pgUrl(state.ports.pgbouncer),
  };
}

export function openHandle(state: ClusterState): ClusterHandle {
  return {
    state,
    token: state.token,
    urls: urlsOf(state),
    pauseReplay: () => pauseReplay(state),
    resumeReplay: () => resumeReplay(state),
    replicationStatus: () => replicationStatus(state),
    stopReplica: () => stopProcess(state.processes.replica, "SIGINT", 30_000),
    startReplica: () => startReplicaProcess(state),
    killApi: (name) => killProcess(state.processes[apiProcess(name)]),
    startApi: async (name) => {
      await startApiProcess(state, name);
      await waitForBalancer(state);
    },
    balancer: () => haproxyServers(state),
    process: (name) => state.processes[name],
  };
}

/** The cluster started by `npm run cluster` or another process (jest's global setup), from its state file. */
export function openCluster(dir?: string): ClusterHandle {
  const settings = settingsOf({ dir });
  const state = readState(settings.dir);
  if (!state) throw new Error(`no cluster running in ${settings.dir} (start one with npm run cluster)`);
  return openHandle(state);
}
