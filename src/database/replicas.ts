import { DataSource } from "typeorm";
import { log } from "../common/log";
import { replicaLagSeconds, replicaUp } from "../common/metrics";
import { isDatabaseUnavailable, sqlStateOf } from "./db-errors";

/**
 * Where reads go when the service has read replicas (DATABASE_REPLICA_URLS): docs/scaling.md.
 *
 * Writes (and every read of a request that may write) go to the primary. A read-only request
 * goes to a replica in rotation, round robin, unless it asks to see a commit the replica has
 * not replayed yet (`RMO-Min-LSN`), in which case the primary answers it. Every
 * RMO_REPLICA_CHECK_MS the set samples the primary's WAL position and each replica's replay
 * position; a replica is in rotation while it answers, is a standby, and is less than
 * RMO_REPLICA_MAX_LAG_MS behind. A statement that fails on a replica because the replica went
 * away takes it out of rotation at once and runs again on the primary, so a stopped replica
 * costs a client no error.
 */

/** A WAL position (`pg_lsn`, "16/B374D848") as a number that orders. */
export type Lsn = bigint;

/** Parses "X/Y" (hexadecimal halves, as Postgres prints a pg_lsn); null when malformed. */
export function parseLsn(text: string): Lsn | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}

/** Prints an Lsn as Postgres does ("16/B374D848"). */
export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** A primary's WAL position now, as Postgres prints it: after a commit, at or past that commit. */
export async function walPosition(primary: DataSource): Promise<string> {
  const [row] = await primary.query("SELECT pg_current_wal_lsn()::text AS lsn");
  return row.lsn as string;
}

export type ServedBy = "primary" | "replica";

/** Where one request's reads go, and what it reports (`extensions.consistency`). */
export interface ReadRoute {
  /** Reads of the request (resolvers' `ctx.dataSource`). */
  dataSource: DataSource;
  /** A connection string for work that needs a connection of its own (an export's cursor). */
  url: string;
  /** Where the reads went; a replica read that had to fall back to the primary says "primary". */
  servedBy: ServedBy;
  /** Why the primary serves a read-only request (for the metrics): null when a replica does. */
  reason: "write" | "no-replica" | "min-lsn" | "fallback" | null;
}

export interface ReplicaOptions {
  maxLagMs: number;
  checkMs: number;
}

/** A WAL position of the primary and when it was seen: lag is "how long ago did the primary have what the replica lacks". */
interface Sample {
  at: number;
  lsn: Lsn;
}

class Replica {
  /** In rotation: it answered the last check, is a standby and is not too far behind. */
  healthy = false;
  /** The last replay position it reported (a lower bound of where it is now). */
  replayed: Lsn = 0n;
  private initializing: Promise<void> | null = null;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly dataSource: DataSource,
  ) {}

  /** Connects once; a replica that is down at start is connected by a later check. */
  async ready(): Promise<void> {
    if (this.dataSource.isInitialized) return;
    this.initializing ??= this.dataSource.initialize().then(
      () => undefined,
      (e) => {
        this.initializing = null;
        throw e;
      },
    );
    await this.initializing;
  }
}

export class ReadRouting {
  private readonly replicas: Replica[];
  private readonly samples: Sample[] = [];
  private readonly primaryRoutes = new Map<string, ReadRoute>();
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  /**
   * `primaryUrl`: the primary as a connection of one's own may reach it (DATABASE_DIRECT_URL,
   * else DATABASE_URL). `replicas`: one DataSource per replica URL, not yet initialised.
   */
  /** Every read on the primary: no replicas (tests, one machine). */
  static primaryOnly(primary: DataSource): ReadRouting {
    return new ReadRouting(primary, (primary.options as { url?: string }).url!, [], { maxLagMs: 0, checkMs: 1_000 });
  }

  constructor(
    readonly primary: DataSource,
    /** The primary as a connection of one's own reaches it (a session lock, a cursor). */
    readonly primaryUrl: string,
    replicas: Array<{ url: string; dataSource: DataSource }>,
    private readonly options: ReplicaOptions,
  ) {
    this.replicas = replicas.map((r, i) => new Replica(`replica${i + 1}`, r.url, r.dataSource));
  }

  /** Whether any replica is configured. */
  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** Checks the replicas now and then every `checkMs`; resolves after the first check. */
  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    await Promise.all(this.replicas.map((r) => (r.dataSource.isInitialized ? r.dataSource.destroy().catch(() => undefined) : undefined)));
  }

  /** The replicas as the last check saw them (for /metrics, tests and the bench). */
  status(): Array<{ name: string; healthy: boolean; replayed: string; lagMs: number | null }> {
    return this.replicas.map((r) => ({ name: r.name, healthy: r.healthy, replayed: formatLsn(r.replayed), lagMs: this.lagMs(r.replayed) }));
  }

  /** Where the reads of a request go: `mayWrite` sends it to the primary whole; `minLsn` asks for a replica that has replayed that far. */
  async route(mayWrite: boolean, minLsn: Lsn | null): Promise<ReadRoute> {
    if (mayWrite) return this.primaryRoute("write");
    if (!this.enabled) return this.primaryRoute("no-replica");
    const candidates = this.replicas.filter((r) => r.healthy);
    if (candidates.length === 0) return this.primaryRoute("fallback");
    for (let i = 0; i < candidates.length; i++) {
      const replica = candidates[(this.next + i) % candidates.length];
      if (minLsn !== null && replica.replayed < minLsn && !(await this.caughtUp(replica, minLsn))) continue;
      this.next = (this.next + i + 1) % candidates.length;
      return this.onReplica(replica);
    }
    return this.primaryRoute("min-lsn");
  }

  /** The primary's WAL position now: a mutation's answer carries it, so its client can ask replicas for it. */
  primaryPosition(): Promise<string> {
    return walPosition(this.primary);
  }

  /** The route of a request the primary serves (one object per reason: nothing changes a primary route). */
  primaryRoute(reason: Exclude<ReadRoute["reason"], null>): ReadRoute {
    let route = this.primaryRoutes.get(reason);
    if (!route)
      this.primaryRoutes.set(reason, (route = Object.freeze({ dataSource: this.primary, url: this.primaryUrl, servedBy: "primary", reason })));
    return route;
  }

  /**
   * A replica's reads for one request: its DataSource with `query` replaced, so a statement
   * that fails because the replica is gone takes it out of rotation and runs on the primary.
   */
  private onReplica(replica: Replica): ReadRoute {
    const route: ReadRoute = { dataSource: replica.dataSource, url: replica.url, servedBy: "replica", reason: null };
    const dataSource = Object.create(replica.dataSource) as DataSource;
    const primary = this.primary;
    dataSource.query = async function query<T>(text: string, values?: unknown[]): Promise<T> {
      if (route.servedBy === "replica") {
        try {
          return await replica.dataSource.query<T>(text, values);
        } catch (e) {
          if (isDatabaseUnavailable(e)) {
            replica.healthy = false;
            replicaUp.set({ replica: replica.name }, 0);
            log.warn({ replica: replica.name, err: e }, "replica failed a read; out of rotation, the primary answers");
          } else if (!cancelledByRecovery(e)) throw e;
          route.servedBy = "primary";
          route.reason = "fallback";
        }
      }
      return primary.query<T>(text, values);
    };
    route.dataSource = dataSource;
    return route;
  }

  /** Asks a replica that looked behind where it is now (a write a moment ago may be replayed already). */
  private async caughtUp(replica: Replica, minLsn: Lsn): Promise<boolean> {
    try {
      const [row] = await replica.dataSource.query("SELECT pg_last_wal_replay_lsn()::text AS lsn");
      const lsn = row.lsn ? parseLsn(row.lsn) : null;
      if (lsn !== null && lsn > replica.replayed) replica.replayed = lsn;
      return replica.replayed >= minLsn;
    } catch {
      return false;
    }
  }

  /** How far behind the primary a replay position is, in ms; null when the samples do not reach back that far. */
  private lagMs(replayed: Lsn): number | null {
    const now = Date.now();
    // the earliest moment the primary had WAL the replica has not replayed
    const first = this.samples.find((s) => s.lsn > replayed);
    if (!first) return 0;
    if (first === this.samples[0]) return null;
    return now - first.at;
  }

  private check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    try {
      const lsn = parseLsn(await this.primaryPosition());
      if (lsn !== null) this.samples.push({ at: Date.now(), lsn });
    } catch (err) {
      log.debug({ err }, "primary position unknown this round");
    }
    // keep samples reaching back past the lag limit (and one before it, which bounds older gaps)
    const horizon = Date.now() - this.options.maxLagMs * 2 - this.options.checkMs;
    while (this.samples.length > 2 && this.samples[1].at < horizon) this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.checkOne(r)));
  }

  private async checkOne(replica: Replica): Promise<void> {
    let healthy = false;
    let lag: number | null = null;
    try {
      await replica.ready();
      const [row] = await withTimeout(
        replica.dataSource.query("SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn"),
        Math.max(1_000, this.options.checkMs),
      );
      const replayed = row.lsn ? parseLsn(row.lsn) : null;
      if (replayed !== null) replica.replayed = replayed;
      lag = this.lagMs(replica.replayed);
      // a promoted replica is a primary of its own now: reading from it could show writes the primary never had
      healthy = row.standby === true && replayed !== null && lag !== null && lag <= this.options.maxLagMs;
    } catch (err) {
      if (replica.healthy) log.warn({ replica: replica.name, err }, "replica check failed; out of rotation");
    }
    if (healthy !== replica.healthy)
      log.info({ replica: replica.name, healthy, lagMs: lag }, healthy ? "replica in rotation" : "replica out of rotation");
    replica.healthy = healthy;
    replicaUp.set({ replica: replica.name }, healthy ? 1 : 0);
    if (lag !== null) replicaLagSeconds.set({ replica: replica.name }, lag / 1000);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * A standby cancels a read that holds back the replay of a conflicting change (SQLSTATE 40001,
 * "canceling statement due to conflict with recovery"); the primary has no such conflict.
 */
function cancelledByRecovery(e: unknown): boolean {
  return sqlStateOf(e) === "40001" && /recovery/.test(String((e as { message?: unknown }).message));
}
