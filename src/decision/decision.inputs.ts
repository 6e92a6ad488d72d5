import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { LocalDate } from "../graphql/local-date";
import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { ConnectionType } from "../common/connection";
import { Initiative, InitiativeStage } from "../initiative/initiative.entity";
import { Portfolio } from "../portfolio/portfolio.entity";
import { SignalKind } from "../prioritization/prioritization.types";
import { Decision, FundingTranche } from "./decision.entity";
import { GateCriterion } from "./gates";
import { DecisionKind } from "./stage-moves";

export const DecisionConnection = ConnectionType(Decision, "Decision");
export const FundingTrancheConnection = ConnectionType(FundingTranche, "FundingTranche");

@InputType({ description: "An ADMIN's override of unmet gate criteria." })
export class GateOverrideInput {
  @Field(() => String, { description: "Why the criteria are set aside (recorded with the decision)." })
  @Length(1, 2000)
  reason!: string;
}

@InputType({ description: "A decision on an initiative (DOMAIN.md, “Decisions, stage gates and funding”)." })
export class RecordDecisionInput {
  @Field(() => ID, { description: "The initiative decided on." })
  initiativeId!: string;

  @Field(() => DecisionKind, { description: "What is decided; a kind whose stage move does not start from the initiative's stage is refused." })
  kind!: DecisionKind;

  @Field(() => String, { description: "Why (required, 1–10,000 characters)." })
  @Length(1, 10_000)
  rationale!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "When to review the decision (not in the past); required except for STOP and CLOSE.",
  })
  reviewBy?: string | null;

  @Field(() => [SignalKind], { defaultValue: [], description: "The signals this decision answers: they become ACKNOWLEDGED." })
  @ArrayMaxSize(20)
  acknowledges!: SignalKind[];

  @Field(() => [ID], { defaultValue: [], description: "RELEASE_FUNDS (at least one) or START: the PLANNED tranches to release." })
  @ArrayMaxSize(100)
  trancheIds!: string[];

  @Field(() => GateOverrideInput, { nullable: true, description: "ADMIN only: decide although gate criteria are unmet." })
  override?: GateOverrideInput | null;

  @Field(() => Int, { nullable: true, description: "The initiative's version you saw; CONFLICT when it changed since." })
  expectedVersion?: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Result of recordDecision." })
export class RecordDecisionPayload {
  @Field(() => Decision, { description: "The decision, with its frozen evidence." })
  decision!: Decision;

  @Field(() => Initiative, { description: "The initiative after it (its stage, version, released funding)." })
  initiative!: Initiative;
}

@InputType({ description: "A tranche to plan." })
export class TrancheInput {
  @Field(() => Float, { description: "Amount in the reporting currency (> 0)." })
  amount!: number;

  @Field(() => LocalDate, { description: "When it is planned to be released." })
  plannedDate!: string;
}

@InputType({ description: "Plan an initiative's funding in tranches, and cancel planned ones." })
export class PlanTranchesInput {
  @Field(() => ID, { description: "The initiative." })
  initiativeId!: string;

  @Field(() => [TrancheInput], { defaultValue: [], description: "New PLANNED tranches." })
  @ArrayMaxSize(100)
  add!: TrancheInput[];

  @Field(() => [ID], { defaultValue: [], description: "PLANNED tranches to cancel." })
  @ArrayMaxSize(100)
  cancel!: string[];
}

@ObjectType({ simpleResolvers: true, description: "Result of planTranches." })
export class PlanTranchesPayload {
  @Field(() => Initiative, { description: "The initiative; its `tranches` list the plan." })
  initiative!: Initiative;

  @Field(() => [FundingTranche], { description: "The tranches added, in input order." })
  added!: FundingTranche[];
}

@InputType({ description: "The criteria one stage's gate requires." })
export class GateInput {
  @Field(() => InitiativeStage, { description: "The stage entered." })
  stage!: InitiativeStage;

  @Field(() => [GateCriterion], { description: "What must hold to enter it (empty: nothing)." })
  @ArrayMaxSize(10)
  criteria!: GateCriterion[];
}

@InputType({ description: "A portfolio's gate policy, inherited by its subtree." })
export class SetGatePolicyInput {
  @Field(() => ID, { description: "The portfolio." })
  portfolioId!: string;

  @Field(() => [GateInput], {
    nullable: true,
    description: "The gates; a stage not listed has none. null removes the portfolio's own policy (it inherits again).",
  })
  @IsOptional()
  @ArrayMaxSize(10)
  gates?: GateInput[] | null;
}

@ObjectType({ simpleResolvers: true, description: "The criteria one stage's gate requires." })
export class Gate {
  @Field(() => InitiativeStage, { description: "The stage entered." })
  stage!: InitiativeStage;

  @Field(() => [GateCriterion], { description: "What must hold to enter it." })
  criteria!: GateCriterion[];
}

@ObjectType({ simpleResolvers: true, description: "The gate policy that applies to a portfolio." })
export class EffectiveGatePolicy {
  @Field(() => Portfolio, { nullable: true, description: "The portfolio that defines it (this one or above); null: the built-in default." })
  definedBy!: Portfolio | null;

  @Field(() => [Gate], { description: "The gates, by stage." })
  gates!: Gate[];
}

@ObjectType({ simpleResolvers: true, description: "Result of setGatePolicy." })
export class SetGatePolicyPayload {
  @Field(() => Portfolio, { description: "The portfolio." })
  portfolio!: Portfolio;

  @Field(() => EffectiveGatePolicy, { description: "The policy that now applies to it." })
  gatePolicy!: EffectiveGatePolicy;
}

@InputType({ description: "Put a raised signal aside until a date." })
export class SnoozeSignalInput {
  @Field(() => ID, { description: "The initiative the signal is raised on." })
  initiativeId!: string;

  @Field(() => SignalKind, { description: "Which signal." })
  kind!: SignalKind;

  @Field(() => LocalDate, { description: "The date it comes back (after today)." })
  until!: string;

  @Field(() => String, { description: "Why it is put aside (1–2,000 characters)." })
  @Length(1, 2000)
  reason!: string;
}

@ObjectType({ simpleResolvers: true, description: "Result of snoozeSignal." })
export class SnoozeSignalPayload {
  @Field(() => Initiative, { description: "The initiative; its `signals` show the state." })
  initiative!: Initiative;

  @Field(() => LocalDate, { description: "The date the signal comes back." })
  until!: string;
}

@InputType({ description: "Narrows a decision list." })
export class DecisionFilter {
  @Field(() => [DecisionKind], { nullable: true, description: "Only these kinds." })
  kinds?: DecisionKind[] | null;

  @Field(() => Date, { nullable: true, description: "Decided at or after this instant." })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: "Decided before this instant." })
  until?: Date | null;

  @Field(() => Boolean, { defaultValue: false, description: "On `Portfolio.decisions`: also decisions on initiatives of every portfolio below it." })
  includeDescendants!: boolean;
}
