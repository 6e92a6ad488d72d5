import { Context } from "../context";
import { OrderDirection } from "../common/connection";
import { fetchPage, PagePlan } from "../common/page";
import { sql } from "../database/sql";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader, requirePortfolioKey } from "../portfolio/portfolio.service";
import { InitiativeStage } from "../initiative/initiative.entity";
import { rankedCte } from "../prioritization/ranking.sql";
import { rankingScope } from "../prioritization/ranking.service";
import { valueTime } from "../value/as-of";
import { KnapsackTooLargeError, solveKnapsack } from "../prioritization/knapsack";
import { MAX_MONEY } from "../common/money";
import { Scenario } from "./scenario.entity";
import { PlanScenarioInput, SaveScenarioInput, ScenarioItem, ScenarioItemReason, ScenarioPlan } from "./scenario.types";

const DEFAULT_STAGES = [InitiativeStage.IDEA, InitiativeStage.PROPOSED, InitiativeStage.APPROVED, InitiativeStage.IN_DELIVERY];

function ids(list: string[], field: string): string[] {
  return list.map((id, i) => expectGlobalId(id, "Initiative", `${field}.${i}`));
}

function remainingCost(stage: string, budget: number | null, actualCost: number | null): number | null {
  if (budget === null) return null;
  return stage === InitiativeStage.IN_DELIVERY ? Math.max(budget - (actualCost ?? 0), 0) : budget;
}

/**
 * The exact best selection (0/1 knapsack over the candidates' remaining costs, maximising
 * the summed score) with what it changes against today's in-flight set. Candidates and
 * scores come from one ranking statement; the optimizer is src/prioritization/knapsack.ts.
 */
export async function planScenario(
  ctx: Context,
  input: PlanScenarioInput,
): Promise<{ plan: ScenarioPlan; portfolio: Portfolio; stored: Record<string, unknown> }> {
  const portfolioKey = await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId");
  const portfolio = (await portfolioLoader(ctx).load(portfolioKey))!;
  if (!(input.budget >= 0) || input.budget > MAX_MONEY) throw new BadUserInputError(`budget must be between 0 and ${MAX_MONEY}`, "input.budget");
  if (input.costUnit != null && !(input.costUnit > 0)) throw new BadUserInputError("costUnit must be greater than 0", "input.costUnit");
  const must = ids(input.mustInclude, "input.mustInclude");
  const exclude = ids(input.exclude, "input.exclude");
  const both = must.findIndex((id) => exclude.includes(id));
  if (both >= 0) throw new BadUserInputError("An initiative cannot be both must-include and excluded", `input.mustInclude.${both}`);
  const stages: string[] = input.stages?.length ? input.stages : DEFAULT_STAGES;
  // today's in-flight set takes part even when its stage does not compete, to report what leaves
  const queried = [...new Set([...stages, InitiativeStage.IN_DELIVERY])];
  const knownAt = valueTime(ctx, null, input.knownAt).knownAt;
  const args = { model: input.model, scoringModelId: input.scoringModelId, includeDescendants: input.includeDescendants, knownAt };
  const { scope, version } = await rankingScope(ctx, portfolio, args, queried, "input.scoringModelId");
  const q = sql`${rankedCte(scope)} SELECT id, name, stage, budget, actual_cost, score FROM ranked ORDER BY pos`.toQuery();
  const rows: Array<{ id: string; name: string; stage: InitiativeStage; budget: number | null; actual_cost: number | null; score: number | null }> =
    await ctx.dataSource.query(q.text, q.values);

  const item = (r: (typeof rows)[number], reason: ScenarioItemReason): ScenarioItem =>
    Object.assign(new ScenarioItem(), {
      initiativeRowId: r.id,
      initiativeName: r.name,
      stage: r.stage,
      score: r.score,
      remainingCost: remainingCost(r.stage, r.budget, r.actual_cost),
      reason,
    });
  const candidates = rows.filter((r) => stages.includes(r.stage));
  must.forEach((id, i) => {
    const r = candidates.find((c) => c.id === id);
    if (!r) throw new BadUserInputError("A must-include initiative must be a candidate (in the scope and stages)", `input.mustInclude.${i}`);
    if (r.budget === null) throw new BadUserInputError("A must-include initiative needs a budget", `input.mustInclude.${i}`);
  });
  const unplannable: ScenarioItem[] = [];
  const deferred: ScenarioItem[] = [];
  const plannable: typeof rows = [];
  for (const r of candidates) {
    if (exclude.includes(r.id)) deferred.push(item(r, ScenarioItemReason.EXCLUDED));
    else if (r.budget === null) unplannable.push(item(r, ScenarioItemReason.NO_BUDGET));
    else if (r.score === null && !must.includes(r.id)) unplannable.push(item(r, ScenarioItemReason.NO_SCORE));
    else plannable.push(r);
  }
  const solution = solve(
    // in ranking order, so among equally good plans the better-ranked initiatives win
    plannable.map((r) => ({ id: r.id, cost: remainingCost(r.stage, r.budget, r.actual_cost)!, value: Math.max(r.score ?? 0, 0) })),
    input.budget,
    { unit: input.costUnit ?? undefined, mustInclude: must },
  );
  const chosen = new Set(solution.selected);
  const selected = plannable
    .filter((r) => chosen.has(r.id))
    .map((r) => item(r, must.includes(r.id) ? ScenarioItemReason.MUST_INCLUDE : ScenarioItemReason.SELECTED));
  deferred.push(...plannable.filter((r) => !chosen.has(r.id)).map((r) => item(r, ScenarioItemReason.OVER_BUDGET)));
  const byId = new Map([...selected, ...deferred, ...unplannable].map((i) => [i.initiativeRowId, i]));
  const inFlight = rows.filter((r) => r.stage === InitiativeStage.IN_DELIVERY);
  const totalCost = selected.reduce((s, i) => s + (i.remainingCost ?? 0), 0);
  const plan = Object.assign(new ScenarioPlan(), {
    budget: input.budget,
    model: input.model,
    scoringModelVersion: version,
    costUnit: solution.unit,
    totalCost,
    totalScore: selected.reduce((s, i) => s + Math.max(i.score ?? 0, 0), 0),
    remainingBudget: input.budget - totalCost,
    infeasible: solution.infeasible,
    overshoot: solution.overshoot,
    selected,
    deferred,
    unplannable,
    entering: selected.filter((i) => i.stage !== InitiativeStage.IN_DELIVERY),
    leaving: inFlight.filter((r) => !chosen.has(r.id)).map((r) => byId.get(r.id) ?? item(r, ScenarioItemReason.NOT_A_CANDIDATE)),
    continuing: selected.filter((i) => i.stage === InitiativeStage.IN_DELIVERY),
  });
  const stored = { ...input, portfolioId: portfolioKey, stages, mustInclude: must, exclude, scoringModelId: scope.custom?.modelId ?? null };
  return { plan, portfolio, stored };
}

/** solveKnapsack; a cost unit too fine for the budget and candidates is the caller's mistake. */
function solve(...args: Parameters<typeof solveKnapsack>): ReturnType<typeof solveKnapsack> {
  try {
    return solveKnapsack(...args);
  } catch (e) {
    if (!(e instanceof KnapsackTooLargeError)) throw e;
    throw new BadUserInputError(
      `costUnit is too fine for this budget and ${args[0].length} candidates: the exact optimizer would need too large a table; use a coarser costUnit`,
      "input.costUnit",
    );
  }
}

/** A stored plan read back as typed objects. */
export function planOf(scenario: Scenario): ScenarioPlan {
  const toItems = (list: unknown) => (list as ScenarioItem[]).map((i) => Object.assign(new ScenarioItem(), i));
  const r = scenario.result as unknown as ScenarioPlan;
  return Object.assign(new ScenarioPlan(), r, {
    selected: toItems(r.selected),
    deferred: toItems(r.deferred),
    unplannable: toItems(r.unplannable),
    entering: toItems(r.entering),
    leaving: toItems(r.leaving),
    continuing: toItems(r.continuing),
  });
}

/** Anyone who can see the portfolio may plan, save and read its scenarios. */
export async function saveScenario(ctx: Context, input: SaveScenarioInput): Promise<Scenario> {
  ctx.access.requirePerson();
  const { plan, portfolio, stored } = await planScenario(ctx, input);
  // the plan goes through JSON so the stored result holds plain values, as it is read back
  const result = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
  return ctx.write((tx) =>
    tx.insert(Scenario, { portfolioId: portfolio.rowId, name: input.name, input: stored, result, createdBy: ctx.access.viewer.subject }),
  );
}

export function findScenario(ctx: Context, id: string, field = "id") {
  return ctx.loaders.byId(Scenario).load(expectGlobalId(id, "Scenario", field));
}

export function listScenarios(ctx: Context, portfolioId: string | null, plan: PagePlan<Scenario>) {
  const conditions = portfolioId ? [sql`t.portfolio_id = ${expectGlobalId(portfolioId, "Portfolio", "portfolioId")}::uuid`] : [];
  return fetchPage(ctx, { entity: Scenario, conditions, sort: "t.created_at", direction: OrderDirection.DESC }, plan);
}

export async function compareScenarios(ctx: Context, aId: string, bId: string) {
  const [a, b] = await Promise.all([findScenario(ctx, aId, "a"), findScenario(ctx, bId, "b")]);
  if (!a) throw new NotFoundError(`Scenario ${aId} not found`, "a");
  if (!b) throw new NotFoundError(`Scenario ${bId} not found`, "b");
  const pa = planOf(a);
  const pb = planOf(b);
  const inA = new Set(pa.selected.map((i) => i.initiativeRowId));
  const inB = new Set(pb.selected.map((i) => i.initiativeRowId));
  return {
    a,
    b,
    onlyInA: pa.selected.filter((i) => !inB.has(i.initiativeRowId)),
    onlyInB: pb.selected.filter((i) => !inA.has(i.initiativeRowId)),
    inBoth: pb.selected.filter((i) => inA.has(i.initiativeRowId)),
    budgetDelta: pb.budget - pa.budget,
    totalCostDelta: pb.totalCost - pa.totalCost,
    totalScoreDelta: pb.totalScore - pa.totalScore,
  };
}
