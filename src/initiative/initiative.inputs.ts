import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { LocalDate } from "../graphql/local-date";
import { ArrayMaxSize, IsOptional, Length, Max, Min } from "class-validator";
import { MAX_MONEY } from "../common/money";
import { ConnectionType } from "../common/connection";
import { OrderInput } from "../common/order";
import { Initiative, InitiativeStage } from "./initiative.entity";
import { RICE_IMPACT_CHOICES, WSJF_CHOICES } from "./scoring-inputs";

export enum InitiativeOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
  STAGE = "STAGE",
}
registerEnumType(InitiativeOrderField, {
  name: "InitiativeOrderField",
  description: "Fields an initiative list can be sorted by.",
  valuesConfig: {
    NAME: { description: "By name." },
    CREATED_AT: { description: "By creation time." },
    UPDATED_AT: { description: "By last change." },
    STAGE: { description: "By life-cycle stage, IDEA first." },
  },
});
export const InitiativeOrder = OrderInput(InitiativeOrderField, "Initiative", InitiativeOrderField.NAME);
export type InitiativeOrder = InstanceType<typeof InitiativeOrder>;

export const InitiativeConnection = ConnectionType(Initiative, "Initiative");

@InputType({ description: "Narrows an initiative list; all given conditions must hold." })
export class InitiativeFilter {
  @Field(() => ID, { nullable: true, description: "Only initiatives of this portfolio (see includeDescendants)." })
  portfolioId?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "With portfolioId, or on `Portfolio.initiatives`: also initiatives of every portfolio below it.",
  })
  includeDescendants!: boolean;

  @Field(() => [InitiativeStage], { nullable: true, description: "Only initiatives in one of these stages." })
  stages?: InitiativeStage[] | null;

  @Field(() => [String], { nullable: true, description: "Only initiatives carrying all of these tags." })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: "Name contains this text (case-insensitive)." })
  nameContains?: string | null;
}

/**
 * The prioritization inputs, shared by create and update; null clears one. Values are
 * checked against the WSJF scale and RICE ranges in the service (BAD_USER_INPUT naming the field).
 */
@InputType()
export abstract class InitiativeScoringInput {
  @Field(() => Int, { nullable: true, description: `WSJF business value: ${WSJF_CHOICES}.` })
  businessValue?: number | null;

  @Field(() => Int, { nullable: true, description: `WSJF time criticality: ${WSJF_CHOICES}.` })
  timeCriticality?: number | null;

  @Field(() => Int, { nullable: true, description: `WSJF risk reduction / opportunity enablement: ${WSJF_CHOICES}.` })
  riskReduction?: number | null;

  @Field(() => Int, { nullable: true, description: `WSJF job size: ${WSJF_CHOICES}.` })
  jobSize?: number | null;

  @Field(() => Float, { nullable: true, description: "RICE reach per quarter (≥ 0)." })
  reach?: number | null;

  @Field(() => Float, { nullable: true, description: `RICE impact: ${RICE_IMPACT_CHOICES}.` })
  impact?: number | null;

  @Field(() => Float, { nullable: true, description: "RICE confidence, 0 to 1." })
  confidence?: number | null;

  @Field(() => Float, { nullable: true, description: "RICE effort in person-months (> 0)." })
  effort?: number | null;
}

@InputType({ description: "A new initiative." })
export class CreateInitiativeInput extends InitiativeScoringInput {
  @Field(() => ID, { description: "The portfolio it belongs to." })
  portfolioId!: string;

  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: "What it does and why." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Who delivers it." })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: "Who pays for it and answers for its outcomes." })
  sponsor?: string | null;

  @Field(() => InitiativeStage, { nullable: true, description: "Life-cycle stage (default IDEA)." })
  stage?: InitiativeStage | null;

  @Field(() => Float, { nullable: true, description: "Planned cost (≥ 0)." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  budget?: number | null;

  @Field(() => Float, { nullable: true, description: "Spent to date (≥ 0)." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  actualCost?: number | null;

  @Field(() => LocalDate, { nullable: true, description: "Planned start." })
  startDate?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Planned delivery (≥ startDate)." })
  targetDate?: string | null;

  @Field(() => [String], { nullable: true, description: "Labels (at most 50, each 1–50 characters)." })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 50, { each: true })
  tags?: string[] | null;
}

@InputType({ description: "Changes to an initiative; omitted fields stay as they are, null clears." })
export class UpdateInitiativeInput extends InitiativeScoringInput {
  @Field(() => ID, { description: "The initiative to change." })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Fail with CONFLICT unless the initiative is at this version." })
  expectedVersion?: number | null;

  @Field(() => ID, { nullable: true, description: "Move it to another portfolio." })
  portfolioId?: string | null;

  @Field(() => String, { nullable: true, description: "New name, 1–200 characters." })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "New owner." })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: "New sponsor." })
  sponsor?: string | null;

  @Field(() => Float, { nullable: true, description: "New budget (≥ 0); null clears it." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  budget?: number | null;

  @Field(() => Float, { nullable: true, description: "New spend to date (≥ 0); null clears it." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  actualCost?: number | null;

  @Field(() => LocalDate, { nullable: true, description: "New planned start; null clears it." })
  startDate?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "New planned delivery; null clears it." })
  targetDate?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces the tags (at most 50, each 1–50 characters)." })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 50, { each: true })
  tags?: string[] | null;
}

@ObjectType({ simpleResolvers: true, description: "Result of createInitiative." })
export class CreateInitiativePayload {
  @Field(() => Initiative, { description: "The new initiative." })
  initiative!: Initiative;
}

@ObjectType({ simpleResolvers: true, description: "Result of updateInitiative." })
export class UpdateInitiativePayload {
  @Field(() => Initiative, { description: "The changed initiative." })
  initiative!: Initiative;
}
