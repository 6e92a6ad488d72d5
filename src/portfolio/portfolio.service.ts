import { Context } from "../context";
import { ConnectionResult, OrderDirection, PageArgs } from "../common/connection";
import { containsPattern } from "../common/order";
import { fetchPage, pageForParent, ListQuery } from "../common/keyset";
import { Sql, sql } from "../database/sql";
import { insertRow, lockForUpdate, updateRow } from "../database/rows";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../node/global-id";
import { Portfolio } from "./portfolio.entity";
import { PortfolioRole } from "../auth/auth.entity";
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
    table: "portfolio",
    conditions,
    sort: SORT[order?.field ?? PortfolioOrderField.NAME],
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

export function listPortfolios(
  ctx: Context,
  filter: PortfolioFilter | null | undefined,
  order: PortfolioOrder | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Portfolio>> {
  return fetchPage(ctx, listQuery(filter, order), page);
}

/** `Portfolio.children` for every parent on the page in one statement. */
export function childrenOf(
  ctx: Context,
  parent: Portfolio,
  filter: PortfolioFilter | null | undefined,
  order: PortfolioOrder | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Portfolio>> {
  return pageForParent(ctx, "Portfolio.children", [filter, order, page], listQuery(filter, order), "parent_id", parent.rowId, page);
}

export function portfolioLoader(ctx: Context) {
  return ctx.loaders.byId(Portfolio, "portfolio");
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
  return ctx.dataSource.transaction((em) =>
    insertRow(em, Portfolio, "portfolio", {
      name: input.name,
      description: input.description,
      owner: input.owner,
      parentId,
      budget: input.budget,
    }),
  );
}

export async function updatePortfolio(ctx: Context, input: UpdatePortfolioInput): Promise<Portfolio> {
  const id = expectGlobalId(input.id, "Portfolio", "input.id");
  const parentId =
    input.parentId === undefined ? undefined : input.parentId === null ? null : expectGlobalId(input.parentId, "Portfolio", "input.parentId");
  if (input.name === null) throw new BadUserInputError("name cannot be null", "input.name");
  await ctx.access.require(id, PortfolioRole.OWNER, "Portfolio", "input.id");
  if (parentId) await ctx.access.require(parentId, PortfolioRole.OWNER, "Portfolio", "input.parentId");
  else if (parentId === null) ctx.access.requireAdmin("Making a portfolio a tree root");
  return ctx.dataSource.transaction(async (em) => {
    await lockForUpdate(em, Portfolio, "portfolio", id, input.expectedVersion, "Portfolio");
    if (parentId) {
      // Lock the tree's shape while checking: the new parent must exist and must not
      // lie in the moved portfolio's own subtree (that would close a cycle).
      const [row] = await em.query(
        `WITH RECURSIVE up(id, parent_id) AS (
           SELECT id, parent_id FROM portfolio WHERE id = $2
           UNION ALL SELECT p.id, p.parent_id FROM portfolio p JOIN up ON p.id = up.parent_id
         ), parent AS (SELECT id FROM portfolio WHERE id = $2 FOR SHARE)
         SELECT (SELECT count(*) FROM parent) AS found,
                EXISTS (SELECT 1 FROM up WHERE id = $1) AS cycle`,
        [id, parentId],
      );
      if (!row || Number(row.found) === 0) throw new NotFoundError(`Portfolio ${input.parentId} not found`, "input.parentId");
      if (row.cycle) {
        throw new BadUserInputError("A portfolio cannot move under itself or one of its descendants", "input.parentId");
      }
    }
    return updateRow(em, Portfolio, "portfolio", id, {
      name: input.name,
      description: input.description,
      owner: input.owner,
      parentId,
      budget: input.budget,
    });
  });
}

export async function archivePortfolio(ctx: Context, input: ArchivePortfolioInput): Promise<Portfolio> {
  const id = expectGlobalId(input.id, "Portfolio", "input.id");
  await ctx.access.require(id, PortfolioRole.OWNER, "Portfolio", "input.id");
  return ctx.dataSource.transaction(async (em) => {
    const current = await lockForUpdate(em, Portfolio, "portfolio", id, input.expectedVersion, "Portfolio");
    if ((current.archivedAt !== null) === input.archived) return current;
    return updateRow(em, Portfolio, "portfolio", id, { archivedAt: input.archived ? new Date() : null });
  });
}
