import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { Initiative } from "../initiative/initiative.entity";
import { initiativeLoader } from "../initiative/initiative.service";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";
import { Scenario } from "./scenario.entity";
import {
  PlanScenarioInput,
  SaveScenarioInput,
  SaveScenarioPayload,
  ScenarioComparison,
  ScenarioConnection,
  ScenarioItem,
  ScenarioPlan,
} from "./scenario.types";
import * as service from "./scenario.service";

@Resolver(() => Scenario)
export class ScenarioResolver {
  @Authorized(Capability.READ)
  @Query(() => ScenarioPlan, {
    description: "What-if capacity planning: the exact best set of initiatives under a budget, without saving it.",
    complexity: 50,
  })
  async planScenario(@Arg("input", () => PlanScenarioInput) input: PlanScenarioInput, @Ctx() ctx: Context) {
    return (await service.planScenario(ctx, input)).plan;
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => SaveScenarioPayload, { description: "Plan a scenario and keep its inputs, result and author (anyone who sees the portfolio)." })
  async saveScenario(@Arg("input", () => SaveScenarioInput) input: SaveScenarioInput, @Ctx() ctx: Context) {
    return { scenario: await service.saveScenario(ctx, input) };
  }

  @Authorized(Capability.READ)
  @Query(() => ScenarioConnection, { description: "Saved scenarios, newest first; all visible ones, or one portfolio's." })
  scenarios(
    @Arg("portfolioId", () => ID, { nullable: true, description: "Only this portfolio's scenarios." }) portfolioId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listScenarios(ctx, portfolioId, planPage(ctx, info, page, Scenario));
  }

  @Authorized(Capability.READ)
  @Query(() => Scenario, { nullable: true, description: "A saved scenario by ID, or null." })
  scenario(@Arg("id", () => ID, { description: "Global ID of the scenario." }) id: string, @Ctx() ctx: Context) {
    return service.findScenario(ctx, id);
  }

  @Authorized(Capability.READ)
  @Query(() => ScenarioComparison, { description: "Two saved scenarios side by side: what each selects that the other does not." })
  compareScenarios(
    @Arg("a", () => ID, { description: "The first scenario." }) a: string,
    @Arg("b", () => ID, { description: "The second scenario." }) b: string,
    @Ctx() ctx: Context,
  ) {
    return service.compareScenarios(ctx, a, b);
  }

  @Readable()
  @FieldResolver(() => Portfolio, { description: "The portfolio planned." })
  portfolio(@Root() scenario: Scenario, @Ctx() ctx: Context) {
    return portfolioLoader(ctx).load(scenario.portfolioId);
  }

  @Readable()
  @FieldResolver(() => ScenarioPlan, { description: "The plan as computed when the scenario was saved." })
  plan(@Root() scenario: Scenario) {
    return service.planOf(scenario);
  }
}

@Resolver(() => ScenarioItem)
export class ScenarioItemResolver {
  @Readable()
  @FieldResolver(() => Initiative, { nullable: true, description: "The initiative as it is now (null if it is no longer visible to you)." })
  initiative(@Root() item: ScenarioItem, @Ctx() ctx: Context) {
    return initiativeLoader(ctx).load(item.initiativeRowId);
  }
}
