import { Context } from "../context";
import { OrderDirection } from "../common/connection";
import { fetchPage, PagePlan } from "../common/page";
import { Sql, sql } from "../database/sql";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { ApiToken, TOKEN_COLUMNS } from "./token.entity";
import { ApiTokenScope, PortfolioRole } from "../access/roles";
import { newSecret } from "../auth/tokens";
import { CreateApiTokenInput, RevokeApiTokenInput } from "./token.inputs";
import { changesFrom } from "../database/write";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";

/** Tokens the caller created; admins see every token (the api_token visibility rule, access.ts). */
export function listTokens(ctx: Context, includeRevoked: boolean, plan: PagePlan<ApiToken>) {
  const conditions: Sql[] = [];
  if (!includeRevoked) conditions.push(sql`t.revoked_at IS NULL`);
  return fetchPage(ctx, { entity: ApiToken, conditions, sort: "t.created_at", direction: OrderDirection.DESC }, plan);
}

export async function createToken(ctx: Context, input: CreateApiTokenInput) {
  ctx.access.requirePerson();
  const metricKeys = input.scope === ApiTokenScope.WRITE_MEASUREMENTS ? (input.metricKeys ?? []) : [];
  const portfolioIds = input.scope === ApiTokenScope.WRITE_MEASUREMENTS ? (input.portfolioIds ?? []) : [];
  if (input.scope === ApiTokenScope.WRITE_MEASUREMENTS && metricKeys.length + portfolioIds.length === 0) {
    throw new BadUserInputError("A WRITE_MEASUREMENTS token needs metricKeys or portfolioIds", "input.metricKeys");
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new BadUserInputError("expiresAt must be in the future", "input.expiresAt");
  }
  const portfolioRowIds: string[] = [];
  for (const [i, id] of portfolioIds.entries()) {
    const key = expectGlobalId(id, "Portfolio", `input.portfolioIds.${i}`);
    // a token can only be given what its creator could do themselves
    await ctx.access.require(key, PortfolioRole.CONTRIBUTOR, "Portfolio", `input.portfolioIds.${i}`);
    portfolioRowIds.push(key);
  }
  const { secret, prefix, hash } = newSecret();
  const apiToken = await ctx.write((tx) =>
    tx.insert(ApiToken, {
      ...changesFrom(TOKEN_COLUMNS, input, {}, "create", "input"),
      prefix,
      secretHash: hash,
      metricKeys,
      portfolioIds: portfolioRowIds,
      createdBy: ctx.access.viewer.subject,
      createdByAdmin: ctx.access.viewer.admin,
    }),
  );
  return { apiToken, secret };
}

export async function revokeToken(ctx: Context, input: RevokeApiTokenInput) {
  ctx.access.requirePerson();
  const key = expectGlobalId(input.id, "ApiToken", "input.id");
  // a token is revoked by its creator or an admin; others cannot see it (NOT_FOUND)
  const visible = await ctx.loaders.byId(ApiToken).load(key);
  if (!visible) throw new NotFoundError("API token not found", "input.id");
  const apiToken = await ctx.write(async (tx) => {
    const current = await tx.lock(ApiToken, key, "input");
    return current.revokedAt ? current : tx.update(ApiToken, current, { revokedAt: new Date() });
  });
  return { apiToken };
}

/** The portfolios a token may write measurements under, as far as the caller still sees them. */
export async function tokenPortfolios(ctx: Context, token: ApiToken): Promise<Portfolio[]> {
  const loaded = await portfolioLoader(ctx).loadMany(token.portfolioIds);
  return loaded.filter((p): p is Portfolio => p instanceof Portfolio);
}
