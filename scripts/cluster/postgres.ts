/**
 * The primary and its streaming replica, from the Postgres server binaries at hand (the
 * embedded Postgres 18 of `npm start` has no pg_basebackup). Every setting is given on the
 * postgres command line, which wins over postgresql.conf: the replica's copy of the primary's
 * configuration files can then never make it listen on the primary's port.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { ProcessRecord, run, RunAs, sleep, SpawnSpec, waitUntil } from "./processes";
import { ClusterState, logFile, Settings } from "./state";

export const DATABASE = "rmo";
export const SLOT = "rmo_replica";
const SUPERUSER = "postgres";

export const pgUrl = (port: number, database = DATABASE) => `postgresql://${SUPERUSER}@127.0.0.1:${port}/${database}`;

/**
 * initdb refuses to run as root, and postgres too. Started by root, they run as the
 * `postgres` OS user (spawn's uid/gid: no runuser or su in between, so the pid we keep is the
 * server's own and signals reach it directly); started by anyone else, as that user.
 */
export function postgresRunAs(settings: Settings): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, settings.postgresUser], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** An empty directory the server's user owns (initdb and pg_basebackup fill it; their parent stays root's). */
export function ownedDirectory(dir: string, runAs: RunAs | undefined): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
  return dir;
}

export const dataDir = (state: ClusterState, role: "primary" | "replica") => path.join(state.settings.dir, role);

export async function initPrimary(state: ClusterState, runAs: RunAs | undefined): Promise<void> {
  const dir = ownedDirectory(dataDir(state, "primary"), runAs);
  await run({
    command: path.join(state.settings.postgresBin, "initdb"),
    // trust on loopback only: a throwaway local cluster; no sync: it is rebuilt at every start
    args: ["-D", dir, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
    runAs,
    log: logFile(state.settings.dir, "initdb"),
  });
}

/** `pg_basebackup -R` writes standby.signal and primary_conninfo; `-C -S` creates the slot that keeps WAL for the replica while it is stopped. */
export async function cloneReplica(state: ClusterState, runAs: RunAs | undefined): Promise<void> {
  const dir = ownedDirectory(dataDir(state, "replica"), runAs);
  await run({
    command: path.join(state.settings.postgresBin, "pg_basebackup"),
    args: [
      "-h",
      "127.0.0.1",
      "-p",
      String(state.ports.primary),
      "-U",
      SUPERUSER,
      "-D",
      dir,
      "-R",
      "-C",
      "-S",
      SLOT,
      "-X",
      "stream",
      "-c",
      "fast",
      "-N",
    ],
    runAs,
    log: logFile(state.settings.dir, "basebackup"),
  });
}

/** Small: two cores and a few connections (two API pools through PgBouncer, their direct connections, the tests). */
const COMMON = [
  "listen_addresses=127.0.0.1",
  "unix_socket_directories=",
  "shared_buffers=32MB",
  "max_connections=80",
  "wal_level=replica",
  "max_wal_senders=4",
  "max_replication_slots=4",
  "logging_collector=off",
  "log_line_prefix=%m [%p] %q%a ",
];

/** The replica reports its position every second (hot_standby_feedback and the primary's pg_stat_replication). */
const REPLICA = ["hot_standby=on", "hot_standby_feedback=on", "wal_receiver_status_interval=1s"];

export function postgresSpec(state: ClusterState, role: "primary" | "replica", runAs: RunAs | undefined): SpawnSpec {
  const settings = [...COMMON, `port=${state.ports[role]}`, ...(role === "replica" ? REPLICA : [])];
  return {
    command: path.join(state.settings.postgresBin, "postgres"),
    args: ["-D", dataDir(state, role), ...settings.flatMap((s) => ["-c", s])],
    runAs,
    log: logFile(state.settings.dir, role),
  };
}

export async function query<T = Record<string, any>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function waitForPostgres(url: string, p: ProcessRecord, timeoutMs = 60_000): Promise<void> {
  await waitUntil(`Postgres at ${url}`, async () => (await query(url, "SELECT 1")).length === 1, timeoutMs, p);
}

/** The app's database; the API's migrations fill it. */
export async function createAppDatabase(state: ClusterState): Promise<void> {
  const admin = pgUrl(state.ports.primary, "postgres");
  await query(admin, `CREATE DATABASE ${DATABASE}`);
}

/** Until the primary sees the replica streaming through its slot. */
export async function waitForStreaming(state: ClusterState, p: ProcessRecord, timeoutMs = 60_000): Promise<void> {
  await waitUntil(
    "replica streaming",
    async () =>
      (
        await query(
          pgUrl(state.ports.primary),
          `SELECT 1 FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE s.slot_name = $1 AND r.state = 'streaming'`,
          [SLOT],
        )
      ).length === 1,
    timeoutMs,
    p,
  );
}

/** Replay pauses after the record it is applying: wait until it says paused, so nothing written afterwards is replayed. */
export async function pauseReplay(state: ClusterState): Promise<void> {
  const url = pgUrl(state.ports.replica);
  await query(url, "SELECT pg_wal_replay_pause()");
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
    const [row] = await query(url, "SELECT pg_get_wal_replay_pause_state() AS state");
    if (row.state === "paused") return;
  }
  throw new Error("replay on the replica did not pause within 10 s");
}

export async function resumeReplay(state: ClusterState): Promise<void> {
  await query(pgUrl(state.ports.replica), "SELECT pg_wal_replay_resume()");
}

/** Primary's WAL position, the replica's replayed position and the lag between them in bytes. */
export async function replicationStatus(state: ClusterState): Promise<Record<string, unknown>> {
  const [primary] = await query(pgUrl(state.ports.primary), `SELECT pg_current_wal_lsn()::text AS lsn`);
  const [replica] = await query(
    pgUrl(state.ports.replica),
    `SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_get_wal_replay_pause_state() AS replay,
            pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint AS "unreplayedBytes"`,
  );
  return { primaryLsn: primary.lsn, replicaLsn: replica.lsn, replay: replica.replay, unreplayedBytes: replica.unreplayedBytes };
}

/**
 * A server left running on a data directory of ours by a run whose state file is gone: the
 * pid in its postmaster.pid, if that process is a postgres started on this very directory.
 */
export function leftoverPostmaster(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return argv.some((a) => a.endsWith("postgres")) && argv.includes(dir) ? pid : null;
  } catch {
    return null;
  }
}
