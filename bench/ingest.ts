/**
 * Ingestion: several concurrent clients, each sending a fixed number of recordMeasurements
 * batches of NEW rows (every row its own observedAt, source "bench-ingest"), against the
 * floor: Postgres COPY … FROM STDIN (pg-copy-streams) of the same rows (source "bench-copy"),
 * with the same clients, batches and row order (the server sorts each batch by natural key).
 * Rows are made before the clock starts, so neither side pays for generating them.
 */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PostgresCpu } from "./children";
import { WINDOW_START } from "./dataset";
import { percentile } from "./load";

export const RECORD = `mutation Record($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code message field } }
}`;

export interface IngestSpec {
  clients: number;
  batchesPerClient: number;
  batchSize: number;
  metricKeys: string[];
  metricIds: string[];
}

export interface IngestResult {
  rows: number;
  batches: number;
  seconds: number;
  rowsPerSecond: number;
  batchesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: string[];
  sqlPerBatch: number | null;
}

interface Row {
  k: number;
  observedAt: string;
  value: number;
}

/** Rows of one batch: global row numbers `first … first + size − 1`, one second apart, metrics round-robin. */
function batchRows(first: number, size: number): Row[] {
  return Array.from({ length: size }, (_, i) => {
    const g = first + i;
    return { k: g, observedAt: new Date(WINDOW_START.getTime() + g * 1000).toISOString(), value: 42 + (g % 1000) / 10 };
  });
}

function summarize(latencies: number[], rows: number, batches: number, seconds: number, errors: string[], sql: number | null): IngestResult {
  latencies.sort((a, b) => a - b);
  return {
    rows,
    batches,
    seconds,
    rowsPerSecond: rows / seconds,
    batchesPerSecond: batches / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    sqlPerBatch: sql,
  };
}

/** Runs `clients` loops at once, each over its own list of jobs; returns latencies and wall time. */
async function concurrently<T>(perClient: T[][], job: (item: T) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    perClient.map(async (items) => {
      for (const item of items) {
        const t = performance.now();
        await job(item);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** `offset` separates runs (warm-up, measured) so every row is new. */
export async function ingestGraphql(url: string, token: string, spec: IngestSpec, offset: number, source = "bench-ingest"): Promise<IngestResult> {
  const { clients, batchesPerClient: n, batchSize: size, metricKeys } = spec;
  const bodies = Array.from({ length: clients }, (_, c) =>
    Array.from({ length: n }, (_, b) => {
      const rows = batchRows(offset + (c * n + b) * size, size);
      const measurements = rows.map((r) => ({ metricKey: metricKeys[r.k % metricKeys.length], value: r.value, observedAt: r.observedAt, source }));
      return JSON.stringify({ query: RECORD, variables: { input: { measurements, atomic: false } } });
    }),
  );
  const errors: string[] = [];
  let sql: number | null = null;
  const { latencies, seconds } = await concurrently(bodies, async (body) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    let json: {
      data?: { recordMeasurements?: { inserted: number; rejected: unknown[] } };
      errors?: unknown;
      extensions?: { sqlStatements?: number };
    };
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    const r = json.data?.recordMeasurements;
    if (res.status !== 200 || json.errors || !r || r.inserted !== size || r.rejected.length) {
      if (errors.length < 5) errors.push(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    }
    sql ??= json.extensions?.sqlStatements ?? null;
  });
  return summarize(latencies, clients * n * size, clients * n, seconds, errors, sql);
}

/** `pgCpu`, when given, measures the COPY backends' CPU (taken before their connections close). */
export async function ingestCopy(
  dbUrl: string,
  spec: IngestSpec,
  offset: number,
  source = "bench-copy",
  pgCpu?: PostgresCpu,
): Promise<IngestResult & { pgCpuSeconds: number | null }> {
  const { clients, batchesPerClient: n, batchSize: size, metricIds } = spec;
  // the same rows in the order the server writes them: by metric, then time
  const payloads = Array.from({ length: clients }, (_, c) =>
    Array.from({ length: n }, (_, b) => {
      const rows = batchRows(offset + (c * n + b) * size, size).map((r) => ({ ...r, metricId: metricIds[r.k % metricIds.length] }));
      rows.sort((x, y) => (x.metricId < y.metricId ? -1 : x.metricId > y.metricId ? 1 : x.observedAt < y.observedAt ? -1 : 1));
      return rows.map((r) => `${r.metricId}\t${r.observedAt}\t${source}\t${r.value}\t\\N\tbench\n`).join("");
    }),
  );
  const connections = await Promise.all(
    payloads.map(async () => {
      const client = new pg.Client({ connectionString: dbUrl, application_name: "rmo-bench-copy" });
      await client.connect();
      return client;
    }),
  );
  const errors: string[] = [];
  let client = 0;
  const jobs = payloads.map((batches) => {
    const c = connections[client++];
    return batches.map((text) => ({ c, text }));
  });
  try {
    const pg0 = pgCpu ? await pgCpu.snapshot() : null;
    const { latencies, seconds } = await concurrently(jobs, async ({ c, text }) => {
      try {
        const stream = c.query(copyFrom("COPY measurement (metric_id, observed_at, source, value, note, recorded_by) FROM STDIN"));
        await pipeline(Readable.from([text]), stream);
      } catch (e) {
        if (errors.length < 5) errors.push((e as Error).message);
      }
    });
    const pgCpuSeconds = pgCpu && pg0 ? PostgresCpu.delta(pg0, await pgCpu.snapshot()) : null;
    return { ...summarize(latencies, clients * n * size, clients * n, seconds, errors, 1), pgCpuSeconds };
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}

/** The rows the server stored must be exactly the rows COPY stored (same metric, instant, value). */
export async function compareIngested(dbUrl: string, expectedRows: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: dbUrl, application_name: "rmo-bench-check" });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(a.id)::int AS server_rows, count(b.id)::int AS copy_rows,
        count(*) FILTER (WHERE a.id IS NULL OR b.id IS NULL OR a.value <> b.value)::int AS differ
      FROM (SELECT * FROM measurement WHERE source = 'bench-ingest') a
      FULL JOIN (SELECT * FROM measurement WHERE source = 'bench-copy') b ON a.metric_id = b.metric_id AND a.observed_at = b.observed_at`);
    const r = rows[0] as { server_rows: number; copy_rows: number; differ: number };
    return r.server_rows === expectedRows && r.copy_rows === expectedRows && r.differ === 0
      ? []
      : [
          `ingestion: stored rows differ (server ${r.server_rows}, COPY ${r.copy_rows}, expected ${expectedRows}, ${r.differ} unmatched or different)`,
        ];
  } finally {
    await client.end();
  }
}
