/**
 * Fixtures and queries shared by the prioritization suites (ranking, signals, scoring
 * models, scenarios). Rows are written in SQL, one statement per batch, so the property
 * tests stay fast; everything under test is read and changed through GraphQL.
 */
import { randomUUID } from "node:crypto";
import { decodeGlobalId, encodeGlobalId } from "../../src/common/global-id";
import type { TestApp } from "../support/app";
import { person, grant, Caller, Role } from "../support/auth-factories";

export interface Ref {
  rowId: string;
  id: string;
}

/** An initiative row: everything optional but the name. */
export interface InitiativeSpec {
  name: string;
  stage?: string;
  budget?: number | null;
  actualCost?: number | null;
  businessValue?: number | null;
  timeCriticality?: number | null;
  riskReduction?: number | null;
  jobSize?: number | null;
  reach?: number | null;
  impact?: number | null;
  confidence?: number | null;
  effort?: number | null;
}

/** A hypothesis row; defaults: ACTIVE, weight 1, no benefit, baseline 0 → target 10 over 2026. */
export interface HypothesisSpec {
  expectedBenefit?: number;
  state?: string;
  weight?: number;
  baseline?: number;
  target?: number;
  baselineAt?: Date;
  targetDate?: Date;
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

export const rowIdOf = (globalId: string) => decodeGlobalId(globalId)!.key;

export function seed(app: TestApp) {
  const query = (text: string, values: unknown[]) => app.dataSource.query(text, values);
  return {
    async portfolio(parent?: Ref, budget: number | null = null): Promise<Ref> {
      const [row] = await query(`INSERT INTO portfolio (name, parent_id, budget) VALUES ($1, $2, $3) RETURNING id`, [
        unique("P"),
        parent?.rowId ?? null,
        budget,
      ]);
      return { rowId: row.id, id: encodeGlobalId("Portfolio", row.id) };
    },

    /** Inserts the initiatives in one statement; returns their refs in the order given. */
    async initiatives(portfolio: Ref, specs: InitiativeSpec[]): Promise<Ref[]> {
      if (!specs.length) return [];
      const ids = specs.map(() => randomUUID());
      await query(
        `INSERT INTO initiative (id, portfolio_id, name, stage, budget, actual_cost, business_value, time_criticality, risk_reduction,
           job_size, reach, impact, confidence, effort)
         SELECT x.id, $1, x.name, coalesce(x.stage, 'IDEA'), x.budget, x.actual_cost, x.business_value, x.time_criticality, x.risk_reduction,
           x.job_size, x.reach, x.impact, x.confidence, x.effort
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, name text, stage text, budget numeric, actual_cost numeric,
           business_value int, time_criticality int, risk_reduction int, job_size int, reach float8, impact float8,
           confidence float8, effort float8)`,
        [
          portfolio.rowId,
          JSON.stringify(
            specs.map((s, i) => ({
              id: ids[i],
              name: s.name,
              stage: s.stage ?? null,
              budget: s.budget ?? null,
              actual_cost: s.actualCost ?? null,
              business_value: s.businessValue ?? null,
              time_criticality: s.timeCriticality ?? null,
              risk_reduction: s.riskReduction ?? null,
              job_size: s.jobSize ?? null,
              reach: s.reach ?? null,
              impact: s.impact ?? null,
              confidence: s.confidence ?? null,
              effort: s.effort ?? null,
            })),
          ),
        ],
      );
      return ids.map((rowId) => ({ rowId, id: encodeGlobalId("Initiative", rowId) }));
    },

    async metric(portfolio: Ref): Promise<Ref & { key: string }> {
      const key = unique("m").toLowerCase();
      const [row] = await query(
        `INSERT INTO metric (portfolio_id, key, name, direction, aggregation) VALUES ($1, $2, $2, 'INCREASE', 'LAST') RETURNING id`,
        [portfolio.rowId, key],
      );
      return { rowId: row.id, id: encodeGlobalId("Metric", row.id), key };
    },

    /** Hypotheses of (initiative, metric) pairs in one statement. */
    async hypotheses(list: Array<{ initiative: Ref; metric: Ref } & HypothesisSpec>): Promise<void> {
      if (!list.length) return;
      await query(
        `INSERT INTO outcome_hypothesis (initiative_id, metric_id, statement, baseline, baseline_at, target, target_date, weight, expected_benefit, state)
         SELECT x.i, x.m, 'We believe…', x.b, x.ba, x.t, x.td, x.w, x.eb, x.s
         FROM jsonb_to_recordset($1::jsonb) AS x(i uuid, m uuid, b float8, ba timestamptz, t float8, td timestamptz, w float8, eb numeric, s text)`,
        [
          JSON.stringify(
            list.map((h) => ({
              i: h.initiative.rowId,
              m: h.metric.rowId,
              b: h.baseline ?? 0,
              t: h.target ?? 10,
              ba: (h.baselineAt ?? new Date("2026-01-01T00:00:00Z")).toISOString(),
              td: (h.targetDate ?? new Date("2026-12-31T00:00:00Z")).toISOString(),
              w: h.weight ?? 1,
              eb: h.expectedBenefit ?? 0,
              s: h.state ?? "ACTIVE",
            })),
          ),
        ],
      );
    },

    async measurement(metric: Ref, value: number, observedAt: Date): Promise<void> {
      await query(`INSERT INTO measurement (metric_id, value, observed_at, source) VALUES ($1, $2, $3, 'test')`, [metric.rowId, value, observedAt]);
    },
  };
}

export type Seed = ReturnType<typeof seed>;

/** A person holding `role` on the portfolio (a fresh subject each time). */
export async function member(app: TestApp, portfolioId: string, role: Role): Promise<Caller & { subject: string }> {
  const subject = unique(role.toLowerCase());
  await grant(app, portfolioId, subject, role);
  return { ...(await person(app, subject)), subject };
}

/** A signed-in person with no membership anywhere. */
export async function outsider(app: TestApp): Promise<Caller & { subject: string }> {
  const subject = unique("outsider");
  return { ...(await person(app, subject)), subject };
}

export const ENTRY = `rank score expectedBenefit missingInputs inputs { name value } initiative { id name }`;

export const RANKING = `query($id: ID!, $model: RankingModel!, $sm: ID, $deep: Boolean! = true, $first: Int, $after: String, $last: Int, $before: String) {
  portfolio(id: $id) {
    ranking(model: $model, scoringModelId: $sm, includeDescendants: $deep, first: $first, after: $after, last: $last, before: $before) {
      model scoringModelVersion totalCount scoredCount
      edges { cursor node { ${ENTRY} } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

export interface Entry {
  rank: number | null;
  score: number | null;
  expectedBenefit: number;
  missingInputs: string[];
  inputs: Array<{ name: string; value: number | null }>;
  initiative: { id: string; name: string };
}

/** One page of `Portfolio.ranking` (as `who`, default the global admin). */
export async function rankingPage(who: Pick<TestApp, "ok">, portfolioId: string, args: Record<string, unknown> = {}) {
  const data = await who.ok(RANKING, { id: portfolioId, model: "WSJF", ...args });
  return data.portfolio.ranking as {
    model: string;
    scoringModelVersion: number | null;
    totalCount: number;
    scoredCount: number;
    edges: Array<{ cursor: string; node: Entry }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

/** The whole ranking in one page (at most 500 entries). */
export async function rankingOf(who: Pick<TestApp, "ok">, portfolioId: string, args: Record<string, unknown> = {}): Promise<Entry[]> {
  return (await rankingPage(who, portfolioId, { first: 500, ...args })).edges.map((e) => e.node);
}
