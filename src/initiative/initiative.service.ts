import { Context } from "../context";
import { KnownAt } from "../database/known-at";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { containsPattern } from "../common/order";
import { fetchPage, fetchPageOfParent, ListQuery, PagePlan } from "../common/page";
import { Sql, sql } from "../database/sql";
import { changesFrom, ChangeSet } from "../database/write";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { requirePortfolioKey } from "../portfolio/portfolio.service";
import { subtreeIds, subtreeOf } from "../common/portfolio-tree";
import { Initiative, INITIATIVE_COLUMNS, InitiativeStage } from "./initiative.entity";
import { PortfolioRole } from "../access/roles";
import { checkConfidence, checkEffort, checkJobSize, checkReach, checkRiceImpact, checkWsjfValue } from "./scoring-inputs";
import {
  CreateInitiativeInput,
  InitiativeScoringInput,
  InitiativeFilter,
  InitiativeOrder,
  InitiativeOrderField,
  UpdateInitiativeInput,
} from "./initiative.inputs";

const STAGE_ORDER = `array_position(ARRAY[${Object.values(InitiativeStage)
  .map((s) => `'${s}'`)
  .join(",")}]::text[], t.stage::text)`;

const SORT: Record<InitiativeOrderField, string> = {
  NAME: "t.name",
  CREATED_AT: "t.created_at",
  UPDATED_AT: "t.updated_at",
  STAGE: STAGE_ORDER,
};

function listQuery(k: KnownAt, filter: InitiativeFilter | null | undefined, order: InitiativeOrder | null | undefined): ListQuery<Initiative> {
  const conditions: Sql[] = [];
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    conditions.push(filter.includeDescendants ? sql`t.portfolio_id IN ${subtreeIds(key, k)}` : sql`t.portfolio_id = ${key}::uuid`);
  }
  if (filter?.stages?.length) conditions.push(sql`t.stage = ANY(${filter.stages}::text[])`);
  if (filter?.tags?.length) conditions.push(sql`t.tags @> ${filter.tags}::text[]`);
  if (filter?.nameContains) conditions.push(sql`t.name ILIKE ${containsPattern(filter.nameContains)}`);
  return {
    entity: Initiative,
    conditions,
    sort: SORT[order?.field ?? InitiativeOrderField.NAME],
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

export function listInitiatives(ctx: Context, filter: InitiativeFilter | null, order: InitiativeOrder | null, plan: PagePlan<Initiative>) {
  return fetchPage(ctx, listQuery(ctx.knownAt, filter, order), plan);
}

/**
 * `Portfolio.initiatives` for every portfolio on the page in one statement: the portfolio's
 * own initiatives, or with `includeDescendants` those of its whole subtree.
 */
export function initiativesOf(
  ctx: Context,
  portfolioId: string,
  filter: InitiativeFilter | null,
  order: InitiativeOrder | null,
  plan: PagePlan<Initiative>,
): Promise<ConnectionResult<Initiative>> {
  const own = filter ? { ...filter, portfolioId: null, includeDescendants: false } : null;
  const link = filter?.includeDescendants ? (p: Sql) => sql`t.portfolio_id IN ${subtreeOf(sql`ARRAY[${p}]`, ctx.knownAt)}` : "portfolio_id";
  return fetchPageOfParent(ctx, listQuery(ctx.knownAt, own, order), plan, link, portfolioId);
}

export function initiativeLoader(ctx: Context) {
  return ctx.loaders.byId(Initiative);
}

export function findInitiative(ctx: Context, id: string): Promise<Initiative | null> {
  return initiativeLoader(ctx).load(expectGlobalId(id, "Initiative", "id"));
}

/** Row key of a referenced initiative that must exist; NOT_FOUND names the input field. */
export async function requireInitiativeKey(ctx: Context, id: string, field: string): Promise<string> {
  const key = expectGlobalId(id, "Initiative", field);
  if (!(await initiativeLoader(ctx).load(key))) throw new NotFoundError(`Initiative ${id} not found`, field);
  return key;
}

/** Checks the prioritization inputs given against their scales (BAD_USER_INPUT naming the field). */
function checkScoringInputs(input: InitiativeScoringInput): void {
  const checks: Record<keyof InitiativeScoringInput, (v: number, field: string) => string | null> = {
    businessValue: checkWsjfValue,
    timeCriticality: checkWsjfValue,
    riskReduction: checkWsjfValue,
    jobSize: checkJobSize,
    reach: checkReach,
    impact: checkRiceImpact,
    confidence: checkConfidence,
    effort: checkEffort,
  };
  for (const [field, check] of Object.entries(checks)) {
    const value = input[field as keyof InitiativeScoringInput];
    const problem = value == null ? null : check(value, `input.${field}`);
    if (problem) throw new BadUserInputError(problem, `input.${field}`);
  }
}

function checkDates(startDate: string | null | undefined, targetDate: string | null | undefined) {
  // LocalDate accepts the ISO year 0000, which Postgres's date type does not have
  for (const [field, date] of [
    ["input.startDate", startDate],
    ["input.targetDate", targetDate],
  ] as const) {
    if (date?.startsWith("0000")) throw new BadUserInputError(`${field.slice(6)} must be in year 1 or later`, field);
  }
  if (startDate && targetDate && targetDate < startDate) {
    throw new BadUserInputError("targetDate must not be before startDate", "input.targetDate");
  }
}

export async function createInitiative(ctx: Context, input: CreateInitiativeInput): Promise<Initiative> {
  const portfolioId = await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId");
  await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  checkDates(input.startDate, input.targetDate);
  checkScoringInputs(input);
  const changes: ChangeSet<Initiative> = { ...changesFrom(INITIATIVE_COLUMNS, input, {}, "create", "input"), portfolioId };
  return ctx.write((tx) => tx.insert(Initiative, changes));
}

export async function updateInitiative(ctx: Context, input: UpdateInitiativeInput): Promise<Initiative> {
  const id = expectGlobalId(input.id, "Initiative", "input.id");
  if (input.portfolioId === null) throw new BadUserInputError("portfolioId cannot be null", "input.portfolioId");
  const changes = changesFrom(INITIATIVE_COLUMNS, input, { id: true, expectedVersion: true }, "update", "input");
  checkScoringInputs(input);
  // Every check that reads through the pool happens before the transaction takes its
  // connection: a transaction that waits for a second connection can starve the pool.
  const existing = await initiativeLoader(ctx).load(id);
  if (!existing) throw new NotFoundError("Initiative not found", "input.id");
  await ctx.access.require(existing.portfolioId, PortfolioRole.OWNER, "Initiative", "input.id");
  const portfolioId = input.portfolioId ? await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId") : undefined;
  if (portfolioId) await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  return ctx.write(async (tx) => {
    const current = await tx.lock(Initiative, id, "input", input.expectedVersion);
    // moved meanwhile: check again (the caller's roles are already loaded, no new connection)
    if (current.portfolioId !== existing.portfolioId) {
      await ctx.access.require(current.portfolioId, PortfolioRole.OWNER, "Initiative", "input.id");
    }
    checkDates(
      input.startDate === undefined ? current.startDate : input.startDate,
      input.targetDate === undefined ? current.targetDate : input.targetDate,
    );
    return tx.update(Initiative, current, { ...changes, portfolioId });
  });
}
