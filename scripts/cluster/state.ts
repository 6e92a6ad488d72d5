/**
 * The cluster's settings and what it started, kept in <dir>/state.json: `--stop`, `--status`
 * and the test helpers (in another process than the one that started it) read it. It is
 * rewritten after every process start, so a start that crashes half-way can still be stopped.
 */
import fs from "node:fs";
import path from "node:path";
import { ProcessRecord } from "./processes";

/** The repository: the nearest directory above with a package.json (this file also runs compiled, from dist/scripts/cluster). */
function repositoryRoot(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) if (fs.existsSync(path.join(d, "package.json"))) return d;
  throw new Error(`no package.json above ${dir}`);
}

export const ROOT = repositoryRoot(__dirname);
/** Beside the embedded database of `npm start` (.rmo/ is ignored by git). */
export const DEFAULT_DIR = path.join(ROOT, ".rmo", "cluster");
/** Well away from the system Postgres on 5432 and the usual development ports. */
export const DEFAULT_BASE_PORT = 55400;

export type ApiName = "a" | "b";
export const API_NAMES: ApiName[] = ["a", "b"];
export type ProcessName = "primary" | "replica" | "pgbouncer" | "api-a" | "api-b" | "haproxy";

export interface ClusterOptions {
  /** Where data, configuration, logs and state.json live (wiped at each start). */
  dir?: string;
  /** base+0 primary, +1 replica, +2 PgBouncer, +3 HAProxy, +4/+5 API a/b, +6 HAProxy's stats page. */
  basePort?: number;
  /** Compile (tsc, incremental) before starting the API processes. */
  build?: boolean;
  /** Load the demo dataset once the schema is there. */
  demo?: boolean;
  /** The OS user for Postgres and PgBouncer when we run as root (they refuse root). */
  postgresUser?: string;
  /** Directory of initdb, postgres, pg_basebackup (default: RMO_CLUSTER_PG_BIN, else the newest under /usr/lib/postgresql). */
  postgresBin?: string;
  /** RMO_REPLICA_MAX_LAG_MS and RMO_REPLICA_CHECK_MS of the API processes. */
  replicaMaxLagMs?: number;
  replicaCheckMs?: number;
  /** RMO_DB_POOL_SIZE of each API process (two cores: keep it small). */
  poolSize?: number;
  /** RMO_LOG_LEVEL of the API processes. */
  logLevel?: string;
  /** More environment for the API processes (wins over the cluster's). */
  apiEnv?: Record<string, string>;
}

/** The newest server under /usr/lib/postgresql (Debian's layout) that has pg_basebackup; CI images differ in version. */
function debianPostgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "pg_basebackup"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(base, newest, "bin") : path.join(base, "15", "bin");
}

export type Settings = Required<Omit<ClusterOptions, "apiEnv">> & { apiEnv: Record<string, string> };

export function settingsOf(o: ClusterOptions = {}): Settings {
  return {
    dir: path.resolve(o.dir ?? process.env.RMO_CLUSTER_DIR ?? DEFAULT_DIR),
    basePort: o.basePort ?? Number(process.env.RMO_CLUSTER_BASE_PORT ?? DEFAULT_BASE_PORT),
    build: o.build ?? true,
    demo: o.demo ?? false,
    postgresUser: o.postgresUser ?? process.env.RMO_CLUSTER_PG_USER ?? "postgres",
    postgresBin: o.postgresBin ?? process.env.RMO_CLUSTER_PG_BIN ?? debianPostgresBin(),
    replicaMaxLagMs: o.replicaMaxLagMs ?? 5000,
    replicaCheckMs: o.replicaCheckMs ?? 500,
    poolSize: o.poolSize ?? 5,
    logLevel: o.logLevel ?? "info",
    apiEnv: o.apiEnv ?? {},
  };
}

export interface Ports {
  primary: number;
  replica: number;
  pgbouncer: number;
  haproxy: number;
  api: Record<ApiName, number>;
  stats: number;
}

export function portsOf(base: number): Ports {
  return { primary: base, replica: base + 1, pgbouncer: base + 2, haproxy: base + 3, api: { a: base + 4, b: base + 5 }, stats: base + 6 };
}

export interface ClusterState {
  settings: Settings;
  ports: Ports;
  /** The bootstrap token every API process accepts (RMO_BOOTSTRAP_TOKEN). */
  token: string;
  processes: Partial<Record<ProcessName, ProcessRecord>>;
  startedAt: string;
}

export const stateFile = (dir: string) => path.join(dir, "state.json");

export function readState(dir: string): ClusterState | null {
  try {
    return JSON.parse(fs.readFileSync(stateFile(dir), "utf8")) as ClusterState;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed: a reader never sees half a file. */
export function writeState(state: ClusterState): void {
  const file = stateFile(state.settings.dir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** Records a process the moment it is started. */
export function remember(state: ClusterState, name: ProcessName, p: ProcessRecord | undefined): void {
  if (p) state.processes[name] = p;
  else delete state.processes[name];
  writeState(state);
}

export const logFile = (dir: string, name: string) => path.join(dir, "logs", `${name}.log`);

export const apiProcess = (name: ApiName): ProcessName => `api-${name}`;
