import { Field, Float, Int, ObjectType } from "type-graphql";
import { ProgressStatus } from "./progress";
import "./progress.types";

@ObjectType({ simpleResolvers: true, description: "How many counted hypotheses have one status." })
export class StatusCount {
  @Field(() => ProgressStatus, { description: "The status." })
  status!: ProgressStatus;

  @Field(() => Int, { description: "Counted hypotheses (states ACTIVE, VALIDATED, INVALIDATED) with this status." })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "Value realization rolled up over an initiative or a portfolio (DOMAIN.md, “Value realization”). Hypothesis figures count states ACTIVE, VALIDATED and INVALIDATED; money counts every initiative in scope whatever its stage. Amounts are in the reporting currency.",
})
export class ValueSummary {
  @Field(() => Date, { description: "The instant the summary is evaluated at (world time: observations made by then count)." })
  asOf!: Date;

  @Field(() => Date, {
    description: "The record time it was computed at: what the service had recorded by then counts. Store it with the figure to reproduce it.",
  })
  knownAt!: Date;

  @Field(() => Int, { description: "Counted hypotheses (states ACTIVE, VALIDATED, INVALIDATED)." })
  hypothesisCount!: number;

  @Field(() => [StatusCount], { description: "Counted hypotheses per status; every status is listed, with 0 where none." })
  statusCounts!: StatusCount[];

  @Field(() => Float, {
    nullable: true,
    description: "Σ weight·clamp(ratio, 0, 1) / Σ weight over counted hypotheses with data; null when none has data.",
  })
  weightedProgress!: number | null;

  @Field(() => Float, { description: "Σ expectedBenefit of the counted hypotheses." })
  expectedBenefit!: number;

  @Field(() => Float, { description: "Σ expectedBenefit·clamp(ratio, 0, 1) of the counted hypotheses (NO_DATA counts 0)." })
  realizedBenefit!: number;

  @Field(() => Float, { description: "Σ actualCost over every initiative in scope (missing counts 0)." })
  investment!: number;

  @Field(() => Float, { description: "Σ budget over every initiative in scope (missing counts 0)." })
  plannedInvestment!: number;

  @Field(() => Float, { nullable: true, description: "realizedBenefit / investment; null when investment is 0." })
  benefitCostRatio!: number | null;
}
