import { randomInt } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { log } from "../common/log";

/**
 * Which API processes are alive, as Postgres sees it, so a retry can tell a keyed request
 * still finishing its answer from one whose process was killed after committing.
 *
 * Each process holds a session advisory lock (INSTANCE_LOCK_CLASS, its instance number) on a
 * connection of its own for as long as it runs. A killed process's connection closes and
 * Postgres releases the lock at once, so "can the lock be taken?" answers "is that process
 * gone?" without heartbeats or timeouts. The connection goes straight to Postgres (a session
 * lock means nothing through a transaction-mode pooler). While it is down (the database
 * restarting) others may take this process's keyed requests for lost: they then answer
 * APPLIED_RESPONSE_LOST, never apply anything twice.
 */

/** The advisory-lock class of instance locks: "RMO" in ASCII. */
export const INSTANCE_LOCK_CLASS = 0x524d4f;

export class Liveness {
  /** This process's instance number, recorded with each key it claims. */
  readonly instance = randomInt(1, 2 ** 31 - 1);
  /** Requests of this process that claimed a key and have not stored their response yet. */
  readonly answering = new Set<string>();
  private client: Client | null = null;
  private stopped = false;
  private pending: Promise<void> = Promise.resolve();

  /** `directUrl`: the primary with no pooler in between (a session lock lives on one session). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly directUrl: string,
  ) {}

  start(): void {
    this.pending = this.hold();
  }

  private async hold(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.directUrl, application_name: "rmo-liveness" });
    client.on("error", () => undefined);
    client.on("end", () => {
      if (this.client === client) this.client = null;
      if (!this.stopped) setTimeout(() => void this.hold(), 1_000).unref();
    });
    try {
      await client.connect();
      await client.query(`SELECT pg_advisory_lock($1, $2)`, [INSTANCE_LOCK_CLASS, this.instance]);
      this.client = client;
      // stopped while connecting: let go at once
      if (this.stopped) await this.stop();
    } catch (err) {
      log.debug({ err }, "liveness lock not held; retrying");
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Whether the request that claimed a key is still answering: this process's own requests
   * by memory, another process's by its lock (taken and released at once if it is free).
   */
  async answeringElsewhere(instance: number, requestId: string): Promise<boolean> {
    if (instance === this.instance) return this.answering.has(requestId);
    const [row] = await this.dataSource.query(
      `SELECT CASE WHEN pg_try_advisory_lock($1, $2) THEN NOT pg_advisory_unlock($1, $2) ELSE true END AS alive`,
      [INSTANCE_LOCK_CLASS, instance],
    );
    return row.alive === true;
  }

  /**
   * How many API processes are alive on this database (each holds its instance lock), at
   * least this one: per-process budgets are shared out by it (rate limits).
   */
  async processes(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(DISTINCT objid)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2 AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [INSTANCE_LOCK_CLASS],
    );
    return Math.max(1, row.n);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Stops, once a first connection attempt in progress has ended. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.pending;
    await this.stop();
  }
}
