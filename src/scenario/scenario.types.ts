import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Length } from "class-validator";
import { InitiativeStage } from "../initiative/initiative.entity";
import { RankingModel } from "../prioritization/prioritization.types";
import { ConnectionType } from "../common/connection";
import { Scenario } from "./scenario.entity";

export const ScenarioConnection = ConnectionType(Scenario, "Scenario");

export enum ScenarioItemReason {
  SELECTED = "SELECTED",
  MUST_INCLUDE = "MUST_INCLUDE",
  OVER_BUDGET = "OVER_BUDGET",
  EXCLUDED = "EXCLUDED",
  NO_BUDGET = "NO_BUDGET",
  NO_SCORE = "NO_SCORE",
  NOT_A_CANDIDATE = "NOT_A_CANDIDATE",
}
registerEnumType(ScenarioItemReason, {
  name: "ScenarioItemReason",
  description: "Why an initiative sits where it does in a plan.",
  valuesConfig: {
    SELECTED: { description: "Chosen by the optimizer." },
    MUST_INCLUDE: { description: "Chosen because the input said so." },
    OVER_BUDGET: { description: "Deferred: the best plan within the budget leaves it out." },
    EXCLUDED: { description: "Deferred because the input said so." },
    NO_BUDGET: { description: "Cannot be planned: it has no budget." },
    NO_SCORE: { description: "Cannot be planned: the model gives it no score." },
    NOT_A_CANDIDATE: { description: "In flight today but its stage is not among the scenario's stages." },
  },
});

/** The inputs of planScenario; saveScenario takes the same plus a name. */
@InputType({ description: "What to plan: the money available, the model and the constraints." })
export class PlanScenarioInput {
  @Field(() => ID, { description: "The portfolio whose initiatives compete." })
  portfolioId!: string;

  @Field(() => Float, { description: "Money available for the remaining cost of the chosen initiatives (≥ 0)." })
  budget!: number;

  @Field(() => RankingModel, { defaultValue: RankingModel.WSJF, description: "The score to maximise." })
  model!: RankingModel;

  @Field(() => ID, { nullable: true, description: "CUSTOM: the scoring model." })
  scoringModelId?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: "Candidates from the whole subtree (default) or only this portfolio." })
  includeDescendants!: boolean;

  @Field(() => [InitiativeStage], {
    nullable: true,
    description: "Stages that compete (default IDEA, PROPOSED, APPROVED, IN_DELIVERY).",
  })
  stages?: InitiativeStage[] | null;

  @Field(() => [ID], { defaultValue: [], description: "Initiatives the plan must contain." })
  mustInclude!: string[];

  @Field(() => [ID], { defaultValue: [], description: "Initiatives the plan must leave out." })
  exclude!: string[];

  @Field(() => Date, {
    nullable: true,
    description:
      "Plan from what the service had recorded at this instant: candidates, stages, costs and scores then (default: the operation's @knownAt, else now).",
  })
  knownAt?: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: "Costs are rounded up (and the budget down) to a multiple of this, for the exact optimizer; default: chosen from the budget.",
  })
  costUnit?: number | null;
}

@InputType({ description: "Plan and keep a scenario." })
export class SaveScenarioInput extends PlanScenarioInput {
  @Field(() => String, { description: "A name for it, 1–200 characters." })
  @Length(1, 200)
  name!: string;
}

@ObjectType({ simpleResolvers: true, description: "An initiative's place in a plan." })
export class ScenarioItem {
  initiativeRowId!: string;

  @Field(() => String, { description: "The initiative's name when the plan was made." })
  initiativeName!: string;

  @Field(() => InitiativeStage, { description: "Its stage when the plan was made." })
  stage!: InitiativeStage;

  @Field(() => Float, { nullable: true, description: "Its score under the plan's model." })
  score!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "What it still costs: budget − actualCost when IN_DELIVERY (not below 0), its budget otherwise.",
  })
  remainingCost!: number | null;

  @Field(() => ScenarioItemReason, { description: "Why it is where it is." })
  reason!: ScenarioItemReason;
}

@ObjectType({ simpleResolvers: true, description: "The best selection of initiatives under a budget, and what it changes." })
export class ScenarioPlan {
  @Field(() => Float, { description: "Money available." })
  budget!: number;

  @Field(() => RankingModel, { description: "The score maximised." })
  model!: RankingModel;

  @Field(() => Int, { nullable: true, description: "CUSTOM: the scoring model version used." })
  scoringModelVersion!: number | null;

  @Field(() => Float, { description: "The cost unit the optimizer rounded to." })
  costUnit!: number;

  @Field(() => Float, { description: "Σ remaining cost of the selected initiatives." })
  totalCost!: number;

  @Field(() => Float, { description: "Σ score of the selected initiatives (the maximum possible)." })
  totalScore!: number;

  @Field(() => Float, { description: "budget − totalCost." })
  remainingBudget!: number;

  @Field(() => Boolean, { description: "True when the must-include initiatives alone cost more than the budget (then nothing is selected)." })
  infeasible!: boolean;

  @Field(() => Float, { description: "How far the must-include initiatives exceed the budget (0 unless infeasible)." })
  overshoot!: number;

  @Field(() => [ScenarioItem], { description: "Chosen, best score first." })
  selected!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "Candidates left out (over budget or excluded)." })
  deferred!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "Candidates that cannot be planned (no budget or no score)." })
  unplannable!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "Selected but not in delivery today: would start." })
  entering!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "In delivery today but not selected: would stop." })
  leaving!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "In delivery today and selected: continue." })
  continuing!: ScenarioItem[];
}

@ObjectType({ simpleResolvers: true, description: "Result of saveScenario." })
export class SaveScenarioPayload {
  @Field(() => Scenario, { description: "The saved scenario." })
  scenario!: Scenario;
}

@ObjectType({ simpleResolvers: true, description: "Two saved scenarios side by side." })
export class ScenarioComparison {
  @Field(() => Scenario, { description: "The first scenario." })
  a!: Scenario;

  @Field(() => Scenario, { description: "The second scenario." })
  b!: Scenario;

  @Field(() => [ScenarioItem], { description: "Selected in a only." })
  onlyInA!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "Selected in b only." })
  onlyInB!: ScenarioItem[];

  @Field(() => [ScenarioItem], { description: "Selected in both (as in b)." })
  inBoth!: ScenarioItem[];

  @Field(() => Float, { description: "b.budget − a.budget." })
  budgetDelta!: number;

  @Field(() => Float, { description: "b.totalCost − a.totalCost." })
  totalCostDelta!: number;

  @Field(() => Float, { description: "b.totalScore − a.totalScore (comparable when both use the same model)." })
  totalScoreDelta!: number;
}
