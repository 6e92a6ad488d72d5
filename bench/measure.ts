/**
 * One scenario, both sides: the API server under autocannon, then the floor under the same
 * load, with the CPU each side's Node process and Postgres spent per request. Ingestion:
 * GraphQL batches, then COPY of the same rows.
 */
import autocannon from "autocannon";
import { cpuSecondsOf, memoryOf, PostgresCpu } from "./children";
import { compareIngested, ingestCopy, ingestGraphql, IngestResult, IngestSpec } from "./ingest";
import { LoadResult, runLoad } from "./load";
import { ScenarioResult, Side, Target } from "./report";
import { endCursorOf, floorPath, graphqlBody, ReadScenario, ScenarioParams } from "./scenarios";
import { Verification } from "./verify";

export interface Setup {
  params: ScenarioParams;
  server: { pid: number; port: number; token: string };
  floor: { pid: number; port: number };
  dbUrl: string;
  pgCpu: PostgresCpu;
  durationS: number;
  warmupS: number;
}

type Make = (after: string | null) => autocannon.Request;

/** One request repeated, or for the report a walk of `pages` pages that follows endCursor. */
function requestsFor(scenario: ReadScenario, pages: number, make: Make): autocannon.Request[] {
  if (scenario !== "report") return [make(null)];
  const remember = (_status: number, body: string, context: object) => {
    (context as { after?: string | null }).after = endCursorOf(body);
  };
  return Array.from({ length: pages }, (_, i) =>
    i === 0
      ? { ...make(null), onResponse: remember }
      : {
          ...make(null),
          setupRequest: (req: autocannon.Request, context: object) => ({ ...req, ...make((context as { after?: string }).after ?? null) }),
          onResponse: remember,
        },
  );
}

/** Runs `fn` and charges the CPU used meanwhile by `pid` (or this process) and Postgres to each of `count()` requests. */
async function withCpu<T>(
  pgCpu: PostgresCpu,
  pid: number | null,
  fn: () => Promise<T>,
  count: (r: T) => number,
): Promise<{ result: T; nodeCpuMs: number; pgCpuMs: number }> {
  const own0 = process.cpuUsage();
  const node0 = pid === null ? 0 : cpuSecondsOf(pid);
  const pg0 = await pgCpu.snapshot();
  const result = await fn();
  const pgS = PostgresCpu.delta(pg0, await pgCpu.snapshot());
  const own = process.cpuUsage(own0);
  const nodeS = pid === null ? (own.user + own.system) / 1e6 : cpuSecondsOf(pid) - node0;
  const n = Math.max(1, count(result));
  return { result, nodeCpuMs: (nodeS * 1000) / n, pgCpuMs: (pgS * 1000) / n };
}

function side(r: LoadResult | IngestResult, perSecond: number, count: number, nodeCpuMs: number, pgCpuMs: number): Side {
  return { perSecond, p50: r.p50, p95: r.p95, p99: r.p99, count, seconds: r.seconds, nodeCpuMs, pgCpuMs };
}

export function loadErrors(label: string, r: LoadResult): string[] {
  const problems = Object.entries({ errors: r.errors, non2xx: r.non2xx, "bodies with errors": r.badBodies, timeouts: r.timeouts })
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${what}`);
  return problems.length ? [`${label}: ${problems.join(", ")}`] : [];
}

export async function measureRead(s: Setup, v: Verification, connections: number, errors: string[]): Promise<ScenarioResult> {
  const scenario = v.scenario;
  const pages = v.pages ?? 1;
  const serverUrl = `http://127.0.0.1:${s.server.port}`;
  const gql: Make = (after) => ({
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", authorization: `Bearer ${s.server.token}` },
    body: graphqlBody(scenario, s.params, after),
  });
  const floor: Make = (after) => ({ method: "GET", path: floorPath(scenario, after) });
  const spec = (url: string, make: Make) => ({ url, connections, durationS: s.durationS, requests: requestsFor(scenario, pages, make) });

  await runLoad({ ...spec(serverUrl, gql), durationS: s.warmupS });
  const srv = await withCpu(
    s.pgCpu,
    s.server.pid,
    () => runLoad(spec(serverUrl, gql)),
    (r) => r.requests,
  );
  const serverPeakMBAfter = memoryOf(s.server.pid).peakMB;
  const floorUrl = `http://127.0.0.1:${s.floor.port}`;
  await runLoad({ ...spec(floorUrl, floor), durationS: s.warmupS });
  const flr = await withCpu(
    s.pgCpu,
    s.floor.pid,
    () => runLoad(spec(floorUrl, floor)),
    (r) => r.requests,
  );
  errors.push(...loadErrors(`${scenario} (server)`, srv.result), ...loadErrors(`${scenario} (floor)`, flr.result));

  const ratio = srv.result.perSecond / flr.result.perSecond;
  const targets: Target[] = [{ label: "≥ 0.5 of floor", pass: ratio >= 0.5 }];
  if (scenario === "dashboard") targets.push({ label: `p95 < 50 ms at ${connections} conns`, pass: srv.result.p95 < 50 });
  const walks = (x: LoadResult) => x.perSecond / pages;
  return {
    name: scenario,
    unit: scenario === "report" ? "pages/s" : "req/s",
    server: side(srv.result, srv.result.perSecond, srv.result.requests, srv.nodeCpuMs, srv.pgCpuMs),
    floor: side(flr.result, flr.result.perSecond, flr.result.requests, flr.nodeCpuMs, flr.pgCpuMs),
    ratio,
    sqlPerRequest: v.sqlStatements,
    cost: v.cost,
    connections,
    note:
      scenario === "report"
        ? `full walks/s ${walks(srv.result).toFixed(2)} vs ${walks(flr.result).toFixed(2)} (${pages} pages, ${v.rows} rows)`
        : `${Math.round(v.responseBytes / 1024)} KB/response, cost ${v.cost ?? "-"}`,
    serverPeakMBAfter,
    targets,
    raw: { server: srv.result, floor: flr.result },
  };
}

export async function measureIngestion(s: Setup, spec: IngestSpec, errors: string[]): Promise<ScenarioResult> {
  const url = `http://127.0.0.1:${s.server.port}/graphql`;
  const perRun = spec.clients * spec.batchesPerClient * spec.batchSize;
  // warm-up: one batch per client, rows of their own (offset past the measured ones)
  const warm = { ...spec, batchesPerClient: 1 };
  const w = await ingestGraphql(url, s.server.token, warm, 2 * perRun, "bench-ingest-warmup");
  await ingestCopy(s.dbUrl, warm, 2 * perRun, "bench-copy-warmup");
  const srv = await withCpu(
    s.pgCpu,
    s.server.pid,
    () => ingestGraphql(url, s.server.token, spec, 0),
    (r) => r.batches,
  );
  const serverPeakMBAfter = memoryOf(s.server.pid).peakMB;
  const flr = await withCpu(
    s.pgCpu,
    null,
    () => ingestCopy(s.dbUrl, spec, 0, "bench-copy", s.pgCpu),
    (r) => r.batches,
  );
  flr.pgCpuMs = ((flr.result.pgCpuSeconds ?? 0) * 1000) / flr.result.batches;
  for (const [label, r] of [
    ["warm-up", w],
    ["server", srv.result],
    ["COPY", flr.result],
  ] as const) {
    errors.push(...r.errors.map((e) => `ingestion (${label}): ${e}`));
  }
  errors.push(...(await compareIngested(s.dbUrl, perRun)));
  const ratio = srv.result.rowsPerSecond / flr.result.rowsPerSecond;
  return {
    name: "ingestion",
    unit: "rows/s",
    server: side(srv.result, srv.result.rowsPerSecond, srv.result.batches, srv.nodeCpuMs, srv.pgCpuMs),
    floor: side(flr.result, flr.result.rowsPerSecond, flr.result.batches, flr.nodeCpuMs, flr.pgCpuMs),
    ratio,
    sqlPerRequest: srv.result.sqlPerBatch,
    cost: null,
    connections: spec.clients,
    note: `${spec.clients} clients × ${spec.batchesPerClient} batches × ${spec.batchSize} rows; latency and CPU per batch; floor = COPY`,
    serverPeakMBAfter,
    targets: [
      { label: "≥ 50,000 rows/s", pass: srv.result.rowsPerSecond >= 50_000 },
      { label: "≥ 0.3 of COPY", pass: ratio >= 0.3 },
    ],
    raw: { server: srv.result, floor: flr.result },
  };
}
