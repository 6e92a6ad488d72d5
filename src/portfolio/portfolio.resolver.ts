import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Authorized } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { ReadsKeysOnly } from "../graphql/projection";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { Portfolio } from "./portfolio.entity";
import {
  ArchivePortfolioInput,
  ArchivePortfolioPayload,
  CreatePortfolioInput,
  CreatePortfolioPayload,
  PortfolioConnection,
  PortfolioFilter,
  PortfolioOrder,
  UpdatePortfolioInput,
  UpdatePortfolioPayload,
} from "./portfolio.inputs";
import * as service from "./portfolio.service";

@Resolver(() => Portfolio)
export class PortfolioResolver {
  @Authorized(Capability.READ)
  @Query(() => Portfolio, { nullable: true, description: "A portfolio by ID, or null when there is none." })
  portfolio(@Arg("id", () => ID, { description: "Global ID of the portfolio." }) id: string, @Ctx() ctx: Context) {
    return service.findPortfolio(ctx, id);
  }

  @Authorized(Capability.READ)
  @Query(() => PortfolioConnection, { description: "Portfolios (all levels of the tree unless filtered)." })
  portfolios(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => PortfolioFilter, { nullable: true, description: "Conditions to narrow the list." })
    filter: PortfolioFilter | null,
    @Arg("orderBy", () => PortfolioOrder, { nullable: true, description: "Sort order (default NAME ASC)." })
    orderBy: PortfolioOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listPortfolios(ctx, filter, orderBy, planPage(ctx, info, page, Portfolio));
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Portfolio, { nullable: true, description: "The parent portfolio; null for a tree root." })
  parent(@Root() portfolio: Portfolio, @Ctx() ctx: Context) {
    return portfolio.parentId ? service.portfolioLoader(ctx).load(portfolio.parentId) : null;
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => PortfolioConnection, { description: "Direct child portfolios." })
  children(
    @Root() portfolio: Portfolio,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => PortfolioFilter, { nullable: true, description: "Conditions to narrow the list." })
    filter: PortfolioFilter | null,
    @Arg("orderBy", () => PortfolioOrder, { nullable: true, description: "Sort order (default NAME ASC)." })
    orderBy: PortfolioOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.childrenOf(ctx, portfolio, filter, orderBy, planPage(ctx, info, page, Portfolio));
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => CreatePortfolioPayload, { description: "Create a portfolio, as a root or under a parent." })
  async createPortfolio(@Arg("input", () => CreatePortfolioInput) input: CreatePortfolioInput, @Ctx() ctx: Context) {
    return { portfolio: await service.createPortfolio(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => UpdatePortfolioPayload, { description: "Change a portfolio, including moving it under another parent." })
  async updatePortfolio(@Arg("input", () => UpdatePortfolioInput) input: UpdatePortfolioInput, @Ctx() ctx: Context) {
    return { portfolio: await service.updatePortfolio(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => ArchivePortfolioPayload, { description: "Archive a portfolio (hidden from lists unless asked for) or restore it." })
  async archivePortfolio(@Arg("input", () => ArchivePortfolioInput) input: ArchivePortfolioInput, @Ctx() ctx: Context) {
    return { portfolio: await service.archivePortfolio(ctx, input) };
  }
}
