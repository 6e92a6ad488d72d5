import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Info, Root } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { Capability } from "../access/capabilities";
import { ApiTokenConnection, CreateApiTokenInput, CreateApiTokenPayload, RevokeApiTokenInput, RevokeApiTokenPayload } from "./token.inputs";
import * as service from "./token.service";
import { ApiToken } from "./token.entity";
import { Portfolio } from "../portfolio/portfolio.entity";
import { Readable } from "../graphql/readable";

@Resolver()
export class ApiTokenResolver {
  @Authorized(Capability.READ)
  @Query(() => ApiTokenConnection, { description: "API tokens you created (every token, for admins), newest first." })
  apiTokens(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("includeRevoked", () => Boolean, { defaultValue: false, description: "Include revoked tokens." }) includeRevoked: boolean,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listTokens(ctx, includeRevoked, planPage(ctx, info, page, ApiToken));
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => CreateApiTokenPayload, { description: "Create an API token for a script; the secret is returned once." })
  createApiToken(@Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: Context) {
    return service.createToken(ctx, input);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => RevokeApiTokenPayload, { description: "Revoke an API token (yours, or any for admins); refused from the next request on." })
  revokeApiToken(@Arg("input", () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() ctx: Context) {
    return service.revokeToken(ctx, input);
  }
}

@Resolver(() => ApiToken)
export class ApiTokenFieldsResolver {
  @Readable()
  @FieldResolver(() => [Portfolio], {
    description:
      "WRITE_MEASUREMENTS: the portfolios whose metrics (and those below) it may write, besides `metricKeys`; empty: none. Those you no longer see are left out.",
  })
  portfolios(@Root() token: ApiToken, @Ctx() ctx: Context): Promise<Portfolio[]> {
    return service.tokenPortfolios(ctx, token);
  }
}
