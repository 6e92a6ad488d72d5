import { Context } from "../context";
import { ConnectionResult, OrderDirection, PageArgs } from "../common/connection";
import { containsPattern } from "../common/order";
import { fetchPage, pageForParent, ListQuery } from "../common/keyset";
import { Sql, sql } from "../database/sql";
import { insertRow, lockForUpdate, updateRow } from "../database/rows";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../node/global-id";
import { requirePortfolioKey } from "../portfolio/portfolio.service";
import { subtreeIds } from "../portfolio/portfolio.sql";
import { Initiative, InitiativeStage } from "./initiative.entity";
import { PortfolioRole } from "../auth/auth.entity";
import { checkConfidence, checkEffort, checkJobSize, checkReach, checkRiceImpact, checkWsjfValue } from "../prioritization/scoring";
import {
  CreateInitiativeInput,
  InitiativeScoringInput,
  InitiativeFilter,
  InitiativeOrder,
  InitiativeOrderField,
  UpdateInitiativeInput,
} from "./initiative.inputs";

const STAGE_ORDER = `array_position(ARRAY[${Object.values(InitiativeStage).map((s) => `'${s}'`).join(",")}]::text[], t.stage::text)`;

const SORT: Record<InitiativeOrderField, string> = {
  NAME: "t.name",
  CREATED_AT: "t.created_at",
  UPDATED_AT: "t.updated_at",
  STAGE: STAGE_ORDER,
};

function listQuery(filter: InitiativeFilter | null | undefined, order: InitiativeOrder | null | undefined): ListQuery<Initiative> {
  const conditions: Sql[] = [];
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    conditions.push(filter.includeDescendants ? sql`t.portfolio_id IN ${subtreeIds(key)}` : sql`t.portfolio_id = ${key}::uuid`);
  }
  if (filter?.stages?.length) conditions.push(sql`t.stage = ANY(${filter.stages}::text[])`);
  if (filter?.tags?.length) conditions.push(sql`t.tags @> ${filter.tags}::text[]`);
  if (filter?.nameContains) conditions.push(sql`t.name ILIKE ${containsPattern(filter.nameContains)}`);
  return {
    entity: Initiative,
    table: "initiative",
    conditions,
    sort: SORT[order?.field ?? InitiativeOrderField.NAME],
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

export function listInitiatives(ctx: Context, filter: InitiativeFilter | null, order: InitiativeOrder | null, page: PageArgs, columns: string[] | null = null) {
  return fetchPage(ctx, listQuery(filter, order), page, columns);
}

/** `Portfolio.initiatives` for every portfolio on the page in one statement. */
export function initiativesOf(
  ctx: Context,
  portfolioId: string,
  filter: InitiativeFilter | null,
  order: InitiativeOrder | null,
  page: PageArgs,
  columns: string[] | null = null,
): Promise<ConnectionResult<Initiative>> {
  return pageForParent(ctx, "Portfolio.initiatives", [filter, order, page], listQuery(filter, order), "portfolio_id", portfolioId, page, { columns });
}

export function initiativeLoader(ctx: Context) {
  return ctx.loaders.byId(Initiative, "initiative");
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

const SCORING_FIELDS = ["businessValue", "timeCriticality", "riskReduction", "jobSize", "reach", "impact", "confidence", "effort"] as const;

/** Validates the prioritization inputs given; returns them as a change set (undefined = not sent). */
function scoringChanges(input: InitiativeScoringInput): Record<string, number | null | undefined> {
  const checks: Record<(typeof SCORING_FIELDS)[number], (v: number, field: string) => string | null> = {
    businessValue: checkWsjfValue,
    timeCriticality: checkWsjfValue,
    riskReduction: checkWsjfValue,
    jobSize: checkJobSize,
    reach: checkReach,
    impact: checkRiceImpact,
    confidence: checkConfidence,
    effort: checkEffort,
  };
  const changes: Record<string, number | null | undefined> = {};
  for (const field of SCORING_FIELDS) {
    const value = input[field];
    if (value != null) {
      const problem = checks[field](value, `input.${field}`);
      if (problem) throw new BadUserInputError(problem, `input.${field}`);
    }
    changes[field] = value;
  }
  return changes;
}

function checkDates(startDate: string | null | undefined, targetDate: string | null | undefined) {
  // LocalDate accepts the ISO year 0000, which Postgres's date type does not have
  for (const [field, date] of [["input.startDate", startDate], ["input.targetDate", targetDate]] as const) {
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
  return ctx.dataSource.transaction((em) =>
    insertRow(em, Initiative, "initiative", {
      portfolioId,
      name: input.name,
      description: input.description,
      owner: input.owner,
      sponsor: input.sponsor,
      stage: input.stage ?? undefined,
      budget: input.budget,
      actualCost: input.actualCost,
      startDate: input.startDate,
      targetDate: input.targetDate,
      tags: input.tags ?? undefined,
      ...scoringChanges(input),
    }),
  );
}

export async function updateInitiative(ctx: Context, input: UpdateInitiativeInput): Promise<Initiative> {
  const id = expectGlobalId(input.id, "Initiative", "input.id");
  for (const field of ["name", "stage", "portfolioId"] as const) {
    if (input[field] === null) throw new BadUserInputError(`${field} cannot be null`, `input.${field}`);
  }
  // Every check that reads through the pool happens before the transaction takes its
  // connection: a transaction that waits for a second connection can starve the pool.
  const existing = await initiativeLoader(ctx).load(id);
  if (!existing) throw new NotFoundError("Initiative not found", "input.id");
  await ctx.access.require(existing.portfolioId, PortfolioRole.OWNER, "Initiative", "input.id");
  const portfolioId = input.portfolioId ? await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId") : undefined;
  if (portfolioId) await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  return ctx.dataSource.transaction(async (em) => {
    const current = await lockForUpdate(em, Initiative, "initiative", id, input.expectedVersion, "Initiative");
    // moved meanwhile: check again (the caller's roles are already loaded, no new connection)
    if (current.portfolioId !== existing.portfolioId) {
      await ctx.access.require(current.portfolioId, PortfolioRole.OWNER, "Initiative", "input.id");
    }
    checkDates(
      input.startDate === undefined ? current.startDate : input.startDate,
      input.targetDate === undefined ? current.targetDate : input.targetDate,
    );
    return updateRow(em, Initiative, "initiative", id, {
      portfolioId,
      name: input.name,
      description: input.description,
      owner: input.owner,
      sponsor: input.sponsor,
      stage: input.stage,
      budget: input.budget,
      actualCost: input.actualCost,
      startDate: input.startDate,
      targetDate: input.targetDate,
      tags: input.tags === null ? [] : input.tags,
      ...scoringChanges(input),
    });
  });
}
