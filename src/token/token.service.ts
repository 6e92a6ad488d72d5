import { Context } from "../context";
import { OrderDirection } from "../common/connection";
import { fetchPage, PagePlan } from "../common/page";
import { hydrate } from "../database/hydrate";
import { Sql, sql } from "../database/sql";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { ApiToken } from "./token.entity";
import { ApiTokenScope, PortfolioRole } from "../access/roles";
import { newSecret } from "../auth/tokens";
import { CreateApiTokenInput, RevokeApiTokenInput } from "./token.inputs";

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
  const [row] = await ctx.dataSource.query(
    `INSERT INTO api_token (name, prefix, secret_hash, scope, metric_keys, portfolio_ids, created_by, created_by_admin, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [input.name, prefix, hash, input.scope, metricKeys, portfolioRowIds, ctx.access.viewer.subject, ctx.access.viewer.admin, input.expiresAt ?? null],
  );
  return { apiToken: hydrate(ctx.dataSource, ApiToken, row), secret };
}

export async function revokeToken(ctx: Context, input: RevokeApiTokenInput) {
  ctx.access.requirePerson();
  const key = expectGlobalId(input.id, "ApiToken", "input.id");
  const [row] = await ctx.dataSource.query(
    `WITH u AS (UPDATE api_token SET revoked_at = coalesce(revoked_at, now())
      WHERE id = $1 AND ($2::boolean OR created_by = $3) RETURNING *) SELECT * FROM u`,
    [key, ctx.access.viewer.admin, ctx.access.viewer.subject],
  );
  if (!row) throw new NotFoundError("API token not found", "input.id");
  return { apiToken: hydrate(ctx.dataSource, ApiToken, row) };
}
