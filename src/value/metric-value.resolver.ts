import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { ReadsKeysOnly, selectedColumns } from "../graphql/projection";
import { Readable } from "../graphql/readable";
import { Context } from "../context";
import { Measurement } from "../measurement/measurement.entity";
import { Metric } from "../metric/metric.entity";
import { SeriesInterval } from "./metric-value";
import { latestJoin, latestMeasurement, metricSeries, metricStale } from "./metric-value.service";
import { computedInJoin } from "../graphql/page-plan";
import { SeriesPoint } from "./metric-value.types";
import { KNOWN_AT_ARG } from "../graphql/known-at";
import { valueTime } from "./as-of";

// a page that joins metrics in (a dashboard's hypotheses) computes their latest in the same statement
computedInJoin<Context>("Metric", "latest", (ctx, selection, alias) =>
  latestJoin(ctx, valueTime(ctx, null, selection.args.knownAt as Date | null).knownAt, selection.columnsOf(Measurement), alias),
);

@Resolver(() => Metric)
export class MetricValueResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => Measurement, {
    nullable: true,
    description:
      "The counted measurement with the greatest observedAt (ties: the latest recorded); null before the first one. At a past knownAt, with the value it had then.",
  })
  latest(
    @Root() metric: Metric,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return latestMeasurement(ctx, metric, valueTime(ctx, null, knownAt).knownAt, selectedColumns(ctx, Measurement, info));
  }

  @Readable()
  @FieldResolver(() => Boolean, {
    description:
      "True when a cadence is set and the latest observation is more than twice the cadence old (DAILY 1, WEEKLY 7, MONTHLY 30, QUARTERLY 91 days), or there is none yet.",
  })
  stale(@Root() metric: Metric, @Ctx() ctx: Context) {
    return metricStale(ctx, metric);
  }

  @Readable()
  @FieldResolver(() => [SeriesPoint], {
    description:
      "Measurements of [from, to) in calendar buckets (UTC), combined by the metric's aggregation; empty buckets have value null and count 0. At most 1000 buckets.",
    complexity: 20,
  })
  series(
    @Root() metric: Metric,
    @Arg("from", () => Date, { description: "Start of the range (inclusive); the first bucket is the one containing it." })
    from: Date,
    @Arg("to", () => Date, { description: "End of the range (exclusive); must be after `from`." })
    to: Date,
    @Arg("interval", () => SeriesInterval, { description: "Bucket size." })
    interval: SeriesInterval,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Ctx() ctx: Context,
  ) {
    return metricSeries(ctx, metric, from, to, interval, valueTime(ctx, null, knownAt).knownAt);
  }
}
