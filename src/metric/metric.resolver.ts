import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Authorized, Info } from "type-graphql";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { ReadsKeysOnly } from "../graphql/projection";
import { planPage } from "../graphql/page-plan";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";
import { Metric } from "./metric.entity";
import {
  CreateMetricInput,
  CreateMetricPayload,
  MetricConnection,
  MetricFilter,
  MetricOrder,
  UpdateMetricInput,
  UpdateMetricPayload,
} from "./metric.inputs";
import * as service from "./metric.service";

@Resolver(() => Metric)
export class MetricResolver {
  @Authorized(Capability.READ)
  @Query(() => Metric, { nullable: true, description: "A metric by ID, or null when there is none." })
  metric(@Arg("id", () => ID, { description: "Global ID of the metric." }) id: string, @Ctx() ctx: Context) {
    return service.findMetric(ctx, id);
  }

  @Authorized(Capability.READ)
  @Query(() => Metric, { nullable: true, description: "A metric by its key (the handle scripts use), or null." })
  metricByKey(@Arg("key", () => String, { description: "The metric's key." }) key: string, @Ctx() ctx: Context) {
    return service.findMetricByKey(ctx, key);
  }

  @Authorized(Capability.READ)
  @Query(() => MetricConnection, { description: "Metrics (KPIs) across all portfolios unless filtered." })
  metrics(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => MetricFilter, { nullable: true, description: "Conditions to narrow the list." })
    filter: MetricFilter | null,
    @Arg("orderBy", () => MetricOrder, { nullable: true, description: "Sort order (default KEY ASC)." })
    orderBy: MetricOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listMetrics(ctx, filter, orderBy, planPage(ctx, info, page, Metric));
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Portfolio, {
    nullable: true,
    description: "The owning portfolio; null when you can see the metric only through a hypothesis, not its portfolio.",
  })
  portfolio(@Root() metric: Metric, @Ctx() ctx: Context) {
    return portfolioLoader(ctx).load(metric.portfolioId);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => CreateMetricPayload, { description: "Create a metric; a key already taken is CONFLICT." })
  async createMetric(@Arg("input", () => CreateMetricInput) input: CreateMetricInput, @Ctx() ctx: Context) {
    return { metric: await service.createMetric(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => UpdateMetricPayload, { description: "Change a metric (its key stays)." })
  async updateMetric(@Arg("input", () => UpdateMetricInput) input: UpdateMetricInput, @Ctx() ctx: Context) {
    return { metric: await service.updateMetric(ctx, input) };
  }
}

@Resolver(() => Portfolio)
export class PortfolioMetricsResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => MetricConnection, {
    description: "Metrics owned by this portfolio, or with `filter: {includeDescendants: true}` by its whole subtree.",
  })
  metrics(
    @Root() portfolio: Portfolio,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => MetricFilter, {
      nullable: true,
      description: "Conditions to narrow the list (portfolioId is ignored here; includeDescendants widens it to the subtree).",
    })
    filter: MetricFilter | null,
    @Arg("orderBy", () => MetricOrder, { nullable: true, description: "Sort order (default KEY ASC)." })
    orderBy: MetricOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.metricsOf(ctx, portfolio.rowId, filter, orderBy, planPage(ctx, info, page, Metric));
  }
}
