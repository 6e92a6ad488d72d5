import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Resolver, Root, Info } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Readable } from "../graphql/readable";
import { ReadsKeysOnly } from "../graphql/projection";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { Metric } from "../metric/metric.entity";
import { metricLoader } from "../metric/metric.service";
import { Measurement, MeasurementRevision } from "./measurement.entity";
import { MeasurementConnection, MeasurementFilter, MeasurementOrder } from "./measurement.inputs";
import * as service from "./measurement.service";

@Resolver(() => Measurement)
export class MeasurementResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Metric, { description: "The metric observed." })
  metric(@Root() m: Measurement, @Ctx() ctx: Context) {
    return metricLoader(ctx).load(m.metricId);
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => [MeasurementRevision], {
    description: "Values this measurement had before corrections replaced them, oldest first (empty when never corrected).",
  })
  revisions(@Root() m: Measurement, @Ctx() ctx: Context) {
    return service.revisionsOf(ctx, m.rowId);
  }
}

@Resolver(() => Metric)
export class MetricMeasurementsResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => MeasurementConnection, { description: "Observations of this metric, newest first unless ordered otherwise." })
  measurements(
    @Root() metric: Metric,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => MeasurementFilter, { nullable: true, description: "Time window and sources." })
    filter: MeasurementFilter | null,
    @Arg("orderBy", () => MeasurementOrder, { nullable: true, description: "Sort order (default OBSERVED_AT DESC)." })
    orderBy: MeasurementOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.measurementsOf(ctx, metric.rowId, filter, orderBy, planPage(ctx, info, page, Measurement));
  }
}
