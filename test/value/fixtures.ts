/**
 * Test factories for value realization, written straight in SQL so these tests do not depend
 * on the CRUD mutations. Each returns the row key and the global ID; unspecified fields get
 * valid defaults, so a test states only what it is about.
 */
import { encodeGlobalId } from "../../src/common/global-id";
import type { TestApp } from "../support/app";

export interface Ref {
  rowId: string;
  id: string;
}

export interface MeasurementSpec {
  value: number;
  observedAt: Date;
  source?: string;
  recordedAt?: Date;
}

export interface StoredMeasurement {
  id: number;
  value: number;
  observedAt: Date;
  recordedAt: Date;
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

export function fixtures(app: TestApp) {
  const one = async (text: string, values: unknown[]) => (await app.dataSource.query(text, values))[0];

  return {
    async portfolio(o: { name?: string; parent?: Ref | null; budget?: number | null; archived?: boolean } = {}): Promise<Ref> {
      const row = await one(
        `INSERT INTO portfolio (name, parent_id, budget, archived_at) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END) RETURNING id`,
        [o.name ?? unique("P"), o.parent?.rowId ?? null, o.budget ?? null, o.archived ?? false],
      );
      return { rowId: row.id, id: encodeGlobalId("Portfolio", row.id) };
    },

    async initiative(portfolio: Ref, o: { name?: string; stage?: string; budget?: number | null; actualCost?: number | null } = {}): Promise<Ref> {
      const row = await one(`INSERT INTO initiative (portfolio_id, name, stage, budget, actual_cost) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        portfolio.rowId,
        o.name ?? unique("I"),
        o.stage ?? "IN_DELIVERY",
        o.budget ?? null,
        o.actualCost ?? null,
      ]);
      return { rowId: row.id, id: encodeGlobalId("Initiative", row.id) };
    },

    async metric(
      portfolio: Ref,
      o: { key?: string; direction?: "INCREASE" | "DECREASE"; aggregation?: string; cadence?: string | null; unit?: string | null } = {},
    ): Promise<Ref & { key: string }> {
      const key = o.key ?? unique("m").toLowerCase();
      const row = await one(
        `INSERT INTO metric (portfolio_id, key, name, direction, aggregation, cadence, unit) VALUES ($1, $2, $2, $3, $4, $5, $6) RETURNING id`,
        [portfolio.rowId, key, o.direction ?? "INCREASE", o.aggregation ?? "LAST", o.cadence ?? null, o.unit ?? null],
      );
      return { rowId: row.id, id: encodeGlobalId("Metric", row.id), key };
    },

    async hypothesis(
      initiative: Ref,
      metric: Ref,
      h: { baseline: number; baselineAt: Date; target: number; targetDate: Date; weight?: number; expectedBenefit?: number; state?: string },
    ): Promise<Ref> {
      const row = await one(
        `INSERT INTO outcome_hypothesis (initiative_id, metric_id, statement, baseline, baseline_at, target, target_date, weight, expected_benefit, state)
         VALUES ($1, $2, 'We believe…', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          initiative.rowId,
          metric.rowId,
          h.baseline,
          h.baselineAt,
          h.target,
          h.targetDate,
          h.weight ?? 1,
          h.expectedBenefit ?? 0,
          h.state ?? "ACTIVE",
        ],
      );
      return { rowId: row.id, id: encodeGlobalId("OutcomeHypothesis", row.id) };
    },

    /** Inserts in order (ids increase with the input order); recordedAt defaults to observedAt. */
    async measurements(metric: Ref, specs: MeasurementSpec[]): Promise<StoredMeasurement[]> {
      if (!specs.length) return [];
      const rows: Array<{ id: number; value: number; observed_at: Date; recorded_at: Date }> = await app.dataSource.query(
        `INSERT INTO measurement (metric_id, value, observed_at, source, recorded_at)
         SELECT $1, x.v, x.o, x.s, x.r FROM unnest($2::float8[], $3::timestamptz[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS x(v, o, s, r, n)
         ORDER BY x.n
         RETURNING id, value, observed_at, recorded_at`,
        [
          metric.rowId,
          specs.map((s) => s.value),
          specs.map((s) => s.observedAt),
          specs.map((s) => s.source ?? "test"),
          specs.map((s) => s.recordedAt ?? s.observedAt),
        ],
      );
      return rows.sort((a, b) => a.id - b.id).map((r) => ({ id: r.id, value: r.value, observedAt: r.observed_at, recordedAt: r.recorded_at }));
    },

    /** A correction: the new value becomes current and the trigger keeps the old one as a revision. */
    async correct(measurementId: number, value: number, recordedAt: Date): Promise<void> {
      await app.dataSource.query(`UPDATE measurement SET value = $2, recorded_at = $3 WHERE id = $1`, [measurementId, value, recordedAt]);
    },
  };
}

export type Fixtures = ReturnType<typeof fixtures>;

/** `extensions.sqlStatements` of a response: what a query cost. */
export async function statementsOf(app: TestApp, query: string, variables?: Record<string, unknown>): Promise<number> {
  const res = await app.gql(query, variables);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.extensions?.sqlStatements as number;
}

export const DAY = 86_400_000;
export const at = (iso: string) => new Date(iso);
export const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
