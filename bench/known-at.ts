/**
 * Issue 11's figures: what a past `knownAt` costs against the current path, and how much the
 * kept history weighs. The dataset is bulk-built, so `laterHistory` first marks an instant K
 * and then writes a realistic wave of changes after it (corrections of 2 % of the
 * measurements, new targets for a fifth of the hypotheses, new budgets and stages for a fifth
 * of the initiatives), through the same triggers every write goes through: a query at K must
 * then read the superseded versions from the history tables.
 */
import pg from "pg";
import { cpuSecondsOf, memoryOf } from "./children";
import { LoadResult, runLoad } from "./load";
import { loadErrors, Setup } from "./measure";
import { ScenarioResult, Side } from "./report";
import { graphqlBody, ReadScenario } from "./scenarios";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LaterHistory {
  knownAt: string;
  corrected: number;
  hypotheses: number;
  initiatives: number;
}

/** Marks K, then changes data after it (each statement fires the history triggers row by row). */
export async function laterHistory(dbUrl: string): Promise<LaterHistory> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await sleep(20);
    const knownAt = new Date().toISOString();
    await sleep(20);
    const corrected = await client.query("UPDATE measurement SET value = value + 1, recorded_at = now() WHERE id % 50 = 0");
    const hypotheses = await client.query(
      "UPDATE outcome_hypothesis SET target = target + (target - baseline) * 0.1, version = version + 1 WHERE abs(hashtext(id::text)) % 5 = 0",
    );
    const initiatives = await client.query(
      "UPDATE initiative SET budget = budget * 1.1, version = version + 1 WHERE abs(hashtext(id::text)) % 5 = 0 AND budget IS NOT NULL",
    );
    await client.query("VACUUM ANALYZE");
    return { knownAt, corrected: corrected.rowCount ?? 0, hypotheses: hypotheses.rowCount ?? 0, initiatives: initiatives.rowCount ?? 0 };
  } finally {
    await client.end();
  }
}

/** The same request as the scenario's, asked for the whole operation as known at `k`. */
function atKnown(scenario: ReadScenario, body: string, k: string): string {
  const parsed = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
  const query = parsed.query.replace(
    /^query (\w+)\(([^)]*)\)/,
    (_m, name: string, vars: string) => `query ${name}(${vars}, $knownAt: DateTime!) @knownAt(at: $knownAt)`,
  );
  if (query === parsed.query) throw new Error(`${scenario}: cannot add @knownAt to its query`);
  return JSON.stringify({ query, variables: { ...parsed.variables, knownAt: k } });
}

async function post(
  port: number,
  token: string,
  body: string,
): Promise<{ data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> };
}

function side(r: LoadResult, nodeCpuMs: number): Side {
  return { perSecond: r.perSecond, p50: r.p50, p95: r.p95, p99: r.p99, count: r.requests, seconds: r.seconds, nodeCpuMs, pgCpuMs: null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `scenario` at knownAt = K against the same request on the current path, on the same
 * server, alternating (current, past) three times; the medians are compared. The answer at K
 * must differ from today's (the later wave changed it) and state K back.
 */
export async function measureKnownAt(
  s: Setup,
  scenario: ReadScenario,
  history: LaterHistory,
  connections: number,
  errors: string[],
): Promise<ScenarioResult> {
  const current = graphqlBody(scenario, s.params);
  const past = atKnown(scenario, current, history.knownAt);
  const [now, then] = [await post(s.server.port, s.server.token, current), await post(s.server.port, s.server.token, past)];
  if (now.errors || then.errors) errors.push(`${scenario}@knownAt: ${JSON.stringify(now.errors ?? then.errors)}`);
  if (then.extensions?.knownAt !== history.knownAt) errors.push(`${scenario}@knownAt: extensions.knownAt is ${String(then.extensions?.knownAt)}`);
  const differs = JSON.stringify(now.data) !== JSON.stringify(then.data);

  const request = (body: string) => ({
    method: "POST" as const,
    path: "/graphql",
    headers: { "content-type": "application/json", authorization: `Bearer ${s.server.token}` },
    body,
  });
  const url = `http://127.0.0.1:${s.server.port}`;
  const load = async (body: string) => {
    const cpu0 = cpuSecondsOf(s.server.pid);
    const r = await runLoad({ url, connections, durationS: s.durationS, requests: [request(body)] });
    errors.push(...loadErrors(`${scenario}@knownAt`, r));
    return { r, nodeCpuMs: ((cpuSecondsOf(s.server.pid) - cpu0) * 1000) / Math.max(1, r.requests) };
  };
  await runLoad({ url, connections, durationS: s.warmupS, requests: [request(current)] });
  await runLoad({ url, connections, durationS: s.warmupS, requests: [request(past)] });
  const rounds: Array<{ current: Awaited<ReturnType<typeof load>>; past: Awaited<ReturnType<typeof load>> }> = [];
  for (let i = 0; i < 3; i++) rounds.push({ current: await load(current), past: await load(past) });
  const pick = (which: "current" | "past") => {
    const m = median(rounds.map((x) => x[which].r.perSecond));
    return rounds.find((x) => x[which].r.perSecond === m)![which];
  };
  const c = pick("current");
  const p = pick("past");
  const ratio = p.r.perSecond / c.r.perSecond;
  return {
    name: `${scenario}@knownAt`,
    unit: "req/s",
    server: side(p.r, p.nodeCpuMs),
    floor: side(c.r, c.nodeCpuMs),
    ratio,
    sqlPerRequest: null,
    cost: null,
    connections,
    note:
      `past knownAt vs the current path on the same server (the "floor" column), medians of 3 alternating rounds: ` +
      `${rounds.map((x) => `${x.past.r.perSecond.toFixed(1)}/${x.current.r.perSecond.toFixed(1)}`).join(", ")}; answer at K ${differs ? "differs from today's" : "EQUALS today's"}`,
    serverPeakMBAfter: memoryOf(s.server.pid).peakMB,
    targets: [
      { label: "past knownAt within 2× of current", pass: ratio >= 0.5 },
      { label: "answer at K differs from now", pass: differs },
    ],
    raw: { rounds: rounds.map((x) => ({ current: x.current.r, past: x.past.r })), history },
  };
}

/** Bytes and rows of the measurement store and of every table history is kept in. */
export async function historySizes(dbUrl: string): Promise<Record<string, { rows: number; bytes: number }>> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    // a partitioned table (the measurement store) weighs what its partitions do
    const { rows } = await client.query<{ t: string; bytes: string }>(`
      SELECT c.relname AS t, (SELECT sum(pg_total_relation_size(p.relid)) FROM pg_partition_tree(c.oid) p)::bigint AS bytes
      FROM pg_class c
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relnamespace = 'public'::regnamespace
        AND (c.relname IN ('measurement', 'measurement_revision', 'change') OR c.relname LIKE '%\\_history')
      ORDER BY c.relname`);
    // exact counts (reltuples is an estimate, and none for a partitioned table)
    const out: Record<string, { rows: number; bytes: number }> = {};
    for (const r of rows) {
      const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${r.t}"`)).rows;
      out[r.t] = { rows: Number(n), bytes: Number(r.bytes) };
    }
    return out;
  } finally {
    await client.end();
  }
}
