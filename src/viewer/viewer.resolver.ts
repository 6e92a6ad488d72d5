import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { PortfolioMember } from "../member/member.entity";
import { ApiToken } from "../token/token.entity";
import * as service from "./viewer.service";
import { ViewerInfo } from "./viewer.type";

@Resolver(() => ViewerInfo)
export class ViewerResolver {
  @Authorized(Capability.READ)
  @Query(() => ViewerInfo, { description: "Who is calling and what they may do." })
  viewer(@Ctx() ctx: Context): ViewerInfo {
    return service.viewerOf(ctx);
  }

  @Readable()
  @FieldResolver(() => [PortfolioMember], {
    description:
      "The roles granted to you directly, one per portfolio (each holds for every portfolio below it too). Empty for a global admin, who needs none. An API token has its creator's roles, within its own scope.",
  })
  roles(@Ctx() ctx: Context): Promise<PortfolioMember[]> {
    return service.rolesOf(ctx);
  }

  @Readable()
  @FieldResolver(() => ApiToken, {
    nullable: true,
    description: "The API token this request was made with, with its scope; null for other credentials.",
  })
  token(@Root() viewer: ViewerInfo, @Ctx() ctx: Context): Promise<ApiToken | null> {
    return service.tokenOf(ctx, viewer);
  }
}
