import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { fetchPageOfParent, PagePlan } from "../common/page";
import { hydrate } from "../database/hydrate";
import { changesFrom, Tx } from "../database/write";
import { hasSqlState, PG_UNIQUE_VIOLATION } from "../database/db-errors";
import { ConflictError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";
import { MEMBER_COLUMNS, PortfolioMember } from "./member.entity";
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

/** The membership of `subject` on the portfolio, locked for the rest of the transaction, or null. */
async function lockMembership(tx: Tx, portfolioId: string, subject: string): Promise<PortfolioMember | null> {
  const [row] = await tx.query("SELECT * FROM portfolio_member WHERE portfolio_id = $1 AND subject = $2 FOR UPDATE", [portfolioId, subject]);
  return row ? hydrate(tx.em.connection, PortfolioMember, row) : null;
}

export async function addMember(ctx: Context, input: AddPortfolioMemberInput) {
  const portfolio = await ownedPortfolio(ctx, input.portfolioId);
  const changes = { ...changesFrom(MEMBER_COLUMNS, input, {}, "create", "input"), createdBy: ctx.access.viewer.subject };
  try {
    const member = await ctx.write(async (tx) => {
      const current = await lockMembership(tx, portfolio.rowId, input.subject);
      return current ? tx.update(PortfolioMember, current, changes) : tx.insert(PortfolioMember, { ...changes, portfolioId: portfolio.rowId });
    });
    return { member, portfolio };
  } catch (e) {
    // the same person added twice at once: one insert wins, the other may simply retry
    if (hasSqlState(e, PG_UNIQUE_VIOLATION, "portfolio_member_unique")) {
      throw new ConflictError("This membership was changed at the same time; retry", "input.subject");
    }
    throw e;
  }
}

export async function removeMember(ctx: Context, input: RemovePortfolioMemberInput) {
  const portfolio = await ownedPortfolio(ctx, input.portfolioId);
  const removed = await ctx.write(async (tx) => {
    const current = await lockMembership(tx, portfolio.rowId, input.subject);
    if (current) await tx.delete(PortfolioMember, current);
    return current !== null;
  });
  return { removed, portfolio };
}
