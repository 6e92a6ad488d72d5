import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Authorized } from "type-graphql";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { ReadsKeysOnly } from "../graphql/projection";
import { planPage } from "../graphql/page-plan";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";
import { Initiative } from "./initiative.entity";
import {
  CreateInitiativeInput,
  CreateInitiativePayload,
  InitiativeConnection,
  InitiativeFilter,
  InitiativeOrder,
  UpdateInitiativeInput,
  UpdateInitiativePayload,
} from "./initiative.inputs";
import * as service from "./initiative.service";

@Resolver(() => Initiative)
export class InitiativeResolver {
  @Authorized(Capability.READ)
  @Query(() => Initiative, { nullable: true, description: "An initiative by ID, or null when there is none." })
  initiative(@Arg("id", () => ID, { description: "Global ID of the initiative." }) id: string, @Ctx() ctx: Context) {
    return service.findInitiative(ctx, id);
  }

  @Authorized(Capability.READ)
  @Query(() => InitiativeConnection, { description: "Initiatives across all portfolios unless filtered." })
  initiatives(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => InitiativeFilter, { nullable: true, description: "Conditions to narrow the list." })
    filter: InitiativeFilter | null,
    @Arg("orderBy", () => InitiativeOrder, { nullable: true, description: "Sort order (default NAME ASC)." })
    orderBy: InitiativeOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listInitiatives(ctx, filter, orderBy, planPage(ctx, info, page, Initiative));
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Portfolio, { description: "The portfolio the initiative belongs to." })
  portfolio(@Root() initiative: Initiative, @Ctx() ctx: Context) {
    return portfolioLoader(ctx).load(initiative.portfolioId);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => CreateInitiativePayload, { description: "Create an initiative in a portfolio." })
  async createInitiative(@Arg("input", () => CreateInitiativeInput) input: CreateInitiativeInput, @Ctx() ctx: Context) {
    return { initiative: await service.createInitiative(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => UpdateInitiativePayload, { description: "Change an initiative (stage, money, dates, tags …)." })
  async updateInitiative(@Arg("input", () => UpdateInitiativeInput) input: UpdateInitiativeInput, @Ctx() ctx: Context) {
    return { initiative: await service.updateInitiative(ctx, input) };
  }
}

@Resolver(() => Portfolio)
export class PortfolioInitiativesResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => InitiativeConnection, {
    description: "Initiatives of this portfolio: its own, or with `filter: {includeDescendants: true}` those of its whole subtree.",
  })
  initiatives(
    @Root() portfolio: Portfolio,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => InitiativeFilter, {
      nullable: true,
      description: "Conditions to narrow the list (portfolioId is ignored here; includeDescendants widens it to the subtree).",
    })
    filter: InitiativeFilter | null,
    @Arg("orderBy", () => InitiativeOrder, { nullable: true, description: "Sort order (default NAME ASC)." })
    orderBy: InitiativeOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.initiativesOf(ctx, portfolio.rowId, filter, orderBy, planPage(ctx, info, page, Initiative));
  }
}
