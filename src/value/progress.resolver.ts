import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { Readable } from "../graphql/readable";
import { ReadsKeysOnly } from "../graphql/projection";
import { Context } from "../context";
import { OutcomeHypothesis } from "../hypothesis/hypothesis.entity";
import { valueTime } from "./as-of";
import { KNOWN_AT_ARG } from "../graphql/known-at";
import { hypothesisProgress, progressExtension, selectsForecast } from "./progress.service";
import { progressSeries } from "./progress-series.service";
import { SeriesInterval } from "./metric-value";
import { computedInPage } from "../graphql/page-plan";
import { subfieldNames } from "../graphql/lookahead";
import { HypothesisProgress, ProgressPoint } from "./progress.types";

// a page of hypotheses computes the progress its nodes select in its own statement
computedInPage<Context>("OutcomeHypothesis", "progress", (ctx, selection) =>
  progressExtension(valueTime(ctx, selection.args.asOf as Date | null, selection.args.knownAt as Date | null), selectsForecast(selection.subfields)),
);

@Resolver(() => OutcomeHypothesis)
export class HypothesisProgressResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => HypothesisProgress, {
    description: "Progress towards the target as of an instant: current value, ratio, status and a least-squares forecast.",
    complexity: 5,
  })
  progress(
    @Root() hypothesis: OutcomeHypothesis,
    @Arg("asOf", () => Date, {
      nullable: true,
      description: "Evaluate as of this instant (default: knownAt, else now). Only measurements observed at or before it count.",
    })
    asOf: Date | null,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return hypothesisProgress(ctx, hypothesis, valueTime(ctx, asOf, knownAt), selectsForecast(subfieldNames(info, info.fieldNodes)));
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => [ProgressPoint], {
    description:
      "Progress at the end of every calendar bucket (UTC) of [from, to): ratio, expectedRatio and status per period, for a status history or a burn-up chart. At most 1000 buckets.",
    complexity: 20,
  })
  progressSeries(
    @Root() hypothesis: OutcomeHypothesis,
    @Arg("from", () => Date, { description: "Start of the range (inclusive); the first bucket is the one containing it." }) from: Date,
    @Arg("to", () => Date, { description: "End of the range (exclusive); must be after `from`." }) to: Date,
    @Arg("interval", () => SeriesInterval, { description: "Bucket size." }) interval: SeriesInterval,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Ctx() ctx: Context,
  ) {
    return progressSeries(ctx, hypothesis, from, to, interval, valueTime(ctx, null, knownAt).knownAt);
  }
}
