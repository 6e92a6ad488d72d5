import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Capability } from "../access/capabilities";
import { Readable } from "../graphql/readable";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { Portfolio } from "../portfolio/portfolio.entity";
import { portfolioLoader } from "../portfolio/portfolio.service";
import { valueTime } from "../value/as-of";
import { expectGlobalId } from "../common/global-id";
import { RankingConnection, RankingModel } from "./prioritization.types";
import * as ranking from "./ranking.service";
import { ScoringModel } from "./scoring-model.entity";
import {
  CreateScoringModelInput,
  CreateScoringModelPayload,
  ScoringModelConnection,
  SetInitiativeScoresInput,
  SetInitiativeScoresPayload,
  UpdateScoringModelInput,
  UpdateScoringModelPayload,
} from "./scoring-model.inputs";
import * as models from "./scoring-model.service";

@Resolver(() => Portfolio)
export class PortfolioPrioritizationResolver {
  @Readable()
  @FieldResolver(() => RankingConnection, {
    description: "Initiatives ranked by a model (CLOSED and STOPPED left out): score descending, ties by expected benefit, then name.",
    complexity: 20,
  })
  ranking(
    @Root() portfolio: Portfolio,
    @Arg("model", () => RankingModel, { defaultValue: RankingModel.WSJF, description: "The scoring model." }) model: RankingModel,
    @Arg("scoringModelId", () => ID, { nullable: true, description: "CUSTOM: the portfolio's scoring model to use." }) scoringModelId: string | null,
    @Arg("includeDescendants", () => Boolean, {
      defaultValue: true,
      description: "Rank the whole subtree (default) or only this portfolio's own initiatives.",
    })
    includeDescendants: boolean,
    @Arg("knownAt", () => Date, {
      nullable: true,
      description:
        "Rank what the service had recorded at this instant: stages, inputs, hypotheses and the scoring model's version then (default: the operation's @knownAt, else now).",
    })
    knownAt: Date | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const args = { model, scoringModelId, includeDescendants, knownAt: valueTime(ctx, null, knownAt).knownAt };
    return ranking.ranking(ctx, portfolio, args, planPage(ctx, info, page));
  }

  @Readable()
  @FieldResolver(() => ScoringModelConnection, { description: "Custom scoring models this portfolio defines." })
  scoringModels(@Root() portfolio: Portfolio, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return models.scoringModelsOf(ctx, portfolio.rowId, planPage(ctx, info, page, ScoringModel));
  }
}

@Resolver(() => ScoringModel)
export class ScoringModelResolver {
  @Authorized(Capability.READ)
  @Query(() => ScoringModel, { nullable: true, description: "A scoring model by ID, or null." })
  scoringModel(@Arg("id", () => ID, { description: "Global ID of the model." }) id: string, @Ctx() ctx: Context) {
    return models.scoringModelLoader(ctx).load(expectGlobalId(id, "ScoringModel", "id"));
  }

  @Readable()
  @FieldResolver(() => Portfolio, { description: "The portfolio that defines the model." })
  portfolio(@Root() model: ScoringModel, @Ctx() ctx: Context) {
    return portfolioLoader(ctx).load(model.portfolioId);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => CreateScoringModelPayload, { description: "Define a custom scoring model for a portfolio (needs OWNER)." })
  async createScoringModel(@Arg("input", () => CreateScoringModelInput) input: CreateScoringModelInput, @Ctx() ctx: Context) {
    return { scoringModel: await models.createScoringModel(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => UpdateScoringModelPayload, {
    description: "Change a scoring model: a new version; rankings name the version they used (needs OWNER).",
  })
  async updateScoringModel(@Arg("input", () => UpdateScoringModelInput) input: UpdateScoringModelInput, @Ctx() ctx: Context) {
    return { scoringModel: await models.updateScoringModel(ctx, input) };
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => SetInitiativeScoresPayload, { description: "Set an initiative's values on a custom model's criteria (needs OWNER)." })
  setInitiativeScores(@Arg("input", () => SetInitiativeScoresInput) input: SetInitiativeScoresInput, @Ctx() ctx: Context) {
    return models.setInitiativeScores(ctx, input);
  }
}
