import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { IsOptional, Length, Max, Min } from "class-validator";
import { MAX_MONEY } from "../common/money";
import { ConnectionType } from "../common/connection";
import { OrderInput } from "../common/order";
import { HypothesisState, OutcomeHypothesis } from "./hypothesis.entity";

export enum OutcomeHypothesisOrderField {
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
  TARGET_DATE = "TARGET_DATE",
}
registerEnumType(OutcomeHypothesisOrderField, {
  name: "OutcomeHypothesisOrderField",
  description: "Fields a hypothesis list can be sorted by.",
  valuesConfig: {
    CREATED_AT: { description: "By creation time." },
    UPDATED_AT: { description: "By last change." },
    TARGET_DATE: { description: "By target date." },
  },
});
export const OutcomeHypothesisOrder = OrderInput(OutcomeHypothesisOrderField, "OutcomeHypothesis", OutcomeHypothesisOrderField.CREATED_AT);
export type OutcomeHypothesisOrder = InstanceType<typeof OutcomeHypothesisOrder>;

export const OutcomeHypothesisConnection = ConnectionType(OutcomeHypothesis, "OutcomeHypothesis");

@InputType({ description: "Narrows a hypothesis list; all given conditions must hold." })
export class OutcomeHypothesisFilter {
  @Field(() => ID, { nullable: true, description: "Only hypotheses of this initiative." })
  initiativeId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only hypotheses about this metric." })
  metricId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only hypotheses of initiatives in this portfolio or below it." })
  portfolioId?: string | null;

  @Field(() => [HypothesisState], { nullable: true, description: "Only hypotheses in one of these states." })
  states?: HypothesisState[] | null;
}

@InputType({ description: "A new outcome hypothesis: initiative X will move metric Y from B to T by D." })
export class CreateOutcomeHypothesisInput {
  @Field(() => ID, { description: "The initiative that should move the metric." })
  initiativeId!: string;

  @Field(() => ID, { description: "The metric it should move." })
  metricId!: string;

  @Field(() => String, { description: "The hypothesis in words, 1–2000 characters." })
  @Length(1, 2000)
  statement!: string;

  @Field(() => Float, { description: "The metric's value at baselineAt." })
  baseline!: number;

  @Field(() => Date, { description: "When the baseline was true." })
  baselineAt!: Date;

  @Field(() => Float, { description: "The value to reach; on the metric's better side of the baseline." })
  target!: number;

  @Field(() => Date, { description: "When the target should be reached (after baselineAt)." })
  targetDate!: Date;

  @Field(() => Float, { nullable: true, description: "Relative importance in rollups (> 0, default 1)." })
  weight?: number | null;

  @Field(() => Float, { nullable: true, description: "Money the outcome is worth if fully achieved (≥ 0, default 0)." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  expectedBenefit?: number | null;

  @Field(() => HypothesisState, { nullable: true, description: "Initial state (default ACTIVE)." })
  state?: HypothesisState | null;
}

@InputType({ description: "Changes to a hypothesis; omitted fields stay as they are." })
export class UpdateOutcomeHypothesisInput {
  @Field(() => ID, { description: "The hypothesis to change." })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Fail with CONFLICT unless the hypothesis is at this version." })
  expectedVersion?: number | null;

  @Field(() => ID, { nullable: true, description: "Point it at another metric." })
  metricId?: string | null;

  @Field(() => String, { nullable: true, description: "New statement, 1–2000 characters." })
  @IsOptional()
  @Length(1, 2000)
  statement?: string | null;

  @Field(() => Float, { nullable: true, description: "New baseline." })
  baseline?: number | null;

  @Field(() => Date, { nullable: true, description: "New baseline instant." })
  baselineAt?: Date | null;

  @Field(() => Float, { nullable: true, description: "New target (on the metric's better side of the baseline)." })
  target?: number | null;

  @Field(() => Date, { nullable: true, description: "New target date (after baselineAt)." })
  targetDate?: Date | null;

  @Field(() => Float, { nullable: true, description: "New weight (> 0)." })
  weight?: number | null;

  @Field(() => Float, { nullable: true, description: "New expected benefit (≥ 0)." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  expectedBenefit?: number | null;

  @Field(() => HypothesisState, { nullable: true, description: "New state." })
  state?: HypothesisState | null;
}

@ObjectType({ simpleResolvers: true, description: "Result of createOutcomeHypothesis." })
export class CreateOutcomeHypothesisPayload {
  @Field(() => OutcomeHypothesis, { description: "The new hypothesis." })
  outcomeHypothesis!: OutcomeHypothesis;
}

@ObjectType({ simpleResolvers: true, description: "Result of updateOutcomeHypothesis." })
export class UpdateOutcomeHypothesisPayload {
  @Field(() => OutcomeHypothesis, { description: "The changed hypothesis." })
  outcomeHypothesis!: OutcomeHypothesis;
}
