import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { containsPattern } from "../common/order";
import { fetchPage, fetchPageOfParent, ListQuery, PagePlan } from "../common/page";
import { ancestorsOf } from "../common/portfolio-tree";
import { Sql, sql } from "../database/sql";
import { changesFrom } from "../database/write";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { Portfolio, PORTFOLIO_COLUMNS } from "./portfolio.entity";
import { PortfolioRole } from "../access/roles";
import {
  ArchivePortfolioInput,
  CreatePortfolioInput,
  PortfolioFilter,
  PortfolioOrder,
  PortfolioOrderField,
  UpdatePortfolioInput,
} from "./portfolio.inputs";

const SORT: Record<PortfolioOrderField, string> = {
  NAME: "t.name",
  CREATED_AT: "t.created_at",
  UPDATED_AT: "t.updated_at",
};

function listQuery(filter: PortfolioFilter | null | undefined, order: PortfolioOrder | null | undefined): ListQuery<Portfolio> {
  const conditions: Sql[] = [];
  if (!filter?.includeArchived) conditions.push(sql`t.archived_at IS NULL`);
  if (filter?.nameContains) conditions.push(sql`t.name ILIKE ${containsPattern(filter.nameContains)}`);
  if (filter?.parentId) conditions.push(sql`t.parent_id = ${expectGlobalId(filter.parentId, "Portfolio", "filter.parentId")}`);
  if (filter?.rootsOnly) conditions.push(sql`t.parent_id IS NULL`);
  return {
    entity: Portfolio,
    conditions,
    sort: SORT[order?.field ?? PortfolioOrderField.NAME],
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

export function listPortfolios(
  ctx: Context,
  filter: PortfolioFilter | null | undefined,
  order: PortfolioOrder | null | undefined,
  plan: PagePlan<Portfolio>,
): Promise<ConnectionResult<Portfolio>> {
  return fetchPage(ctx, listQuery(filter, order), plan);
}

/** `Portfolio.children` for every parent on the page in one statement. */
export function childrenOf(
  ctx: Context,
  parent: Portfolio,
  filter: PortfolioFilter | null | undefined,
  order: PortfolioOrder | null | undefined,
  plan: PagePlan<Portfolio>,
): Promise<ConnectionResult<Portfolio>> {
  return fetchPageOfParent(ctx, listQuery(filter, order), plan, "parent_id", parent.rowId);
}

export function portfolioLoader(ctx: Context) {
  return ctx.loaders.byId(Portfolio);
}

/** The portfolio behind a global ID, or null (the `portfolio(id:)` query). */
export async function findPortfolio(ctx: Context, id: string): Promise<Portfolio | null> {
  return portfolioLoader(ctx).load(expectGlobalId(id, "Portfolio", "id"));
}

/** Row key of a referenced portfolio that must exist; NOT_FOUND names the input field. */
export async function requirePortfolioKey(ctx: Context, id: string, field: string): Promise<string> {
  const key = expectGlobalId(id, "Portfolio", field);
  if (!(await portfolioLoader(ctx).load(key))) throw new NotFoundError(`Portfolio ${id} not found`, field);
  return key;
}

export async function createPortfolio(ctx: Context, input: CreatePortfolioInput): Promise<Portfolio> {
  const parentId = input.parentId ? await requirePortfolioKey(ctx, input.parentId, "input.parentId") : null;
  if (parentId) await ctx.access.require(parentId, PortfolioRole.OWNER, "Portfolio", "input.parentId");
  else ctx.access.requireAdmin("Creating a root portfolio");
  return ctx.write((tx) => tx.insert(Portfolio, { ...changesFrom(PORTFOLIO_COLUMNS, input, {}, "create", "input"), parentId }));
}

export async function updatePortfolio(ctx: Context, input: UpdatePortfolioInput): Promise<Portfolio> {
  const id = expectGlobalId(input.id, "Portfolio", "input.id");
  const parentId =
    input.parentId === undefined ? undefined : input.parentId === null ? null : expectGlobalId(input.parentId, "Portfolio", "input.parentId");
  const changes = changesFrom(PORTFOLIO_COLUMNS, input, { id: true, expectedVersion: true }, "update", "input");
  await ctx.access.require(id, PortfolioRole.OWNER, "Portfolio", "input.id");
  if (parentId) await ctx.access.require(parentId, PortfolioRole.OWNER, "Portfolio", "input.parentId");
  else if (parentId === null) ctx.access.requireAdmin("Making a portfolio a tree root");
  return ctx.write(async (tx) => {
    const current = await tx.lock(Portfolio, id, "input", input.expectedVersion);
    if (parentId) {
      // Lock the tree's shape while checking: the new parent must exist and must not
      // lie in the moved portfolio's own subtree (that would close a cycle).
      const check = sql`WITH parent AS (SELECT id FROM portfolio WHERE id = ${parentId}::uuid FOR SHARE)
         SELECT (SELECT count(*) FROM parent) AS found, ${id}::uuid IN ${ancestorsOf(parentId)} AS cycle`.toQuery();
      const [row] = await tx.query<{ found: string; cycle: boolean }>(check.text, check.values);
      if (!row || Number(row.found) === 0) throw new NotFoundError(`Portfolio ${input.parentId} not found`, "input.parentId");
      if (row.cycle) {
        throw new BadUserInputError("A portfolio cannot move under itself or one of its descendants", "input.parentId");
      }
    }
    return tx.update(Portfolio, current, { ...changes, parentId });
  });
}

export async function archivePortfolio(ctx: Context, input: ArchivePortfolioInput): Promise<Portfolio> {
  const id = expectGlobalId(input.id, "Portfolio", "input.id");
  await ctx.access.require(id, PortfolioRole.OWNER, "Portfolio", "input.id");
  return ctx.write(async (tx) => {
    const current = await tx.lock(Portfolio, id, "input", input.expectedVersion);
    if ((current.archivedAt !== null) === input.archived) return current;
    return tx.update(Portfolio, current, { archivedAt: input.archived ? new Date() : null }, input.archived ? "ARCHIVE" : "RESTORE");
  });
}
