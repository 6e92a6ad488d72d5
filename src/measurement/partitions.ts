import { DataSource } from "typeorm";

/**
 * The measurement store is partitioned by quarter of observedAt (migration
 * PartitionMeasurements). Quarters must exist before rows arrive for them, or those rows
 * land in the default partition, which every query that cannot rule it out has to read.
 * So every API process keeps QUARTERS_AHEAD quarters after the current one created: once at
 * start, then every MAINTENANCE_INTERVAL_MS. Creating a quarter that already has rows in the
 * default partition moves them in (rmo_ensure_measurement_partitions): storage maintenance,
 * not a write of the domain, so it records no change and leaves no revision.
 */
export const QUARTERS_AHEAD = 4;
export const MAINTENANCE_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Never queue behind a long transaction while holding up every writer behind us: give up, try next time. */
const LOCK_TIMEOUT = "5s";

/** A partition created by a maintenance run, and the rows it took over from the default partition. */
export interface CreatedPartition {
  partition: string;
  moved: number;
}

/** The first instant of the UTC calendar quarter containing `at`, moved `quarters` quarters on. */
export function quarterStart(at: Date, quarters = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), Math.floor(at.getUTCMonth() / 3) * 3 + 3 * quarters, 1));
}

/**
 * Creates the partitions of the quarter containing `now` and of the `quartersAhead` after it
 * that do not exist yet, in one transaction; returns those it created.
 */
export async function ensureMeasurementPartitions(dataSource: DataSource, now: Date, quartersAhead = QUARTERS_AHEAD): Promise<CreatedPartition[]> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [LOCK_TIMEOUT]);
    const rows: Array<{ partition: string; moved: number }> = await manager.query(
      `SELECT partition, moved FROM rmo_ensure_measurement_partitions($1::timestamptz, $2::timestamptz)`,
      [quarterStart(now).toISOString(), quarterStart(now, quartersAhead + 1).toISOString()],
    );
    return rows.map((r) => ({ partition: r.partition, moved: Number(r.moved) }));
  });
}

/** What the maintenance logs through (the service's pino logger fits). */
export interface MaintenanceLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface PartitionMaintenance {
  /** The run in progress, if any (start's first run included). */
  running(): Promise<void>;
  /** No further runs; one in progress finishes. */
  stop(): void;
}

/**
 * Runs ensureMeasurementPartitions now and then every `intervalMs`. A failed run is logged
 * and tried again at the next interval; it never stops the process. The timer does not keep
 * the process alive.
 */
export function startPartitionMaintenance(
  dataSource: DataSource,
  log: MaintenanceLog,
  options: { intervalMs?: number; quartersAhead?: number; clock?: () => Date } = {},
): PartitionMaintenance {
  const { intervalMs = MAINTENANCE_INTERVAL_MS, quartersAhead = QUARTERS_AHEAD, clock = () => new Date() } = options;
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = ensureMeasurementPartitions(dataSource, clock(), quartersAhead).then(
      (created) => {
        if (created.length) log.info({ created }, "measurement partitions created");
      },
      (err: unknown) => log.error({ err }, "measurement partition maintenance failed; trying again later"),
    );
    return current;
  };
  void run();
  const timer = setInterval(() => {
    if (dataSource.isInitialized) void run();
  }, intervalMs);
  timer.unref();
  return {
    running: () => current,
    stop: () => clearInterval(timer),
  };
}
