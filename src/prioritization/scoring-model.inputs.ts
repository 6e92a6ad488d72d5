import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { ConnectionType } from "../common/connection";
import { Initiative } from "../initiative/initiative.entity";
import { ScoringModel } from "./scoring-model.entity";

export const ScoringModelConnection = ConnectionType(ScoringModel, "ScoringModel");

@InputType({ description: "A criterion of a custom scoring model." })
export class ScoringCriterionInput {
  @Field(() => String, { description: "Stable handle (1–50 characters), unique in the model." })
  @Length(1, 50)
  key!: string;

  @Field(() => String, { description: "Display name." })
  @Length(1, 200)
  name!: string;

  @Field(() => Float, { description: "Relative weight (> 0)." })
  weight!: number;

  @Field(() => Float, { description: "Lowest value on the scale." })
  min!: number;

  @Field(() => Float, { description: "Highest value on the scale (> min)." })
  max!: number;
}

@InputType({ description: "A new custom scoring model for a portfolio." })
export class CreateScoringModelInput {
  @Field(() => ID, { description: "The portfolio that owns it." })
  portfolioId!: string;

  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Length(1, 200)
  name!: string;

  @Field(() => [ScoringCriterionInput], { description: "1–50 criteria." })
  criteria!: ScoringCriterionInput[];
}

@InputType({ description: "Changes to a scoring model; any change makes a new version." })
export class UpdateScoringModelInput {
  @Field(() => ID, { description: "The model." })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Fail with CONFLICT unless the model is at this version." })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: "New name." })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => [ScoringCriterionInput], { nullable: true, description: "New criteria (replace the old ones; values are kept by key)." })
  criteria?: ScoringCriterionInput[] | null;
}

@InputType({ description: "An initiative's value on one criterion." })
export class CriterionValueInput {
  @Field(() => String, { description: "The criterion's key." })
  key!: string;

  @Field(() => Float, { nullable: true, description: "The value, within the criterion's scale; null clears it." })
  value!: number | null;
}

@InputType({ description: "Set an initiative's values on a custom scoring model." })
export class SetInitiativeScoresInput {
  @Field(() => ID, { description: "The initiative." })
  initiativeId!: string;

  @Field(() => ID, { description: "The scoring model." })
  scoringModelId!: string;

  @Field(() => [CriterionValueInput], { description: "Values to set (others stay as they are)." })
  @ArrayMaxSize(50)
  scores!: CriterionValueInput[];
}

@ObjectType({ simpleResolvers: true, description: "Result of createScoringModel." })
export class CreateScoringModelPayload {
  @Field(() => ScoringModel, { description: "The new model (version 1)." })
  scoringModel!: ScoringModel;
}

@ObjectType({ simpleResolvers: true, description: "Result of updateScoringModel." })
export class UpdateScoringModelPayload {
  @Field(() => ScoringModel, { description: "The model at its new version." })
  scoringModel!: ScoringModel;
}

@ObjectType({ simpleResolvers: true, description: "An initiative's value on one criterion." })
export class CriterionValue {
  @Field(() => String, { description: "The criterion's key." })
  key!: string;

  @Field(() => Float, { nullable: true, description: "The value; null when not set." })
  value!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Result of setInitiativeScores." })
export class SetInitiativeScoresPayload {
  @Field(() => Initiative, { description: "The initiative." })
  initiative!: Initiative;

  @Field(() => ScoringModel, { description: "The model." })
  scoringModel!: ScoringModel;

  @Field(() => [CriterionValue], { description: "The initiative's values on every criterion of the model's current version." })
  scores!: CriterionValue[];
}
