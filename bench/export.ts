/**
 * Issue 15: the measurements export (GET /export/measurements.csv, every measurement of the
 * dataset: 1,000,000 at the default scale) against its floor, Postgres writing the same rows as
 * CSV itself (COPY … TO STDOUT, pg-copy-streams). The server's resident memory is sampled every
 * 20 ms during the download: a streamed export must not grow it by more than the target,
 * whatever the row count.
 */
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Client } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { cpuSecondsOf, memoryOf } from "./children";
import { Setup } from "./measure";
import { ScenarioResult, Side } from "./report";

const GROWTH_TARGET_MB = 50;

function side(rows: number, seconds: number, nodeCpuMs: number | null): Side {
  return { perSecond: rows / seconds, p50: seconds * 1000, p95: seconds * 1000, p99: seconds * 1000, count: rows, seconds, nodeCpuMs, pgCpuMs: null };
}

/** Counts the lines of a stream of text without keeping it. */
function lineCounter(): { sink: Writable; lines: () => number } {
  let lines = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      done();
    },
  });
  return { sink, lines: () => lines };
}

export async function measureExport(s: Setup, errors: string[]): Promise<ScenarioResult> {
  const rssBefore = memoryOf(s.server.pid).rssMB;
  let rssMax = rssBefore;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, memoryOf(s.server.pid).rssMB)), 20);
  const cpuBefore = cpuSecondsOf(s.server.pid);
  const started = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${s.server.port}/export/measurements.csv`, { headers: { authorization: `Bearer ${s.server.token}` } });
  const served = lineCounter();
  if (res.status !== 200 || !res.body) errors.push(`export: HTTP ${res.status}`);
  else await pipeline(res.body as unknown as NodeJS.ReadableStream, served.sink);
  const serverSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const nodeCpuMs = (cpuSecondsOf(s.server.pid) - cpuBefore) * 1000;
  const rows = served.lines() - 1;

  const client = new Client({ connectionString: s.dbUrl });
  await client.connect();
  const copied = lineCounter();
  const floorStarted = process.hrtime.bigint();
  try {
    await pipeline(
      client.query(
        copyTo(`COPY (SELECT m.id, mt.key, m.observed_at, m.value, m.source, m.note, m.recorded_at, m.recorded_by, m.retracted_at, m.retracted_by
          FROM metric mt CROSS JOIN LATERAL (SELECT * FROM measurement m WHERE m.metric_id = mt.id AND m.retracted_at IS NULL
            ORDER BY m.observed_at, m.recorded_at, m.id) m ORDER BY mt.key, m.observed_at, m.recorded_at, m.id) TO STDOUT WITH (FORMAT csv)`),
      ),
      copied.sink,
    );
  } finally {
    await client.end();
  }
  const floorSeconds = Number(process.hrtime.bigint() - floorStarted) / 1e9;
  if (copied.lines() !== rows) errors.push(`export: the server wrote ${rows} rows, COPY ${copied.lines()}`);
  const growth = rssMax - rssBefore;
  return {
    name: "export",
    unit: "rows/s",
    server: side(rows, serverSeconds, rows ? nodeCpuMs / rows : null),
    floor: side(copied.lines(), floorSeconds, null),
    ratio: copied.lines() / floorSeconds ? rows / serverSeconds / (copied.lines() / floorSeconds) : 0,
    sqlPerRequest: null,
    cost: null,
    connections: 1,
    note: `GET /export/measurements.csv of ${rows.toLocaleString("en-US")} rows in ${serverSeconds.toFixed(1)} s; server RSS ${rssBefore.toFixed(0)} → max ${rssMax.toFixed(0)} MB (+${growth.toFixed(1)} MB); floor: COPY … TO STDOUT CSV`,
    serverPeakMBAfter: memoryOf(s.server.pid).peakMB,
    targets: [{ label: `RSS growth < ${GROWTH_TARGET_MB} MB`, pass: growth < GROWTH_TARGET_MB }],
    raw: { rows, serverSeconds, floorSeconds, rssBeforeMB: rssBefore, rssMaxMB: rssMax, growthMB: growth, nodeCpuMs },
  };
}
