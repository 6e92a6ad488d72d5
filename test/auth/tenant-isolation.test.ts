import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { newSecret } from "../../src/auth/tokens";
import { encodeGlobalId } from "../../src/common/global-id";
import { useTestApp } from "../support/app";
import { personToken } from "../support/jwt";
import { Caller, caller, codeOf, fingerprint, RECORD, Role } from "../support/auth-factories";

/**
 * Tenant isolation as a property (issue 4): random portfolio trees, things spread over
 * them, random memberships and WRITE_MEASUREMENTS tokens. What each caller can list and
 * look up equals what the test computes from the memberships alone, and every write
 * outside their rights fails without changing a row.
 */
const app = useTestApp();

const ROLES: Role[] = ["VIEWER", "CONTRIBUTOR", "OWNER"];
const RANK: Record<Role, number> = { VIEWER: 1, CONTRIBUTOR: 2, OWNER: 3 };
const PEOPLE = ["p0", "p1", "p2"];
const MAX_WRITES = 12;

interface World {
  parents: Array<number | null>; // portfolio i's parent (always an earlier index)
  initiatives: number[]; // portfolio of each initiative
  metrics: number[]; // portfolio of each metric
  hypotheses: Array<[number, number]>; // [initiative, metric]
  measurements: number[]; // metric of each measurement
  people: number;
  grants: Array<{ person: number; portfolio: number; role: Role }>;
  tokens: Array<{ person: number; keys: number[]; portfolios: number[] }>;
  salt: number; // which of a person's forbidden writes are tried, when there are many
}

const world: fc.Arbitrary<World> = fc
  .record({
    roots: fc.integer({ min: 2, max: 3 }),
    below: fc.array(fc.nat(), { maxLength: 9 }),
    initiatives: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    metrics: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    hypotheses: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
    measurements: fc.array(fc.nat(), { maxLength: 10 }),
    people: fc.integer({ min: 2, max: 3 }),
    grants: fc.array(fc.record({ person: fc.nat(), portfolio: fc.nat(), role: fc.constantFrom(...ROLES) }), { maxLength: 6 }),
    tokens: fc.array(fc.record({ person: fc.nat(), keys: fc.array(fc.nat(), { maxLength: 3 }), portfolios: fc.array(fc.nat(), { maxLength: 2 }) }), {
      maxLength: 3,
    }),
    salt: fc.nat(),
  })
  .map((r) => {
    // a tree of depth ≤ 3: each new portfolio hangs under one of depth 0 or 1
    const parents: Array<number | null> = Array(r.roots).fill(null);
    const depth: number[] = Array(r.roots).fill(0);
    for (const choice of r.below) {
      const candidates = depth.flatMap((d, i) => (d < 2 ? [i] : []));
      const parent = candidates[choice % candidates.length];
      parents.push(parent);
      depth.push(depth[parent] + 1);
    }
    const P = parents.length;
    const initiatives = r.initiatives.map((n) => n % P);
    const metrics = r.metrics.map((n) => n % P);
    const grants = new Map(
      r.grants.map((g) => [`${g.person % r.people}:${g.portfolio % P}`, { person: g.person % r.people, portfolio: g.portfolio % P, role: g.role }]),
    );
    return {
      parents,
      initiatives,
      metrics,
      hypotheses: [
        ...new Map(
          r.hypotheses.map(([i, m]) => [
            `${i % initiatives.length}:${m % metrics.length}`,
            [i % initiatives.length, m % metrics.length] as [number, number],
          ]),
        ).values(),
      ],
      measurements: r.measurements.map((n) => n % metrics.length),
      people: r.people,
      grants: [...grants.values()],
      tokens: r.tokens.map((t) => ({
        person: t.person % r.people,
        keys: t.keys.map((k) => k % metrics.length),
        portfolios: t.portfolios.map((p) => p % P),
      })),
      salt: r.salt,
    };
  });

/** The expected rights, computed from the memberships alone. */
function expectations(w: World) {
  const isAncestorOrSelf = (a: number, p: number): boolean => a === p || (w.parents[p] !== null && isAncestorOrSelf(a, w.parents[p]!));
  const rank = (person: number, p: number) =>
    Math.max(0, ...w.grants.filter((g) => g.person === person && isAncestorOrSelf(g.portfolio, p)).map((g) => RANK[g.role]));
  return (person: number) => {
    const r = w.parents.map((_, p) => rank(person, p));
    const hypotheses = w.hypotheses.map(([i]) => r[w.initiatives[i]] > 0);
    const metrics = w.metrics.map((p, m) => r[p] > 0 || w.hypotheses.some(([, hm], h) => hm === m && hypotheses[h]));
    return { rank: r, portfolios: r.map((x) => x > 0), initiatives: w.initiatives.map((p) => r[p] > 0), metrics, hypotheses };
  };
}

interface Ids {
  portfolios: string[];
  initiatives: string[];
  metrics: string[];
  keys: string[];
  hypotheses: string[];
  measurements: string[];
}

async function build(w: World): Promise<{ ids: Ids; tokens: Array<{ secret: string; person: number; keys: number[]; portfolios: number[] }> }> {
  const q = (text: string, values: unknown[]) => app.dataSource.query(text, values);
  // DELETE, not TRUNCATE: on a few rows it is many times faster
  for (const table of [
    "api_token",
    "portfolio_member",
    "measurement_revision",
    "measurement",
    "outcome_hypothesis",
    "metric",
    "initiative",
    "portfolio",
  ]) {
    await q(`DELETE FROM ${table}`, []);
  }
  const uuid = (n: number) => Array.from({ length: n }, () => randomUUID());
  const row = { p: uuid(w.parents.length), i: uuid(w.initiatives.length), m: uuid(w.metrics.length), h: uuid(w.hypotheses.length) };
  const keys = w.metrics.map((_, m) => `iso.m${m}`);
  await q("INSERT INTO portfolio (id, name, parent_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])", [
    row.p,
    row.p.map((_, i) => `P${i}`),
    w.parents.map((p) => (p === null ? null : row.p[p])),
  ]);
  await q("INSERT INTO initiative (id, name, portfolio_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])", [
    row.i,
    row.i.map((_, i) => `I${i}`),
    w.initiatives.map((p) => row.p[p]),
  ]);
  await q(
    "INSERT INTO metric (id, key, name, direction, portfolio_id) SELECT a, b, b, 'INCREASE', c FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS u(a, b, c)",
    [row.m, keys, w.metrics.map((p) => row.p[p])],
  );
  await q(
    `INSERT INTO outcome_hypothesis (id, initiative_id, metric_id, statement, baseline, baseline_at, target, target_date)
     SELECT a, b, c, 'H', 1, '2024-01-01', 2, '2026-01-01' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(a, b, c)`,
    [row.h, w.hypotheses.map(([i]) => row.i[i]), w.hypotheses.map(([, m]) => row.m[m])],
  );
  const measured: Array<{ id: string }> = await q(
    `INSERT INTO measurement (metric_id, value, observed_at, source)
     SELECT m, 5, timestamptz '2024-06-01' + n * interval '1 minute', 'seed' FROM unnest($1::uuid[]) WITH ORDINALITY AS u(m, n) RETURNING id`,
    [w.measurements.map((m) => row.m[m])],
  );
  await q("INSERT INTO portfolio_member (portfolio_id, subject, role) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])", [
    w.grants.map((g) => row.p[g.portfolio]),
    w.grants.map((g) => PEOPLE[g.person]),
    w.grants.map((g) => g.role),
  ]);
  const tokens = w.tokens.map((t) => ({ ...t, ...newSecret() }));
  for (const [n, t] of tokens.entries()) {
    await q(
      `INSERT INTO api_token (name, prefix, secret_hash, scope, metric_keys, portfolio_ids, created_by) VALUES ($1, $2, $3, 'WRITE_MEASUREMENTS', $4, $5, $6)`,
      [`token-${n}`, t.prefix, t.hash, t.keys.map((k) => keys[k]), t.portfolios.map((p) => row.p[p]), PEOPLE[t.person]],
    );
  }
  const ids: Ids = {
    portfolios: row.p.map((id) => encodeGlobalId("Portfolio", id)),
    initiatives: row.i.map((id) => encodeGlobalId("Initiative", id)),
    metrics: row.m.map((id) => encodeGlobalId("Metric", id)),
    keys,
    hypotheses: row.h.map((id) => encodeGlobalId("OutcomeHypothesis", id)),
    measurements: measured.map((m) => encodeGlobalId("Measurement", m.id)),
  };
  return { ids, tokens };
}

const READ = `query($ids: [ID!]!) {
  portfolios(first: 500) { totalCount nodes { id } }
  initiatives(first: 500) { totalCount nodes { id } }
  metrics(first: 500) { totalCount nodes { id } }
  outcomeHypotheses(first: 500) { totalCount nodes { id } }
  nodes(ids: $ids) { id ... on Portfolio { parent { id } } }
}`;

const pick = (ids: string[], visible: boolean[]) => ids.filter((_, i) => visible[i]).sort();

/** Reads as `who` and compares with the expected visible sets of `person`. */
async function checkReads(who: Caller, w: World, ids: Ids, seen: ReturnType<ReturnType<typeof expectations>>) {
  const all = [...ids.portfolios, ...ids.initiatives, ...ids.metrics, ...ids.hypotheses, ...ids.measurements];
  const data = await who.ok(READ, { ids: all });
  const listed = (c: { totalCount: number; nodes: Array<{ id: string }> }) => ({ totalCount: c.totalCount, ids: c.nodes.map((n) => n.id).sort() });
  const want = (ids: string[]) => ({ totalCount: ids.length, ids });
  expect(listed(data.portfolios)).toEqual(want(pick(ids.portfolios, seen.portfolios)));
  expect(listed(data.initiatives)).toEqual(want(pick(ids.initiatives, seen.initiatives)));
  expect(listed(data.metrics)).toEqual(want(pick(ids.metrics, seen.metrics)));
  expect(listed(data.outcomeHypotheses)).toEqual(want(pick(ids.hypotheses, seen.hypotheses)));
  const measurementMetric = w.measurements;
  const visible = [...seen.portfolios, ...seen.initiatives, ...seen.metrics, ...seen.hypotheses, ...measurementMetric.map((m) => seen.metrics[m])];
  expect(data.nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual(all.map((id, i) => (visible[i] ? id : null)));
  ids.portfolios.forEach((_, p) => {
    if (!seen.portfolios[p]) return;
    const parent = w.parents[p];
    expect(data.nodes[p].parent).toEqual(parent !== null && seen.portfolios[parent] ? { id: ids.portfolios[parent] } : null);
  });
}

/** Every write the person has no right to, with the code it must fail with. */
function forbiddenWrites(w: World, ids: Ids, seen: ReturnType<ReturnType<typeof expectations>>) {
  const out: Array<{ query: string; input: Record<string, unknown>; code: string }> = [];
  const code = (visible: boolean) => (visible ? "FORBIDDEN" : "NOT_FOUND");
  seen.rank.forEach((r, p) => {
    if (r >= RANK.OWNER) return;
    out.push({
      query: `mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { id } } }`,
      input: { id: ids.portfolios[p], description: "x" },
      code: code(r > 0),
    });
    out.push({
      query: `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { id } } }`,
      input: { portfolioId: ids.portfolios[p], name: "x" },
      code: code(r > 0),
    });
    out.push({
      query: `mutation($input: AddPortfolioMemberInput!) { addPortfolioMember(input: $input) { member { role } } }`,
      input: { portfolioId: ids.portfolios[p], subject: "p0", role: "OWNER" },
      code: code(r > 0),
    });
  });
  w.initiatives.forEach((p, i) => {
    if (seen.rank[p] < RANK.OWNER)
      out.push({
        query: `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { id } } }`,
        input: { id: ids.initiatives[i], owner: "x" },
        code: code(seen.initiatives[i]),
      });
  });
  w.metrics.forEach((p, m) => {
    if (seen.rank[p] < RANK.OWNER)
      out.push({
        query: `mutation($input: UpdateMetricInput!) { updateMetric(input: $input) { metric { id } } }`,
        input: { id: ids.metrics[m], unit: "x" },
        code: code(seen.metrics[m]),
      });
  });
  w.hypotheses.forEach(([i], h) => {
    if (seen.rank[w.initiatives[i]] < RANK.CONTRIBUTOR)
      out.push({
        query: `mutation($input: UpdateOutcomeHypothesisInput!) { updateOutcomeHypothesis(input: $input) { outcomeHypothesis { id } } }`,
        input: { id: ids.hypotheses[h], statement: "x" },
        code: code(seen.hypotheses[h]),
      });
  });
  // at most MAX_WRITES per person, evenly spread over the list (the salt varies which)
  const step = Math.max(1, Math.ceil(out.length / MAX_WRITES));
  return out.filter((_, i) => i % step === w.salt % step);
}

/**
 * Runs `tasks` at most `n` at a time: well below the server's pool of 12, since an update
 * holds a transaction's connection while it asks the pool for another.
 */
async function limited<T>(tasks: Array<() => Promise<T>>, n = 6): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

it("no read or write crosses a portfolio boundary", async () => {
  const people = await Promise.all(PEOPLE.map((sub) => personToken(sub)));
  await fc.assert(
    fc.asyncProperty(world, async (w) => {
      const { ids, tokens } = await build(w);
      const expected = expectations(w);
      const persons = Array.from({ length: w.people }, (_, n) => ({
        who: caller(app, people[n]),
        seen: expected(n),
        token: null as null | (typeof tokens)[number],
      }));
      const callers = [...persons, ...tokens.map((t) => ({ who: caller(app, t.secret), seen: expected(t.person), token: t }))];

      await limited(callers.map((c) => () => checkReads(c.who, w, ids, c.seen)));

      const before = await fingerprint(app, ["api_token"]);
      const [{ recordedBefore }] = await app.dataSource.query("SELECT count(*)::int AS \"recordedBefore\" FROM change WHERE operation = 'RECORD'");
      const writes = persons.flatMap((p) => forbiddenWrites(w, ids, p.seen).map((attempt) => ({ ...attempt, who: p.who })));
      const codes = await limited(writes.map((a) => async () => codeOf(await a.who.gql(a.query, { input: a.input }))));
      expect(codes).toEqual(writes.map((a) => a.code));
      expect(await fingerprint(app, ["api_token"])).toEqual(before);

      // one measurement of every metric from every caller: rejected item by item where not allowed
      const subtree = (roots: number[], p: number): boolean => roots.includes(p) || (w.parents[p] !== null && subtree(roots, w.parents[p]!));
      const outcomes = await limited(
        callers.map((c, n) => async () => {
          const measurements = ids.keys.map((metricKey, m) => ({
            metricKey,
            value: n,
            observedAt: new Date(Date.UTC(2025, 0, 1, 0, n, m)).toISOString(),
          }));
          const res = await c.who.ok(RECORD, { input: { measurements } });
          const got = ids.keys.map(() => "OK");
          for (const r of res.recordMeasurements.rejected) got[r.index] = r.code;
          const want = w.metrics.map((p, m) => {
            if (!c.seen.metrics[m]) return "NOT_FOUND";
            if (c.seen.rank[p] < RANK.CONTRIBUTOR) return "FORBIDDEN";
            if (c.token && !c.token.keys.includes(m) && !subtree(c.token.portfolios, p)) return "FORBIDDEN";
            return "OK";
          });
          expect(got).toEqual(want);
          return want;
        }),
      );
      const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM measurement");
      expect(n).toBe(w.measurements.length + outcomes.flat().filter((x) => x === "OK").length);
      // each call that wrote something recorded one change; nothing else changed
      const [{ recorded }] = await app.dataSource.query("SELECT count(*)::int AS recorded FROM change WHERE operation = 'RECORD'");
      expect(recorded).toBe(recordedBefore + outcomes.filter((o) => o.includes("OK")).length);
      expect(await fingerprint(app, ["api_token", "measurement", "change"])).toEqual({ ...before, measurement: undefined, change: undefined });
    }),
    { numRuns: 30 },
  );
}, 120_000);
