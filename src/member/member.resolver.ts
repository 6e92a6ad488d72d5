import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, Info } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { Portfolio } from "../portfolio/portfolio.entity";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { ReadsKeysOnly } from "../graphql/projection";
import {
  AddPortfolioMemberInput,
  AddPortfolioMemberPayload,
  PortfolioMemberConnection,
  RemovePortfolioMemberInput,
  RemovePortfolioMemberPayload,
} from "./member.inputs";
import * as service from "./member.service";
import { PortfolioMember } from "./member.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";

@Resolver(() => Portfolio)
export class PortfolioMembersResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => PortfolioMemberConnection, {
    description: "People granted a role directly on this portfolio (roles are inherited from ancestors too).",
  })
  members(@Root() portfolio: Portfolio, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return service.membersOf(ctx, portfolio.rowId, planPage(ctx, info, page, PortfolioMember));
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => AddPortfolioMemberPayload, { description: "Grant or change a person's role on a portfolio (needs OWNER there)." })
  addPortfolioMember(@Arg("input", () => AddPortfolioMemberInput) input: AddPortfolioMemberInput, @Ctx() ctx: Context) {
    return service.addMember(ctx, input);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => RemovePortfolioMemberPayload, { description: "Take a person's role on a portfolio away (needs OWNER there)." })
  removePortfolioMember(@Arg("input", () => RemovePortfolioMemberInput) input: RemovePortfolioMemberInput, @Ctx() ctx: Context) {
    return service.removeMember(ctx, input);
  }
}

@Resolver(() => PortfolioMember)
export class PortfolioMemberResolver {
  @Readable()
  @FieldResolver(() => Portfolio, { description: "The portfolio the role is granted on (and holds below)." })
  async portfolio(@Root() member: PortfolioMember, @Ctx() ctx: Context): Promise<Portfolio> {
    return (await portfolioLoader(ctx).load(member.portfolioId))!;
  }
}
