import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, ClassType, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { Capability } from "../access/capabilities";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { planPage } from "../graphql/page-plan";
import { ReadsKeysOnly } from "../graphql/projection";
import { Readable } from "../graphql/readable";
import { Portfolio } from "../portfolio/portfolio.entity";
import { Initiative } from "../initiative/initiative.entity";
import { Metric } from "../metric/metric.entity";
import { OutcomeHypothesis } from "../hypothesis/hypothesis.entity";
import { ScoringModel } from "../prioritization/scoring-model.entity";
import { Change } from "./change.entity";
import { ChangeActor, ChangeConnection, ChangeFilter, FieldChange } from "./history.inputs";
import * as service from "./history.service";

@Resolver(() => Change)
export class ChangeResolver {
  @Authorized(Capability.READ)
  @Query(() => ChangeConnection, {
    description:
      "Every recorded change, newest first, for auditors: an ADMIN sees all; others see the changes of objects in portfolios where they are OWNER (and of their own API tokens).",
  })
  changes(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => ChangeFilter, { nullable: true, description: "Conditions to narrow the list." }) filter: ChangeFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.listChanges(ctx, filter, planPage(ctx, info, page, Change));
  }

  @Readable()
  @FieldResolver(() => ID, {
    nullable: true,
    description: "Global ID of the changed object; null for a measurement batch or a set of criterion scores.",
  })
  entityId(@Root() change: Change) {
    return service.changedObjectId(change);
  }

  @Readable()
  @FieldResolver(() => ChangeActor, { description: "Who made the change." })
  actor(@Root() change: Change) {
    return service.actorOf(change);
  }

  @Readable()
  @FieldResolver(() => [FieldChange], { description: "Each changed field with its value before and after (every field on CREATE and DELETE)." })
  fields(@Root() change: Change) {
    return service.fieldsOf(change);
  }
}

/** `history` on a changeable node type: its changes, newest first. */
function historyResolver<T extends { rowId: string }>(type: ClassType<T>) {
  @Resolver(() => type)
  class HistoryResolver {
    @Readable()
    @ReadsKeysOnly()
    @FieldResolver(() => ChangeConnection, {
      description: "Every recorded change of this object, newest first: who, when, in which request, each field before and after.",
    })
    history(@Root() root: T, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
      return service.historyOf(ctx, type.name, root.rowId, planPage(ctx, info, page, Change));
    }
  }
  Object.defineProperty(HistoryResolver, "name", { value: `${type.name}HistoryResolver` });
  return HistoryResolver;
}

export const historyResolvers = [Portfolio, Initiative, Metric, OutcomeHypothesis, ScoringModel].map((type) =>
  historyResolver(type as ClassType<{ rowId: string }>),
);
