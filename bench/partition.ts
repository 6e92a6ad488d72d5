/**
 * Issue 16's figures (`--only=partition`): the in-place conversion of the measurement store
 * to quarterly partitions, on the default bench dataset. The database is built by every
 * migration before PartitionMeasurements, the dataset goes in, then the later wave of
 * corrections (bench/known-at.ts: 2 % of the measurements, so revisions exist); the
 * migration is timed, both tables' fingerprints compared, and the rows of each partition
 * printed. The floor's series, rollup and dashboard statements (the services' progress and
 * series SQL) are timed on the same data before, after, and again after down() (a second
 * unpartitioned sample: the machine is shared), and the API's answers on the partitioned store
 * are checked against the floor's. down() is timed and checked too.
 */
import { DataSource } from "typeorm";
import { createDataSource } from "../src/database/data-source";
import { migrations } from "../src/database/migrations";
import { PartitionMeasurements1796250000000 } from "../src/database/migrations/1796250000000-PartitionMeasurements";
import { entities } from "../src/entities";
import { Options } from "./args";
import { Child, startApiServer, startFloorServer } from "./children";
import { diff } from "./compare";
import { openBenchDatabase } from "./database";
import { buildDataset } from "./dataset";
import { laterHistory } from "./known-at";
import { runLoad } from "./load";
import { loadErrors } from "./measure";
import { ScenarioResult, Side } from "./report";
import { floorPath, ScenarioParams, scenarioParams } from "./scenarios";
import { verify } from "./verify";

const READS = ["series", "rollup", "dashboard"] as const;
type Read = (typeof READS)[number];
const POOL_SIZE = 10;
const MAX_COST = 50_000;

interface Fingerprint {
  rows: number;
  md5: string;
  lastId: number;
}

/** Rows, an md5 of every row's md5 in id order, and where the id sequence stands. */
async function fingerprint(ds: DataSource, table: "measurement" | "measurement_revision"): Promise<Fingerprint> {
  const [row] = await ds.query(`SELECT count(*)::int AS rows, md5(string_agg(md5(t::text), '' ORDER BY t.id)) AS md5 FROM ${table} t`);
  const [seq] = await ds.query(`SELECT last_value FROM ${table}_id_seq`);
  return { rows: row.rows, md5: row.md5, lastId: Number(seq.last_value) };
}

async function fingerprints(ds: DataSource) {
  return { measurement: await fingerprint(ds, "measurement"), revision: await fingerprint(ds, "measurement_revision") };
}

/** Rows and bytes (indexes included) of every partition of both tables. */
async function partitions(ds: DataSource): Promise<Array<{ partition: string; rows: number; MB: number }>> {
  const out = [];
  for (const table of ["measurement", "measurement_revision"]) {
    const leaves: Array<{ name: string; bytes: string }> = await ds.query(
      `SELECT relid::regclass::text AS name, pg_total_relation_size(relid) AS bytes FROM pg_partition_tree($1::regclass) WHERE isleaf ORDER BY 1`,
      [table],
    );
    for (const leaf of leaves) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${leaf.name}`);
      out.push({ partition: leaf.name, rows: n, MB: Math.round(Number(leaf.bytes) / 1e5) / 10 });
    }
  }
  return out;
}

interface FloorRun {
  side: Side;
  body: unknown;
}

/** The floor's answer to each read, and its throughput over the run's duration. */
async function timeFloor(url: string, params: ScenarioParams, opts: Options, errors: string[], label: string): Promise<Record<Read, FloorRun>> {
  const floor: Child = await startFloorServer(url, POOL_SIZE, params);
  try {
    const base = `http://127.0.0.1:${floor.port}`;
    const out = {} as Record<Read, FloorRun>;
    for (const read of READS) {
      const body = await (await fetch(`${base}${floorPath(read)}`)).json();
      const requests = [{ method: "GET" as const, path: floorPath(read) }];
      await runLoad({ url: base, connections: opts.connections, durationS: opts.warmupS, requests });
      const r = await runLoad({ url: base, connections: opts.connections, durationS: opts.durationS, requests });
      errors.push(...loadErrors(`partition: ${read} floor ${label}`, r));
      out[read] = {
        body,
        side: { perSecond: r.perSecond, p50: r.p50, p95: r.p95, p99: r.p99, count: r.requests, seconds: r.seconds, nodeCpuMs: null, pgCpuMs: null },
      };
    }
    return out;
  } finally {
    await floor.stop();
  }
}

export interface PartitionFigures {
  migrationSeconds: number;
  vacuumSeconds: number;
  downSeconds: number;
  fingerprints: { before: unknown; after: unknown; afterDown: unknown };
  partitions: Array<{ partition: string; rows: number; MB: number }>;
  scenarios: ScenarioResult[];
}

export async function measurePartitioning(opts: Options, log: (m: string) => void, errors: string[]): Promise<PartitionFigures> {
  const previous = migrations.slice(0, migrations.indexOf(PartitionMeasurements1796250000000));
  const db = await openBenchDatabase(log, previous);
  let full: DataSource | undefined;
  try {
    log(`partition: building the dataset at ${previous.at(-1)!.name} …`);
    const fixtures = await buildDataset(db.dataSource, opts.scale, log);
    await db.dataSource.destroy();
    const later = await laterHistory(db.url);
    log(`partition: ${JSON.stringify(fixtures.counts)}, then ${later.corrected} corrections (revisions)`);
    const params = scenarioParams(fixtures);

    full = createDataSource({ url: db.url, entities, poolSize: 2, statementTimeoutMs: 3_600_000 });
    await full.initialize();
    const before = await fingerprints(full);
    log(`partition: before ${JSON.stringify(before)}`);
    const floorBefore = await timeFloor(db.url, params, opts, errors, "before");

    let t = performance.now();
    const applied = await full.runMigrations({ transaction: "each" });
    const migrationSeconds = (performance.now() - t) / 1000;
    log(`partition: ${applied.map((m) => m.name).join(", ")} in ${migrationSeconds.toFixed(1)} s`);
    // the copied rows are not all-visible yet: without a VACUUM, index-only scans visit the heap (autovacuum would, later)
    t = performance.now();
    await full.query(`VACUUM ANALYZE measurement, measurement_revision`);
    const vacuumSeconds = (performance.now() - t) / 1000;
    log(`partition: VACUUM ANALYZE of both tables in ${vacuumSeconds.toFixed(1)} s`);
    const after = await fingerprints(full);
    if (JSON.stringify(after) !== JSON.stringify(before))
      errors.push(`partition: fingerprints differ after up(): ${JSON.stringify({ before, after })}`);
    else log("partition: fingerprints equal after up()");
    const placed = await partitions(full);
    for (const p of placed) log(`partition:   ${p.partition.padEnd(32)} ${String(p.rows).padStart(9)} rows ${String(p.MB).padStart(7)} MB`);

    const floorAfter = await timeFloor(db.url, params, opts, errors, "after");
    for (const read of READS) {
      const d = diff(floorAfter[read].body, floorBefore[read].body, read);
      if (d.length) errors.push(`partition: the floor's ${read} answer changed: ${d.join("; ")}`);
    }
    // the API's answers on the converted store equal the floor's
    const server = await startApiServer({
      url: db.url,
      poolSize: POOL_SIZE,
      maxCost: MAX_COST,
      cpuProfDir: null,
      nodeArgs: opts.serverNodeArgs,
      sqlStats: true,
    });
    const floor = await startFloorServer(db.url, POOL_SIZE, params);
    try {
      const endpoints = { graphqlUrl: `http://127.0.0.1:${server.port}/graphql`, token: server.token, floorUrl: `http://127.0.0.1:${floor.port}` };
      for (const read of READS) {
        const v = await verify(endpoints, read, params);
        if (v.diffs.length) errors.push(`partition: the API's ${read} differs from the floor's: ${v.diffs.join("; ")}`);
        else log(`partition: API ${read} answer equals the floor's (${v.sqlStatements} statement(s))`);
      }
    } finally {
      await server.stop();
      await floor.stop();
    }

    t = performance.now();
    await full.undoLastMigration({ transaction: "each" });
    const downSeconds = (performance.now() - t) / 1000;
    const afterDown = await fingerprints(full);
    if (JSON.stringify(afterDown) !== JSON.stringify(before))
      errors.push(`partition: fingerprints differ after down(): ${JSON.stringify(afterDown)}`);
    else log(`partition: down() in ${downSeconds.toFixed(1)} s, fingerprints equal`);
    // a second unpartitioned sample, after the partitioned one: on a shared machine the order of runs matters
    await full.query(`VACUUM ANALYZE measurement, measurement_revision`);
    const floorAgain = await timeFloor(db.url, params, opts, errors, "after down()");

    const scenarios = READS.map((read): ScenarioResult => {
      const unpartitioned = (floorBefore[read].side.perSecond + floorAgain[read].side.perSecond) / 2;
      const after = floorAfter[read].side;
      return {
        name: `${read}@partitioned`,
        unit: "req/s",
        server: after,
        floor: floorBefore[read].side,
        ratio: after.perSecond / unpartitioned,
        sqlPerRequest: 1,
        cost: null,
        connections: opts.connections,
        note:
          `the floor's statement on the partitioned store (the 'server' column) vs the same database unpartitioned, before the ` +
          `conversion (the 'floor' column) and after down() (${floorAgain[read].side.perSecond.toFixed(1)} req/s); ratio to their mean`,
        serverPeakMBAfter: 0,
        targets: [{ label: "partitioned within 0.8 of unpartitioned", pass: after.perSecond >= 0.8 * unpartitioned }],
        raw: { before: floorBefore[read].side, after, afterDown: floorAgain[read].side },
      };
    });
    for (const s of scenarios) {
      const again = (s.raw.afterDown as Side).perSecond;
      log(
        `partition: ${s.name} ${s.server.perSecond.toFixed(1)} req/s; unpartitioned ${s.floor.perSecond.toFixed(1)} before, ${again.toFixed(1)} after down() (ratio ${s.ratio.toFixed(2)})`,
      );
    }
    return { migrationSeconds, vacuumSeconds, downSeconds, fingerprints: { before, after, afterDown }, partitions: placed, scenarios };
  } finally {
    await full?.destroy().catch(() => undefined);
    await db.close(opts.keep);
  }
}
