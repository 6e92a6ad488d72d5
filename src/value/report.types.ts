import { Field, Float, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../common/connection";
import { HypothesisState } from "../hypothesis/hypothesis.entity";
import { InitiativeStage } from "../initiative/initiative.entity";
import { ProgressStatus } from "./progress";
import "./progress.types";

@InputType({ description: "Narrows the value report; all given conditions must hold." })
export class ValueReportFilter {
  @Field(() => [HypothesisState], {
    nullable: true,
    description: "Hypothesis states to include (default: the counted ones, ACTIVE, VALIDATED and INVALIDATED).",
  })
  states?: HypothesisState[] | null;

  @Field(() => [ProgressStatus], { nullable: true, description: "Only rows with one of these statuses (as of `asOf`)." })
  statuses?: ProgressStatus[] | null;

  @Field(() => String, { nullable: true, description: "Only hypotheses on the metric with this key." })
  metricKey?: string | null;

  @Field(() => ID, { nullable: true, description: "Only hypotheses of this initiative." })
  initiativeId?: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "One row of the value report: one outcome hypothesis and its progress as of the report's instant.",
})
export class ValueReportRow {
  @Field(() => Date, { description: "The instant the row is evaluated at (the report's `asOf`, default its knownAt)." })
  asOf!: Date;

  @Field(() => Date, {
    description: "The record time the row was computed at (the report's `knownAt`, default now). Store it with the figures to reproduce them.",
  })
  knownAt!: Date;

  @Field(() => ID, { description: "Global ID of the portfolio holding the initiative." })
  portfolioId!: string;

  @Field(() => String, { description: "Name of that portfolio." })
  portfolioName!: string;

  @Field(() => String, {
    description:
      'The names from the root down to that portfolio, joined by " / " (e.g. "Acme Group / Digital Commerce / Online Storefront"): groups rows in a BI tool.',
  })
  portfolioPath!: string;

  @Field(() => ID, { description: "Global ID of the initiative." })
  initiativeId!: string;

  @Field(() => String, { description: "Name of the initiative." })
  initiativeName!: string;

  @Field(() => InitiativeStage, { description: "The initiative's stage." })
  stage!: InitiativeStage;

  @Field(() => [String], { description: "The initiative's tags." })
  tags!: string[];

  @Field(() => Float, { nullable: true, description: "The initiative's approved budget, in the reporting currency; null when not set." })
  budget!: number | null;

  @Field(() => Float, { nullable: true, description: "The initiative's cost so far, in the reporting currency; null when not reported." })
  actualCost!: number | null;

  @Field(() => ID, { description: "Global ID of the outcome hypothesis." })
  hypothesisId!: string;

  @Field(() => String, { description: 'The hypothesis as stated ("X will move Y from B to T by D").' })
  statement!: string;

  @Field(() => HypothesisState, { description: "State of the hypothesis." })
  state!: HypothesisState;

  @Field(() => Float, { description: "Weight of the hypothesis in rollups." })
  weight!: number;

  @Field(() => String, { description: "Key of the metric the hypothesis moves." })
  metricKey!: string;

  @Field(() => String, { description: "Name of that metric." })
  metricName!: string;

  @Field(() => String, { nullable: true, description: "Unit of that metric." })
  metricUnit!: string | null;

  @Field(() => Float, { description: "Baseline value." })
  baseline!: number;

  @Field(() => Date, { description: "When the baseline was true." })
  baselineAt!: Date;

  @Field(() => Float, { description: "Target value." })
  target!: number;

  @Field(() => Date, { description: "When the target should be reached." })
  targetDate!: Date;

  @Field(() => Float, { nullable: true, description: "Current value (see HypothesisProgress.current); null without data." })
  current!: number | null;

  @Field(() => Float, { nullable: true, description: "(current − baseline) / (target − baseline), not clamped; null without data." })
  ratio!: number | null;

  @Field(() => Float, { description: "Share of the time to targetDate passed at asOf, in [0, 1]." })
  expectedRatio!: number;

  @Field(() => ProgressStatus, { description: "Progress status as of asOf." })
  status!: ProgressStatus;

  @Field(() => Float, { description: "Money the outcome is worth if fully achieved." })
  expectedBenefit!: number;

  @Field(() => Float, { description: "expectedBenefit · clamp(ratio, 0, 1); 0 without data." })
  realizedBenefit!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The least-squares line's value at targetDate (see HypothesisProgress.forecastAtTarget); null with too little data.",
  })
  forecastAtTarget!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "forecastAtTarget as a ratio: (forecastAtTarget − baseline) / (target − baseline), not clamped.",
  })
  forecastRatio!: number | null;

  @Field(() => Date, { nullable: true, description: "When the line reaches the target, if it moves towards it; null otherwise." })
  forecastAchievedAt!: Date | null;
}

export const ValueReportConnection = ConnectionType(ValueReportRow, "ValueReport");
