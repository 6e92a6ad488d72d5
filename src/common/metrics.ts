import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics (`GET /metrics`, API.md "Operations"): requests and their latency by
 * operation and outcome, the database pool, measurements ingested, and Node's own (event-loop
 * lag, GC, memory) from prom-client's default collectors.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "rmo_" });

export const requests = new Counter({
  name: "rmo_requests_total",
  help: "GraphQL requests answered, by operation name and outcome (ok, or the first error's code).",
  labelNames: ["operation", "outcome"] as const,
  registers: [registry],
});

export const requestSeconds = new Histogram({
  name: "rmo_request_duration_seconds",
  help: "Time to answer a GraphQL request, by operation name and outcome.",
  labelNames: ["operation", "outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const inFlight = new Gauge({
  name: "rmo_requests_in_flight",
  help: "GraphQL requests received and not yet answered (a drain waits for them).",
  registers: [registry],
});

export const measurementsIngested = new Counter({
  name: "rmo_measurements_ingested_total",
  help: "Measurement items by what recordMeasurements did with them.",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const exportRows = new Counter({
  name: "rmo_export_rows_total",
  help: "Rows written by the CSV/NDJSON exports, by export.",
  labelNames: ["export"] as const,
  registers: [registry],
});

export const databaseReads = new Counter({
  name: "rmo_db_reads_total",
  help: "Requests by where their reads went (primary or replica) and why the primary served it (no-replica: none configured; with replicas: write, min-lsn, fallback; none for a replica).",
  labelNames: ["target", "reason"] as const,
  registers: [registry],
});

export const replicaUp = new Gauge({
  name: "rmo_replica_up",
  help: "1 while a read replica is in rotation (answers, is a standby, lags less than RMO_REPLICA_MAX_LAG_MS), else 0.",
  labelNames: ["replica"] as const,
  registers: [registry],
});

export const replicaLagSeconds = new Gauge({
  name: "rmo_replica_lag_seconds",
  help: "How long ago the primary had WAL a read replica has not replayed yet, at the last check.",
  labelNames: ["replica"] as const,
  registers: [registry],
});

type PoolCounts = { totalCount: number; idleCount: number; waitingCount: number };
const pools = new Set<() => PoolCounts | undefined>();

new Gauge({
  name: "rmo_db_pool_connections",
  help: "Database pool: connections in use and idle, and callers waiting for one.",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    let inUse = 0;
    let idle = 0;
    let waiting = 0;
    for (const read of pools) {
      const p = read();
      if (!p) continue;
      inUse += p.totalCount - p.idleCount;
      idle += p.idleCount;
      waiting += p.waitingCount;
    }
    this.set({ state: "in_use" }, inUse);
    this.set({ state: "idle" }, idle);
    this.set({ state: "waiting" }, waiting);
  },
});

/** Counts a database pool's connections (in use, idle, waiting callers) in rmo_db_pool_connections when scraped. */
export function watchPool(pool: () => PoolCounts | undefined): () => void {
  pools.add(pool);
  return () => pools.delete(pool);
}

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;
const seen = new Set<string>();

/** An operation name as a label: clients choose names, so odd or too many distinct ones become "other". */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (!SAFE_NAME.test(name)) return "other";
  if (!seen.has(name)) {
    if (seen.size >= MAX_OPERATION_NAMES) return "other";
    seen.add(name);
  }
  return name;
}
