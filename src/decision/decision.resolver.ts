import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root } from "type-graphql";
import { Capability } from "../access/capabilities";
import { PageArgs } from "../common/connection";
import { Context } from "../context";
import { planPage } from "../graphql/page-plan";
import { ReadsKeysOnly } from "../graphql/projection";
import { Readable } from "../graphql/readable";
import { Initiative } from "../initiative/initiative.entity";
import { initiativeLoader } from "../initiative/initiative.service";
import { Portfolio } from "../portfolio/portfolio.entity";
import { ValueSummary } from "../value/summary.types";
import { Decision, FundingTranche } from "./decision.entity";
import {
  DecisionConnection,
  DecisionFilter,
  EffectiveGatePolicy,
  FundingTrancheConnection,
  PlanTranchesInput,
  PlanTranchesPayload,
  RecordDecisionInput,
  RecordDecisionPayload,
  SetGatePolicyInput,
  SetGatePolicyPayload,
  SnoozeSignalInput,
  SnoozeSignalPayload,
} from "./decision.inputs";
import { KNOWN_AT_ARG } from "../graphql/known-at";
import { valueTime } from "../value/as-of";
import { RankingModel, Signal, SignalKind, SignalState } from "../prioritization/prioritization.types";
import * as decisions from "./decision.service";
import { DecisionEvidence, GateOverride } from "./decision.types";
import { Evidence } from "./evidence";
import { hydrate } from "../database/hydrate";

@Resolver(() => Decision)
export class DecisionResolver {
  @Authorized(Capability.MANAGE)
  @Mutation(() => RecordDecisionPayload, {
    description:
      "Decide on an initiative (needs OWNER of its portfolio): the only way its stage changes. Refused with GATE_NOT_MET when the stage gate's criteria are unmet, unless an ADMIN overrides. Freezes the evidence.",
  })
  recordDecision(@Arg("input", () => RecordDecisionInput) input: RecordDecisionInput, @Ctx() ctx: Context) {
    return decisions.recordDecision(ctx, input);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => PlanTranchesPayload, { description: "Plan an initiative's funding in tranches, or cancel planned ones (needs OWNER)." })
  planTranches(@Arg("input", () => PlanTranchesInput) input: PlanTranchesInput, @Ctx() ctx: Context) {
    return decisions.planTranches(ctx, input);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => SnoozeSignalPayload, {
    description: "Put a signal on an initiative aside until a date, with a reason (needs OWNER): it is SNOOZED until then.",
  })
  snoozeSignal(@Arg("input", () => SnoozeSignalInput) input: SnoozeSignalInput, @Ctx() ctx: Context) {
    return decisions.snoozeSignal(ctx, input);
  }

  @Authorized(Capability.MANAGE)
  @Mutation(() => SetGatePolicyPayload, { description: "Set the stage gates of a portfolio and its subtree, or remove its own (needs OWNER)." })
  setGatePolicy(@Arg("input", () => SetGatePolicyInput) input: SetGatePolicyInput, @Ctx() ctx: Context) {
    return decisions.setGatePolicy(ctx, input);
  }

  @Readable()
  @FieldResolver(() => Initiative, { description: "The initiative decided on." })
  initiative(@Root() d: Decision, @Ctx() ctx: Context) {
    return initiativeLoader(ctx).load(d.initiativeId);
  }

  @Readable()
  @FieldResolver(() => DecisionEvidence, { description: "What it was decided on, frozen at decidedAt." })
  evidence(@Root() d: Decision): DecisionEvidence {
    const e = JSON.parse(d.evidenceCanonical) as Evidence;
    const asOf = new Date(e.asOf);
    return Object.assign(new DecisionEvidence(), {
      ...e,
      asOf,
      valueSummary: Object.assign(new ValueSummary(), { ...e.valueSummary, asOf, knownAt: asOf }),
    });
  }

  @Readable()
  @FieldResolver(() => GateOverride, { nullable: true, description: "Set when an ADMIN decided although gate criteria were unmet." })
  override(@Root() d: Decision): GateOverride | null {
    return d.overrideReason === null ? null : { reason: d.overrideReason, unmet: (d.overriddenCriteria ?? []) as GateOverride["unmet"] };
  }

  @Readable()
  @FieldResolver(() => [FundingTranche], { description: "The funding tranches it released." })
  async releasedTranches(@Root() d: Decision, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.byId(FundingTranche).loadMany(d.releasedTrancheIds);
    return rows.filter((r): r is FundingTranche => r !== null && !(r instanceof Error));
  }
}

const SIGNAL_KINDS = { nullable: true, description: "Only these kinds." } as const;
const SIGNAL_STATES = { nullable: true, description: "Only signals in these states (e.g. [OPEN] for what still needs an answer)." } as const;
const SIGNAL_AS_OF = { nullable: true, description: "Evaluate as of this instant (default: knownAt, else now)." } as const;

@Resolver(() => Signal)
export class SignalStateResolver {
  @Readable()
  @FieldResolver(() => Decision, { nullable: true, description: "ACKNOWLEDGED: the decision that answered it." })
  acknowledgedBy(@Root() s: Signal, @Ctx() ctx: Context): Decision | null {
    if (!s.acknowledgedByRow) return null;
    // read by the signals statement as JSON: its instants arrive as text
    const d = hydrate(ctx.dataSource, Decision, s.acknowledgedByRow);
    return Object.assign(d, { decidedAt: new Date(d.decidedAt), knownFrom: new Date(d.knownFrom) });
  }
}

@Resolver(() => Initiative)
export class InitiativeDecisionResolver {
  @Readable()
  @FieldResolver(() => [Signal], {
    description: "The signals raised on this initiative as of an instant, in its portfolio's ranking (whole subtree, WSJF), with their state.",
    complexity: 20,
  })
  signals(
    @Root() initiative: Initiative,
    @Arg("asOf", () => Date, SIGNAL_AS_OF) asOf: Date | null,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Arg("kinds", () => [SignalKind], SIGNAL_KINDS) kinds: SignalKind[] | null,
    @Arg("states", () => [SignalState], SIGNAL_STATES) states: SignalState[] | null,
    @Ctx() ctx: Context,
  ) {
    return decisions.initiativeSignals(ctx, initiative, valueTime(ctx, asOf, knownAt), kinds, states);
  }

  @Readable()
  @FieldResolver(() => DecisionConnection, { description: "Decisions on this initiative, newest first." })
  decisions(
    @Root() initiative: Initiative,
    @Arg("filter", () => DecisionFilter, { nullable: true, description: "Conditions to narrow the list." }) filter: DecisionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return decisions.decisionsOf(ctx, initiative.rowId, filter, planPage(ctx, info, page, Decision));
  }

  @Readable()
  @FieldResolver(() => FundingTrancheConnection, { description: "Its funding tranches, by planned date (every state)." })
  tranches(@Root() initiative: Initiative, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return decisions.tranchesOf(ctx, initiative.rowId, planPage(ctx, info, page, FundingTranche));
  }
}

@Resolver(() => Portfolio)
export class PortfolioDecisionResolver {
  @Readable()
  @FieldResolver(() => [Signal], {
    description: "Evidence-driven re-prioritization signals as of an instant, in ranking order, with their state.",
    complexity: 50,
  })
  signals(
    @Root() portfolio: Portfolio,
    @Arg("asOf", () => Date, SIGNAL_AS_OF) asOf: Date | null,
    @Arg("model", () => RankingModel, { defaultValue: RankingModel.WSJF, description: "The ranking model ACCELERATE compares ranks by." })
    model: RankingModel,
    @Arg("scoringModelId", () => ID, { nullable: true, description: "CUSTOM: the scoring model." }) scoringModelId: string | null,
    @Arg("includeDescendants", () => Boolean, { defaultValue: true, description: "Cover the whole subtree (default)." }) includeDescendants: boolean,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Arg("kinds", () => [SignalKind], SIGNAL_KINDS) kinds: SignalKind[] | null,
    @Arg("states", () => [SignalState], SIGNAL_STATES) states: SignalState[] | null,
    @Ctx() ctx: Context,
  ) {
    const time = valueTime(ctx, asOf, knownAt);
    return decisions.portfolioSignals(ctx, portfolio, time, { model, scoringModelId, includeDescendants, knownAt: time.knownAt }, kinds, states);
  }

  @Readable()
  @FieldResolver(() => DecisionConnection, {
    description: "Decisions on initiatives of this portfolio (with includeDescendants, of its subtree), newest first.",
  })
  decisions(
    @Root() portfolio: Portfolio,
    @Arg("filter", () => DecisionFilter, { nullable: true, description: "Conditions to narrow the list." }) filter: DecisionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return decisions.portfolioDecisions(ctx, portfolio.rowId, filter, planPage(ctx, info, page, Decision));
  }

  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => EffectiveGatePolicy, {
    description: "The stage gates that apply here: its own policy, the nearest one above, or the built-in default.",
  })
  gatePolicy(@Root() portfolio: Portfolio, @Ctx() ctx: Context) {
    return decisions.gatePolicyOf(ctx, portfolio);
  }
}

@Resolver(() => FundingTranche)
export class FundingTrancheResolver {
  @Readable()
  @FieldResolver(() => Decision, { nullable: true, description: "The decision that released it." })
  releasedBy(@Root() t: FundingTranche, @Ctx() ctx: Context) {
    return t.releasedByDecisionId ? ctx.loaders.byId(Decision).load(t.releasedByDecisionId) : null;
  }

  @Readable()
  @FieldResolver(() => Initiative, { description: "The initiative it funds." })
  initiative(@Root() t: FundingTranche, @Ctx() ctx: Context) {
    return initiativeLoader(ctx).load(t.initiativeId);
  }
}
