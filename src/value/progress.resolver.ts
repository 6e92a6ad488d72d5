import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { Readable } from "../auth/capabilities";
import { ReadsKeysOnly } from "../common/projection";
import { Context } from "../context";
import { OutcomeHypothesis } from "../hypothesis/hypothesis.entity";
import { resolveAsOf } from "./as-of";
import { hypothesisProgress, selectsForecast } from "./progress.service";
import { HypothesisProgress } from "./progress.types";

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
    @Arg("asOf", () => Date, { nullable: true, description: "Evaluate as of this instant (default: now). Only measurements observed at or before it count." })
    asOf: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return hypothesisProgress(ctx, hypothesis, resolveAsOf(ctx, asOf), selectsForecast(info, info.fieldNodes));
  }
}
