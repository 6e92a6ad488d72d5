/**
 * `npm run bench` (issue 5): builds a deterministic dataset in a fresh database, starts the
 * built API server in production mode as a child process, checks that every read scenario's
 * answer equals its floor's, then drives both over HTTP and reports throughput, latency, SQL
 * statements per request, CPU per request and the server's peak memory against the targets.
 * See docs/performance.md. Exit code: 0 when the run itself succeeded (a missed target is a
 * finding), 1 when answers differ or requests failed.
 */
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Options, parseArgs, ScenarioName } from "./args";
import { Child, memoryOf, PostgresCpu, startApiServer, startFloorServer } from "./children";
import { openBenchDatabase, BenchDatabase } from "./database";
import { buildDataset } from "./dataset";
import { measureIngestion, measureRead, Setup } from "./measure";
import { formatSummary, summarize } from "./cpu-profile";
import { formatReport, RunReport, writeReport } from "./report";
import { ReadScenario, scenarioParams } from "./scenarios";
import { verify, Verification } from "./verify";
import { measureExport } from "./export";
import { measureAgainstPeer, peerDirectory, startPostGraphile } from "./peer";
import { historySizes, LaterHistory, laterHistory, measureKnownAt } from "./known-at";
import { runClusterBench } from "./cluster";
import { measurePartitioning } from "./partition";

const POOL_SIZE = 10;
/**
 * The dashboard asks hypotheses(first: 10) per initiative, so its cost is 11,404 (the report
 * page's about 10,500), under the default limit of 50,000: the limit is passed explicitly at
 * its default, not raised.
 */
const MAX_COST = 50_000;
const DIST = path.resolve(__dirname, "..");
const log = (m: string) => console.log(`[bench] ${m}`);

function knapsackTiming(): Record<string, unknown> {
  const file = path.join(DIST, "src", "prioritization", "knapsack.bench.js");
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "-e", `console.log(JSON.stringify(require(${JSON.stringify(file)}).benchKnapsack(2000, 42)))`],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(out.trim().split("\n").pop()!);
}

/** The API server's CPU profile of this run (written when it exited), summarized. */
function printProfile(dir: string, since: Date, report: RunReport) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).mtimeMs >= since.getTime());
  const file = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!file) return log(`no CPU profile found in ${dir}`);
  const summary = summarize(JSON.parse(fs.readFileSync(file, "utf8")), 20);
  report.environment.cpuProfile = { file, summary };
  console.log(`\n[bench] API server CPU profile ${file}:\n${formatSummary(summary)}`);
}

async function main(): Promise<number> {
  const opts: Options = parseArgs(process.argv.slice(2));
  if (opts.cluster) return runClusterBench(opts, log);
  const started = new Date();
  const errors: string[] = [];
  const report: RunReport = {
    startedAt: started.toISOString(),
    finishedAt: "",
    seconds: 0,
    options: { ...opts },
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
      database: process.env.DATABASE_URL ? "DATABASE_URL" : "embedded",
    },
    dataset: {},
    verification: [],
    scenarios: [],
    knapsack: null,
    serverPeakMB: null,
    floorPeakMB: null,
    targets: [],
    errors,
  };
  log(`scale ${opts.scaleName}: ${JSON.stringify(opts.scale)}; ${opts.durationS} s per run after ${opts.warmupS} s warm-up`);
  log(
    `${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} (a shared machine: compare ratios, not absolutes)`,
  );
  if (opts.knapsack) {
    report.knapsack = knapsackTiming();
    log(`knapsack: ${JSON.stringify(report.knapsack)}`);
  }

  let db: BenchDatabase | undefined;
  let pgCpu: PostgresCpu | undefined;
  const children: Child[] = [];
  let interrupted = false;
  const cleanup = async () => {
    for (const c of children.splice(0)) await c.stop().catch(() => undefined);
    await pgCpu?.close().catch(() => undefined);
    pgCpu = undefined;
    await db?.close(opts.keep).catch((e) => console.error(`[bench] cleanup: ${e.message}`));
    db = undefined;
  };
  process.once("SIGINT", () => {
    interrupted = true;
    void cleanup().then(() => process.exit(130));
  });

  if (opts.only.includes("partition")) {
    try {
      const { scenarios, ...figures } = await measurePartitioning(opts, log, errors);
      report.partition = figures;
      report.scenarios.push(...scenarios);
    } catch (e) {
      if (!interrupted) errors.push(`partition: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // the other scenarios share one database with the whole migrated schema
  if (opts.only.some((s) => s !== "partition")) {
    try {
      db = await openBenchDatabase(log);
      report.environment.postgres = db.serverVersion;
      report.environment.databaseDescription = db.description;
      log(`database: ${db.description}, Postgres ${db.serverVersion}`);
      log("building the dataset …");
      const fixtures = await buildDataset(db.dataSource, opts.scale, log);
      report.dataset = { scale: opts.scaleName, counts: fixtures.counts, buildSeconds: Math.round(fixtures.buildSeconds * 10) / 10 };
      log(`dataset built in ${fixtures.buildSeconds.toFixed(1)} s: ${JSON.stringify(fixtures.counts)}`);
      await db.dataSource.destroy(); // the bench's own pool is not needed any more
      const params = scenarioParams(fixtures);
      let later: LaterHistory | null = null;
      if (opts.only.includes("knownAt")) {
        later = await laterHistory(db.url);
        report.history = { later, afterLaterWave: await historySizes(db.url) };
        log(`knownAt: K = ${later.knownAt}; after it ${JSON.stringify(later)}`);
      }

      // Answers and SQL/request come from a server with SQL statistics on; the timed server is
      // then a production server as deployed, without them (they cost it CPU on every promise).
      const serverOptions = { url: db.url, poolSize: POOL_SIZE, maxCost: MAX_COST, cpuProfDir: null, nodeArgs: opts.serverNodeArgs };
      let server = await startApiServer({ ...serverOptions, sqlStats: true });
      children.push(server);
      const floor = await startFloorServer(db.url, POOL_SIZE, params);
      children.push(floor);
      report.environment.serverRssAtStartMB = Math.round(memoryOf(server.pid).rssMB);
      log(
        `API server pid ${server.pid} on port ${server.port} (${report.environment.serverRssAtStartMB} MB resident); floor pid ${floor.pid} on port ${floor.port}; pool size ${POOL_SIZE} each`,
      );
      pgCpu = await PostgresCpu.open(db.url);
      const setup: Setup = {
        params,
        pgCpu,
        server: { pid: server.pid, port: server.port, token: server.token },
        floor: { pid: floor.pid, port: floor.port },
        dbUrl: db.url,
        durationS: opts.durationS,
        warmupS: opts.warmupS,
      };
      const endpoints = { graphqlUrl: `http://127.0.0.1:${server.port}/graphql`, token: server.token, floorUrl: `http://127.0.0.1:${floor.port}` };

      const reads = opts.only.filter(
        (s): s is ReadScenario & ScenarioName => s !== "ingestion" && s !== "knownAt" && s !== "export" && s !== "partition",
      );
      const verified: Verification[] = [];
      for (const scenario of reads) {
        const v = await verify(endpoints, scenario, params);
        report.verification.push({ ...v });
        if (v.diffs.length) {
          console.error(`\n[bench] ${scenario}: the server's answer differs from the floor's:\n  ${v.diffs.join("\n  ")}`);
          errors.push(`${scenario}: answers differ (${v.diffs.length} difference(s) shown)`);
        } else {
          log(
            `${scenario}: answers equal (${v.sqlStatements} SQL statement(s)${v.pages ? ` per page, ${v.pages} pages, ${v.rows} rows` : ""}, cost ${v.cost})`,
          );
        }
        verified.push(v);
      }
      if (errors.length) throw new Error("the server's answers differ from the floor's; not timing anything");

      await server.stop();
      children.splice(children.indexOf(server), 1);
      server = await startApiServer({ ...serverOptions, cpuProfDir: opts.cpuProfDir, sqlStats: false });
      children.push(server);
      setup.server = { pid: server.pid, port: server.port, token: server.token };
      report.environment.serverRssAtStartMB = Math.round(memoryOf(server.pid).rssMB);
      log(`timed API server pid ${server.pid} on port ${server.port} (SQL statistics off)`);

      for (const v of verified) {
        const connections = v.scenario === "report" ? opts.reportConnections : opts.connections;
        log(`${v.scenario}: ${opts.durationS} s with ${connections} connection(s), server then floor …`);
        const result = await measureRead(setup, v, connections, errors);
        report.scenarios.push(result);
        log(
          `${v.scenario}: ${result.server.perSecond.toFixed(1)} vs ${result.floor.perSecond.toFixed(1)} ${result.unit} (ratio ${result.ratio.toFixed(2)}), p95 ${result.server.p95.toFixed(1)} ms`,
        );
      }
      if (later) {
        for (const scenario of ["dashboard", "rollup"] as const) {
          log(`${scenario}@knownAt: 3 alternating rounds of ${opts.durationS} s, current path then K …`);
          const result = await measureKnownAt(setup, scenario, later, opts.connections, errors);
          report.scenarios.push(result);
          log(
            `${scenario}@knownAt: ${result.server.perSecond.toFixed(1)} vs ${result.floor.perSecond.toFixed(1)} req/s on the current path (ratio ${result.ratio.toFixed(2)})`,
          );
        }
      }
      if (opts.peer) {
        const started = await startPostGraphile(peerDirectory(path.resolve(DIST, "..")), db.url, log);
        if (typeof started === "string") {
          log(`peer: skipped, ${started}`);
          report.environment.peer = `skipped: ${started}`;
        } else {
          report.environment.peer = `PostGraphile v5 pid ${started.pid}`;
          try {
            report.scenarios.push(...(await measureAgainstPeer(setup, started, opts.peerRounds, opts.connections, errors, log)));
          } finally {
            started.stop();
          }
        }
      }
      if (opts.only.includes("export")) {
        log("export: GET /export/measurements.csv of every measurement, then COPY … TO STDOUT of the same rows …");
        const result = await measureExport(setup, errors);
        report.scenarios.push(result);
        log(
          `export: ${result.note}; ${Math.round(result.server.perSecond)} vs ${Math.round(result.floor.perSecond)} rows/s (ratio ${result.ratio.toFixed(2)})`,
        );
      }
      if (opts.only.includes("ingestion")) {
        const sizesBefore = later ? await historySizes(db.url) : null;
        const spec = {
          clients: opts.ingestClients,
          batchesPerClient: opts.ingestBatches,
          batchSize: opts.batchSize,
          metricKeys: fixtures.metricKeys,
          metricIds: fixtures.metricIds,
        };
        log(`ingestion: ${spec.clients} clients × ${spec.batchesPerClient} batches of ${spec.batchSize} rows, then COPY of the same …`);
        const result = await measureIngestion(setup, spec, errors);
        report.scenarios.push(result);
        log(`ingestion: ${Math.round(result.server.perSecond)} vs ${Math.round(result.floor.perSecond)} rows/s (ratio ${result.ratio.toFixed(2)})`);
        if (sizesBefore) {
          const after = await historySizes(db.url);
          const grew = (t: string) => (after[t]?.bytes ?? 0) - (sizesBefore[t]?.bytes ?? 0);
          const ingested = after.measurement.rows - sizesBefore.measurement.rows;
          const perMillion = (bytes: number) => Math.round((bytes / Math.max(1, ingested)) * 1e6);
          const historyBytes = Object.entries(after)
            .filter(([t]) => t !== "measurement")
            .reduce((s, [, v]) => s + v.bytes, 0);
          report.history = {
            ...report.history,
            afterIngestion: after,
            ingestedRows: ingested,
            changeBytesPerMillionIngested: perMillion(grew("change")),
            revisionBytesPerMillionIngested: perMillion(grew("measurement_revision")),
            historyBytesPerMillionMeasurements: Math.round((historyBytes / after.measurement.rows) * 1e6),
            measurementBytesPerMillion: Math.round((after.measurement.bytes / after.measurement.rows) * 1e6),
          };
          log(`history: ${JSON.stringify(report.history, null, 0)}`);
        }
      }

      report.serverPeakMB = memoryOf(server.pid).peakMB;
      report.floorPeakMB = memoryOf(floor.pid).peakMB;
    } catch (e) {
      if (!interrupted) errors.push(e instanceof Error ? e.message : String(e));
    } finally {
      await cleanup();
    }
  }

  if (opts.cpuProfDir && fs.existsSync(opts.cpuProfDir)) printProfile(opts.cpuProfDir, started, report);
  report.targets = report.scenarios.flatMap((s) => s.targets.map((t) => ({ label: `${s.name}: ${t.label}`, pass: t.pass })));
  if (report.serverPeakMB !== null) report.targets.push({ label: "server peak < 300 MB", pass: report.serverPeakMB < 300 });
  const finished = new Date();
  report.finishedAt = finished.toISOString();
  report.seconds = Math.round((finished.getTime() - started.getTime()) / 100) / 10;
  console.log(`\n${formatReport(report)}`);
  const file = writeReport(report, path.resolve(DIST, "..", "bench", "results"));
  log(`results written to ${path.relative(process.cwd(), file)} (${report.seconds} s in all)`);
  for (const e of errors) console.error(`[bench] error: ${e}`);
  return errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
