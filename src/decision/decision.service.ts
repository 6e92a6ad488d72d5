import { randomUUID } from "node:crypto";
import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { expectGlobalId } from "../common/global-id";
import { MAX_MONEY } from "../common/money";
import { fetchPageOfParent, ListQuery, PagePlan } from "../common/page";
import { subtreeOf } from "../common/portfolio-tree";
import { KnownAt, tableAt } from "../database/known-at";
import { Sql, sql } from "../database/sql";
import { Tx } from "../database/write";
import { BadUserInputError, GateNotMetError, NotFoundError } from "../errors";
import { PortfolioRole } from "../access/roles";
import { COUNTED_STATES_SQL } from "../hypothesis/hypothesis.entity";
import { Initiative, InitiativeStage } from "../initiative/initiative.entity";
import { initiativeLoader, requireInitiativeKey } from "../initiative/initiative.service";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader, requirePortfolioKey } from "../portfolio/portfolio.service";
import { isStale } from "../value/metric-value";
import { MetricCadence } from "../metric/metric.entity";
import { progressJoins } from "../value/progress.sql";
import { timeKey, ValueTime } from "../value/as-of";
import { RankingModel, Signal, SignalKind, SignalState } from "../prioritization/prioritization.types";
import { RankingArgs, signals, signalsIn } from "../prioritization/ranking.service";
import { RANKED_STAGES } from "../prioritization/ranking.sql";
import { Decision, FundingTranche, GatePolicy, SignalSnooze, TrancheState } from "./decision.entity";
import {
  DecisionFilter,
  EffectiveGatePolicy,
  PlanTranchesInput,
  RecordDecisionInput,
  SetGatePolicyInput,
  SnoozeSignalInput,
} from "./decision.inputs";
import { gatherEvidence } from "./evidence";
import { canonicalJson, sha256 } from "../common/canonical-json";
import { DEFAULT_GATES, Gate, GateFacts, unmetCriteria } from "./gates";
import { DecisionKind, needsReviewBy, stageMove } from "./stage-moves";

/** Today's date (UTC) as YYYY-MM-DD, for comparing with calendar dates. */
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

type EffectiveGates = { definedBy: string | null; gates: readonly Gate[] };

/**
 * The gates that apply to each of `ids` (as known at `k`): the portfolio's own policy or the
 * nearest one above it, else the default. One statement for any number of portfolios.
 */
async function loadGates(ctx: Context, ids: readonly string[], k: KnownAt): Promise<EffectiveGates[]> {
  const portfolio = tableAt("portfolio", k);
  const q = sql`WITH RECURSIVE up(start, id, parent_id, depth) AS (
      SELECT p.id, p.id, p.parent_id, 0 FROM ${portfolio} p WHERE p.id = ANY(${ids}::uuid[])
      UNION ALL SELECT up.start, p.id, p.parent_id, up.depth + 1 FROM ${portfolio} p JOIN up ON p.id = up.parent_id
    )
    SELECT DISTINCT ON (up.start) up.start, g.portfolio_id, g.gates
    FROM up JOIN ${tableAt("gate_policy", k)} g ON g.portfolio_id = up.id ORDER BY up.start, up.depth`.toQuery();
  const rows: Array<{ start: string; portfolio_id: string; gates: Gate[] }> = await ctx.dataSource.query(q.text, q.values);
  const byId = new Map(rows.map((r) => [r.start, { definedBy: r.portfolio_id, gates: r.gates }]));
  return ids.map((id) => byId.get(id) ?? { definedBy: null, gates: DEFAULT_GATES });
}

/** The policy as a response shows it. */
async function shown(ctx: Context, { definedBy, gates }: EffectiveGates): Promise<EffectiveGatePolicy> {
  return { definedBy: definedBy ? await portfolioLoader(ctx).load(definedBy) : null, gates: gates.map((g) => ({ ...g })) };
}

/** `Portfolio.gatePolicy`: one statement for every portfolio on the page. */
export async function gatePolicyOf(ctx: Context, portfolio: Portfolio): Promise<EffectiveGatePolicy> {
  const loader = ctx.loaders.get<string, EffectiveGates>(`decision.gates:${ctx.knownAt?.getTime() ?? "now"}`, (ids) =>
    loadGates(ctx, ids, ctx.knownAt),
  );
  return shown(ctx, await loader.load(portfolio.rowId));
}

/** What the gate criteria are judged on, in the deciding transaction, at its time `now`. */
async function gateFacts(tx: Tx, initiativeId: string, releasing: readonly string[], now: Date): Promise<GateFacts> {
  const [counts] = await tx.query<Record<string, number | null>>(
    `SELECT
      (SELECT count(*) FROM outcome_hypothesis WHERE initiative_id = $1 AND state = 'ACTIVE' AND expected_benefit > 0)::int AS active_with_benefit,
      (SELECT budget::float8 FROM initiative WHERE id = $1) AS budget,
      (SELECT count(*) FROM funding_tranche WHERE initiative_id = $1 AND state <> 'CANCELLED')::int AS tranches,
      (SELECT count(*) FROM funding_tranche WHERE initiative_id = $1 AND (state = 'RELEASED' OR id = ANY($2::uuid[])))::int AS released,
      (SELECT count(*) FROM outcome_hypothesis WHERE initiative_id = $1)::int AS hypotheses,
      (SELECT count(*) FROM outcome_hypothesis WHERE initiative_id = $1 AND state NOT IN ('VALIDATED', 'INVALIDATED', 'ABANDONED'))::int AS unconcluded`,
    [initiativeId, releasing],
  );
  const q = sql`SELECT mt.key, mt.cadence, cur.value IS NOT NULL AS has_data,
      (SELECT max(m.observed_at) FROM measurement m WHERE m.metric_id = h.metric_id AND m.retracted_at IS NULL) AS latest
    FROM outcome_hypothesis h JOIN metric mt ON mt.id = h.metric_id
    ${progressJoins(now, null)}
    WHERE h.initiative_id = ${initiativeId}::uuid AND h.state IN ${COUNTED_STATES_SQL}`.toQuery();
  const counted = await tx.query<{ key: string; cadence: MetricCadence | null; has_data: boolean; latest: Date | null }>(q.text, q.values);
  const stale = [...new Set(counted.filter((c) => isStale(c.cadence, c.latest, now)).map((c) => c.key))].sort();
  return {
    activeWithBenefit: counts.active_with_benefit ?? 0,
    budget: counts.budget,
    tranches: counts.tranches ?? 0,
    releasedTranches: counts.released ?? 0,
    counted: counted.length,
    countedWithoutData: counted.filter((c) => !c.has_data).length,
    staleMetricKeys: stale,
    hypotheses: counts.hypotheses ?? 0,
    unconcluded: counts.unconcluded ?? 0,
  };
}

function checkDecisionInput(input: RecordDecisionInput, at: Date): { rationale: string; trancheKeys: string[] } {
  const rationale = input.rationale.trim();
  if (!rationale) throw new BadUserInputError("rationale must say why", "input.rationale");
  if (needsReviewBy(input.kind) && !input.reviewBy)
    throw new BadUserInputError(`${input.kind} needs reviewBy: when is it to be reviewed?`, "input.reviewBy");
  if (input.reviewBy && input.reviewBy < dateOf(at)) throw new BadUserInputError("reviewBy is in the past", "input.reviewBy");
  const trancheKeys = [...new Set(input.trancheIds.map((t, i) => expectGlobalId(t, "FundingTranche", `input.trancheIds.${i}`)))];
  if (trancheKeys.length && input.kind !== DecisionKind.RELEASE_FUNDS && input.kind !== DecisionKind.START) {
    throw new BadUserInputError("Only RELEASE_FUNDS and START decisions release tranches", "input.trancheIds");
  }
  if (input.kind === DecisionKind.RELEASE_FUNDS && !trancheKeys.length) {
    throw new BadUserInputError("RELEASE_FUNDS needs the tranches to release", "input.trancheIds");
  }
  return { rationale, trancheKeys };
}

/**
 * `recordDecision`: checks the stage move and the gate, moves the stage, freezes the evidence
 * (read in the same transaction after the move, so it is what knownAt = decidedAt answers),
 * records the decision and releases its tranches: one transaction on the write path.
 */
export async function recordDecision(
  ctx: Context,
  input: RecordDecisionInput,
  /**
   * Only for loading history (the demo dataset): a decision taken at this past instant and
   * recorded now. It may not move the stage or release funds (those happened as recorded
   * then), and its evidence is read as known at that instant.
   */
  backfill?: { decidedAt: Date },
): Promise<{ decision: Decision; initiative: Initiative }> {
  const id = expectGlobalId(input.initiativeId, "Initiative", "input.initiativeId");
  const { rationale, trancheKeys } = checkDecisionInput(input, backfill?.decidedAt ?? ctx.now);
  // every read through the pool before the transaction takes its connection
  const existing = await initiativeLoader(ctx).load(id);
  if (!existing) throw new NotFoundError("Initiative not found", "input.initiativeId");
  await ctx.access.require(existing.portfolioId, PortfolioRole.OWNER, "Initiative", "input.initiativeId");
  if (input.override) ctx.access.requireAdmin("Overriding a stage gate");
  // read afresh, not through the request's loader: a policy set earlier in this operation counts
  const [{ gates }] = await loadGates(ctx, [existing.portfolioId], null);
  return ctx.write(async (tx) => {
    const current = await tx.lock(Initiative, id, "input", input.expectedVersion);
    if (current.portfolioId !== existing.portfolioId) {
      await ctx.access.require(current.portfolioId, PortfolioRole.OWNER, "Initiative", "input.initiativeId");
    }
    const paused =
      input.kind === DecisionKind.RESUME
        ? await tx.query<{ stage_before: InitiativeStage }>(
            "SELECT stage_before FROM decision WHERE initiative_id = $1 AND kind = 'PAUSE' ORDER BY decided_at DESC, id DESC LIMIT 1",
            [id],
          )
        : [];
    const move = stageMove(input.kind, current.stage, paused[0]?.stage_before ?? null);
    if (!move.ok) throw new BadUserInputError(move.reason, "input.kind");
    const tranches = trancheKeys.length
      ? await tx.query<{ id: string; state: TrancheState; amount: number }>(
          "SELECT id, state, amount::float8 AS amount FROM funding_tranche WHERE id = ANY($1::uuid[]) AND initiative_id = $2 FOR UPDATE",
          [trancheKeys, id],
        )
      : [];
    trancheKeys.forEach((key, i) => {
      const t = tranches.find((x) => x.id === key);
      if (!t) throw new NotFoundError("Funding tranche not found on this initiative", `input.trancheIds.${i}`);
      if (t.state !== TrancheState.PLANNED) throw new BadUserInputError(`The tranche is ${t.state}, not PLANNED`, `input.trancheIds.${i}`);
    });
    const now = backfill?.decidedAt ?? (await tx.query<{ now: Date }>("SELECT now() AS now"))[0].now;
    if (backfill && (move.to !== current.stage || trancheKeys.length)) throw new Error("A backfilled decision cannot move a stage or release funds");
    let overridden: Array<{ criterion: string; detail: string }> | null = null;
    if (move.to !== current.stage) {
      const unmet = unmetCriteria(gates, move.to, await gateFacts(tx, id, trancheKeys, now));
      if (unmet.length && !input.override) {
        throw new GateNotMetError(`The gate to ${move.to} is not met: ${unmet.map((u) => u.detail).join("; ")}`, unmet);
      }
      if (unmet.length) overridden = unmet;
    }
    const releasing = tranches.reduce((s, t) => s + t.amount, 0);
    const initiative = await tx.update(Initiative, current, { stage: move.to, releasedFunding: current.releasedFunding + releasing });
    // every write of the decision before its evidence is read, so the evidence is what knownAt = decidedAt answers
    const decisionId = randomUUID();
    for (const t of tranches) {
      const row = await tx.lock(FundingTranche, t.id, "input");
      await tx.update(FundingTranche, row, { state: TrancheState.RELEASED, releasedByDecisionId: decisionId, releasedAt: now });
    }
    const evidence = await gatherEvidence(ctx, (text, values) => tx.query(text, values), initiative, now, backfill !== undefined);
    const canonical = canonicalJson(evidence);
    const decision = await tx.insert(
      Decision,
      {
        initiativeId: id,
        portfolioId: initiative.portfolioId,
        kind: input.kind,
        rationale,
        decidedAt: now,
        decidedBy: ctx.callerName,
        reviewBy: needsReviewBy(input.kind) ? input.reviewBy! : (input.reviewBy ?? null),
        stageBefore: current.stage,
        stageAfter: move.to,
        acknowledges: [...new Set(input.acknowledges)],
        releasedTrancheIds: trancheKeys,
        overrideReason: overridden ? input.override!.reason : null,
        overriddenCriteria: overridden,
        evidenceCanonical: canonical,
        evidenceHash: sha256(canonical),
      },
      decisionId,
    );
    return { decision, initiative };
  });
}

function decisionList(filter: DecisionFilter | null | undefined, extra: Sql[] = []): ListQuery<Decision> {
  const conditions = [...extra];
  if (filter?.kinds?.length) conditions.push(sql`t.kind = ANY(${filter.kinds}::text[])`);
  if (filter?.since) conditions.push(sql`t.decided_at >= ${filter.since}::timestamptz`);
  if (filter?.until) conditions.push(sql`t.decided_at < ${filter.until}::timestamptz`);
  return { entity: Decision, conditions, sort: "t.decided_at", direction: OrderDirection.DESC };
}

/** `Initiative.decisions`, newest first, for a page of initiatives in one statement. */
export function decisionsOf(
  ctx: Context,
  initiativeId: string,
  filter: DecisionFilter | null,
  plan: PagePlan<Decision>,
): Promise<ConnectionResult<Decision>> {
  return fetchPageOfParent(ctx, decisionList(filter), plan, "initiative_id", initiativeId);
}

/** `Portfolio.decisions`: decisions taken while the initiative was in this portfolio (or, with includeDescendants, below it). */
export function portfolioDecisions(ctx: Context, portfolioId: string, filter: DecisionFilter | null, plan: PagePlan<Decision>) {
  const link = filter?.includeDescendants ? (p: Sql) => sql`t.portfolio_id IN ${subtreeOf(sql`ARRAY[${p}]`, ctx.knownAt)}` : "portfolio_id";
  return fetchPageOfParent(ctx, decisionList(filter), plan, link, portfolioId);
}

/** `Initiative.tranches`, by planned date. */
export function tranchesOf(ctx: Context, initiativeId: string, plan: PagePlan<FundingTranche>) {
  const q: ListQuery<FundingTranche> = { entity: FundingTranche, conditions: [], sort: "t.planned_date", direction: OrderDirection.ASC };
  return fetchPageOfParent(ctx, q, plan, "initiative_id", initiativeId);
}

/** `planTranches`: adds PLANNED tranches and cancels planned ones, in one transaction (OWNER). */
export async function planTranches(ctx: Context, input: PlanTranchesInput): Promise<{ initiative: Initiative; added: FundingTranche[] }> {
  const id = await requireInitiativeKey(ctx, input.initiativeId, "input.initiativeId");
  const existing = (await initiativeLoader(ctx).load(id))!;
  await ctx.access.require(existing.portfolioId, PortfolioRole.OWNER, "Initiative", "input.initiativeId");
  input.add.forEach((t, i) => {
    if (!(t.amount > 0) || t.amount > MAX_MONEY)
      throw new BadUserInputError(`amount must be above 0 and at most ${MAX_MONEY}`, `input.add.${i}.amount`);
  });
  const cancel = input.cancel.map((c, i) => expectGlobalId(c, "FundingTranche", `input.cancel.${i}`));
  return ctx.write(async (tx) => {
    const initiative = await tx.lock(Initiative, id, "input");
    for (const [i, key] of cancel.entries()) {
      const [row] = await tx.query<{ initiative_id: string }>("SELECT initiative_id FROM funding_tranche WHERE id = $1", [key]);
      if (!row || row.initiative_id !== id) throw new NotFoundError("Funding tranche not found on this initiative", `input.cancel.${i}`);
      const t = await tx.lock(FundingTranche, key, `input.cancel.${i}`);
      if (t.state !== TrancheState.PLANNED) throw new BadUserInputError(`The tranche is ${t.state}, not PLANNED`, `input.cancel.${i}`);
      await tx.update(FundingTranche, t, { state: TrancheState.CANCELLED });
    }
    const added: FundingTranche[] = [];
    for (const t of input.add) {
      added.push(await tx.insert(FundingTranche, { initiativeId: id, amount: t.amount, plannedDate: t.plannedDate, state: TrancheState.PLANNED }));
    }
    return { initiative, added };
  });
}

/** `setGatePolicy`: sets (or with gates null removes) a portfolio's own policy (OWNER). */
export async function setGatePolicy(ctx: Context, input: SetGatePolicyInput): Promise<{ portfolio: Portfolio; gatePolicy: EffectiveGatePolicy }> {
  const portfolioId = await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId");
  await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  const gates = input.gates?.map((g) => ({ stage: g.stage, criteria: [...new Set(g.criteria)] })) ?? null;
  gates?.forEach((g, i) => {
    if (gates.findIndex((x) => x.stage === g.stage) !== i) throw new BadUserInputError(`${g.stage} is listed twice`, `input.gates.${i}.stage`);
  });
  await ctx.write(async (tx) => {
    const [row] = await tx.query<{ id: string }>("SELECT id FROM gate_policy WHERE portfolio_id = $1", [portfolioId]);
    if (row) {
      const current = await tx.lock(GatePolicy, row.id, "input");
      if (gates) await tx.update(GatePolicy, current, { gates });
      else await tx.delete(GatePolicy, current);
    } else if (gates) {
      await tx.insert(GatePolicy, { portfolioId, gates });
    }
  });
  const portfolio = (await portfolioLoader(ctx).load(portfolioId))!;
  const [policy] = await loadGates(ctx, [portfolioId], null);
  return { portfolio, gatePolicy: await shown(ctx, policy) };
}

/** `snoozeSignal` (OWNER): the signal is SNOOZED until the date, whatever its condition meanwhile. */
export async function snoozeSignal(ctx: Context, input: SnoozeSignalInput): Promise<{ initiative: Initiative; until: string }> {
  const id = await requireInitiativeKey(ctx, input.initiativeId, "input.initiativeId");
  const initiative = (await initiativeLoader(ctx).load(id))!;
  await ctx.access.require(initiative.portfolioId, PortfolioRole.OWNER, "Initiative", "input.initiativeId");
  if (input.until <= dateOf(ctx.now)) throw new BadUserInputError("until must be after today", "input.until");
  const reason = input.reason.trim();
  if (!reason) throw new BadUserInputError("reason must say why", "input.reason");
  await ctx.write((tx) => tx.insert(SignalSnooze, { initiativeId: id, kind: input.kind, until: input.until, reason, createdBy: ctx.callerName }));
  return { initiative, until: input.until };
}

/** Signals with their state, narrowed by kinds and states (null: all). */
function narrowed(signals: Signal[], kinds: readonly SignalKind[] | null, states: readonly SignalState[] | null): Signal[] {
  return signals.filter((s) => (!kinds?.length || kinds.includes(s.kind)) && (!states?.length || states.includes(s.state)));
}

/** `Portfolio.signals`. */
export async function portfolioSignals(
  ctx: Context,
  portfolio: Portfolio,
  time: ValueTime,
  args: RankingArgs,
  kinds: readonly SignalKind[] | null,
  states: readonly SignalState[] | null,
): Promise<Signal[]> {
  return narrowed(await signals(ctx, portfolio, time, args), kinds, states);
}

/** `Initiative.signals`: those of its portfolio's ranking (whole subtree, WSJF) raised on it. */
export async function initiativeSignals(
  ctx: Context,
  initiative: Initiative,
  time: ValueTime,
  kinds: readonly SignalKind[] | null,
  states: readonly SignalState[] | null,
): Promise<Signal[]> {
  const scope = { rootId: initiative.portfolioId, deep: true, stages: RANKED_STAGES, model: RankingModel.WSJF, knownAt: time.knownAt };
  const all = await ctx.loaders
    .get<string, Signal[]>(`decision.initiativeSignals:${timeKey(time)}`, (portfolioIds) =>
      Promise.all(portfolioIds.map((p) => signalsIn(ctx, (text, values) => ctx.dataSource.query(text, values), { ...scope, rootId: p }, time))),
    )
    .load(initiative.portfolioId);
  return narrowed(
    all.filter((s) => s.initiative.rowId === initiative.rowId),
    kinds,
    states,
  );
}
