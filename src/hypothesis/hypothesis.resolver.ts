import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Authorized } from "type-graphql";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { ReadsKeysOnly } from "../graphql/projection";
import { computedInPage, planPage } from "../graphql/page-plan";
import { Initiative } from "../initiative/initiative.entity";
import { initiativeLoader } from "../initiative/initiative.service";
import { Metric } from "../metric/metric.entity";
import { metricLoader } from "../metric/metric.service";
import { OutcomeHypothesis } from "./hypothesis.entity";
import {
  CreateOutcomeHypothesisInput,
  CreateOutcomeHypothesisPayload,
  OutcomeHypothesisConnection,
  OutcomeHypothesisFilter,
  OutcomeHypothesisOrder,
  UpdateOutcomeHypothesisInput,
  UpdateOutcomeHypothesisPayload,
} from "./hypothesis.inputs";
import * as service from "./hypothesis.service";

// a page of hypotheses joins in the metric its nodes select (one statement, not one more per page)
computedInPage<Context>("OutcomeHypothesis", "metric", (ctx, selection) =>
  service.metricExtension(ctx, selection.columnsOf(Metric), selection.joined<Metric>("hm")),
);

@Resolver(() => OutcomeHypothesis)
export class OutcomeHypothesisResolver {
  @Authorized(Capability.READ)
  @Query(() => OutcomeHypothesis, { nullable: true, description: "An outcome hypothesis by ID, or null when there is none." })
  outcomeHypothesis(@Arg("id", () => ID, { description: "Global ID of the hypothesis." }) id: string, @Ctx() ctx: Context) {
    return service.findHypothesis(ctx, id);
  }

  @Authorized(Capability.READ)
  @Query(() => OutcomeHypothesisConnection, { description: "Outcome hypotheses across all initiatives unless filtered." })
  outcomeHypotheses(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => OutcomeHypothesisFilter, { nullable: true, description: "Conditions to narrow the list." })
    filter: OutcomeHypothesisFilter | null,
    @Arg("orderBy", () => OutcomeHypothesisOrder, { nullable: true, description: "Sort order (default CREATED_AT ASC)." })
    orderBy: OutcomeHypothesisOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listHypotheses(ctx, filter, orderBy, planPage(ctx, info, page, OutcomeHypothesis));
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Initiative, { description: "The initiative expected to move the metric." })
  initiative(@Root() h: OutcomeHypothesis, @Ctx() ctx: Context) {
    return initiativeLoader(ctx).load(h.initiativeId);
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Metric, { description: "The metric it is expected to move." })
  metric(@Root() h: OutcomeHypothesis, @Ctx() ctx: Context) {
    return service.prefetchedMetric(h) ?? metricLoader(ctx).load(h.metricId);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => CreateOutcomeHypothesisPayload, { description: "State a new outcome hypothesis for an initiative." })
  async createOutcomeHypothesis(@Arg("input", () => CreateOutcomeHypothesisInput) input: CreateOutcomeHypothesisInput, @Ctx() ctx: Context) {
    return { outcomeHypothesis: await service.createHypothesis(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => UpdateOutcomeHypothesisPayload, { description: "Change an outcome hypothesis, including its state." })
  async updateOutcomeHypothesis(@Arg("input", () => UpdateOutcomeHypothesisInput) input: UpdateOutcomeHypothesisInput, @Ctx() ctx: Context) {
    return { outcomeHypothesis: await service.updateHypothesis(ctx, input) };
  }
}

@Resolver(() => Initiative)
export class InitiativeHypothesesResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => OutcomeHypothesisConnection, { description: "The outcome hypotheses that justify this initiative." })
  hypotheses(
    @Root() initiative: Initiative,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => OutcomeHypothesisFilter, { nullable: true, description: "Conditions to narrow the list (initiativeId is ignored here)." })
    filter: OutcomeHypothesisFilter | null,
    @Arg("orderBy", () => OutcomeHypothesisOrder, { nullable: true, description: "Sort order (default CREATED_AT ASC)." })
    orderBy: OutcomeHypothesisOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.hypothesesOf(ctx, initiative.rowId, filter, orderBy, planPage(ctx, info, page, OutcomeHypothesis));
  }
}
