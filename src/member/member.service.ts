import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { fetchPageOfParent, PagePlan } from "../common/page";
import { hydrate } from "../database/hydrate";
import { expectGlobalId } from "../common/global-id";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";
import { PortfolioMember } from "./member.entity";
import { PortfolioRole } from "../access/roles";
import { AddPortfolioMemberInput, RemovePortfolioMemberInput } from "./member.inputs";

/** `Portfolio.members` (direct grants on this portfolio) for a page of portfolios in one statement. */
export function membersOf(ctx: Context, portfolioId: string, plan: PagePlan<PortfolioMember>): Promise<ConnectionResult<PortfolioMember>> {
  const q = { entity: PortfolioMember, conditions: [], sort: "t.subject", direction: OrderDirection.ASC };
  return fetchPageOfParent(ctx, q, plan, "portfolio_id", portfolioId);
}

async function ownedPortfolio(ctx: Context, id: string): Promise<Portfolio> {
  const key = expectGlobalId(id, "Portfolio", "input.portfolioId");
  await ctx.access.require(key, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  return (await portfolioLoader(ctx).load(key))!;
}

export async function addMember(ctx: Context, input: AddPortfolioMemberInput) {
  const portfolio = await ownedPortfolio(ctx, input.portfolioId);
  const [row] = await ctx.dataSource.query(
    `INSERT INTO portfolio_member (portfolio_id, subject, role, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (portfolio_id, subject) DO UPDATE SET role = EXCLUDED.role, created_by = EXCLUDED.created_by
     RETURNING *`,
    [portfolio.rowId, input.subject, input.role, ctx.access.viewer.subject],
  );
  return { member: hydrate(ctx.dataSource, PortfolioMember, row), portfolio };
}

export async function removeMember(ctx: Context, input: RemovePortfolioMemberInput) {
  const portfolio = await ownedPortfolio(ctx, input.portfolioId);
  const rows = await ctx.dataSource.query(
    "WITH d AS (DELETE FROM portfolio_member WHERE portfolio_id = $1 AND subject = $2 RETURNING 1) SELECT count(*)::int AS n FROM d",
    [portfolio.rowId, input.subject],
  );
  return { removed: rows[0].n > 0, portfolio };
}
