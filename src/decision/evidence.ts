import { Context } from "../context";
import { encodeGlobalId } from "../common/global-id";
import { sql } from "../database/sql";
import { RankingModel } from "../prioritization/prioritization.types";
import { Query, signalsIn } from "../prioritization/ranking.service";
import { RANKED_STAGES, rankedCte } from "../prioritization/ranking.sql";
import { ValueTime } from "../value/as-of";
import { countedProgressSql, ProgressRow, toProgress } from "../value/progress.service";
import { initiativeScope, summarySql, toSummary } from "../value/summary.service";

/**
 * What a decision was made on (DOMAIN.md, "Evidence"), frozen at `decidedAt`: the same figures
 * the API answers for the initiative with asOf = knownAt = decidedAt. Stored as canonical JSON
 * with its SHA-256, so anyone can recompute the hash from `evidenceCanonical`.
 */
export interface Evidence {
  asOf: string;
  model: RankingModel;
  valueSummary: {
    hypothesisCount: number;
    statusCounts: Array<{ status: string; count: number }>;
    weightedProgress: number | null;
    expectedBenefit: number;
    realizedBenefit: number;
    investment: number;
    plannedInvestment: number;
    benefitCostRatio: number | null;
  };
  hypotheses: Array<{
    hypothesisId: string;
    statement: string;
    current: number | null;
    ratio: number | null;
    expectedRatio: number;
    status: string;
    forecastRatio: number | null;
  }>;
  signals: Array<{ kind: string; reason: string; state: string }>;
  rank: number | null;
  score: number | null;
  scoredCount: number;
  budget: number | null;
  actualCost: number | null;
  releasedFunding: number;
}

/**
 * The evidence for `initiative` at `decidedAt`, read through `query` on the deciding
 * transaction after its writes (so it is what `knownAt = decidedAt` answers later).
 */
export async function gatherEvidence(
  ctx: Context,
  query: Query,
  initiative: { rowId: string; portfolioId: string; budget: number | null; actualCost: number | null; releasedFunding: number },
  decidedAt: Date,
  /** A decision recorded after the fact (the demo's history): read as known at decidedAt instead of live. */
  backfilled = false,
): Promise<Evidence> {
  const t: ValueTime = { asOf: decidedAt, knownAt: backfilled ? decidedAt : null, reported: decidedAt };
  const run = (s: ReturnType<typeof sql>) => {
    const q = s.toQuery();
    return query(q.text, q.values);
  };
  const [summaryRow] = await run(summarySql(initiativeScope([initiative.rowId], t.knownAt), t));
  const summary = toSummary(summaryRow, t);
  const progressRows = await run(countedProgressSql(initiative.rowId, t));
  const scope = { rootId: initiative.portfolioId, deep: true, stages: RANKED_STAGES, model: RankingModel.WSJF, knownAt: t.knownAt };
  const [ranked] = await run(sql`${rankedCte(scope)} SELECT pos, score, n_scored FROM ranked WHERE id = ${initiative.rowId}::uuid`);
  const signals = (await signalsIn(ctx, query, scope, t)).filter((s) => s.initiative.rowId === initiative.rowId);
  return {
    asOf: decidedAt.toISOString(),
    model: RankingModel.WSJF,
    valueSummary: {
      hypothesisCount: summary.hypothesisCount,
      statusCounts: summary.statusCounts.map(({ status, count }) => ({ status, count })),
      weightedProgress: summary.weightedProgress,
      expectedBenefit: summary.expectedBenefit,
      realizedBenefit: summary.realizedBenefit,
      investment: summary.investment,
      plannedInvestment: summary.plannedInvestment,
      benefitCostRatio: summary.benefitCostRatio,
    },
    hypotheses: progressRows.map((row) => {
      const p = toProgress(row as ProgressRow, t, true);
      return {
        hypothesisId: encodeGlobalId("OutcomeHypothesis", row.id as string),
        statement: row.statement as string,
        current: p.current,
        ratio: p.ratio,
        expectedRatio: p.expectedRatio,
        status: p.status,
        forecastRatio: p.forecastRatio,
      };
    }),
    signals: signals.map((s) => ({ kind: s.kind, reason: s.reason, state: s.state })),
    rank: ranked && ranked.score !== null ? (ranked.pos as number) : null,
    score: ranked ? (ranked.score as number | null) : null,
    scoredCount: ranked ? (ranked.n_scored as number) : 0,
    budget: initiative.budget,
    actualCost: initiative.actualCost,
    releasedFunding: initiative.releasedFunding,
  };
}
