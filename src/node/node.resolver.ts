import { Arg, Ctx, ID, Query, Resolver, Authorized } from "type-graphql";
import { Capability } from "../auth/capabilities";
import { Context } from "../context";
import { decodeGlobalId, NodeTypeName } from "./global-id";
import { Node } from "./node.type";
import { BadUserInputError } from "../errors";
import { ScopedTable } from "../auth/access";
import { Portfolio } from "../portfolio/portfolio.entity";
import { Initiative } from "../initiative/initiative.entity";
import { Metric } from "../metric/metric.entity";
import { OutcomeHypothesis } from "../hypothesis/hypothesis.entity";
import { Measurement } from "../measurement/measurement.entity";
import { ScoringModel } from "../prioritization/scoring-model.entity";
import { Scenario } from "../scenario/scenario.entity";

const MAX_NODES = 500;

/** Where each Node type lives (API tokens are not nodes: they are listed only by apiTokens). */
const NODE_TABLES: Partial<Record<NodeTypeName, { entity: new () => unknown; table: ScopedTable; key: "uuid" | "bigint" }>> = {
  Portfolio: { entity: Portfolio, table: "portfolio", key: "uuid" },
  Initiative: { entity: Initiative, table: "initiative", key: "uuid" },
  Metric: { entity: Metric, table: "metric", key: "uuid" },
  OutcomeHypothesis: { entity: OutcomeHypothesis, table: "outcome_hypothesis", key: "uuid" },
  Measurement: { entity: Measurement, table: "measurement", key: "bigint" },
  ScoringModel: { entity: ScoringModel, table: "scoring_model", key: "uuid" },
  Scenario: { entity: Scenario, table: "scenario", key: "uuid" },
};

/** Loads any node through the request's by-id loaders; unknown or malformed IDs give null. */
export async function loadNode(ctx: Context, id: string): Promise<unknown | null> {
  const decoded = decodeGlobalId(id);
  const target = decoded && NODE_TABLES[decoded.type];
  if (!decoded || !target) return null;
  const { entity, table, key } = target;
  return ctx.loaders.byId(entity, table, key).load(decoded.key);
}

@Resolver()
export class NodeResolver {
  @Authorized(Capability.READ)
  @Query(() => Node, { nullable: true, description: "Refetch any object by its global ID; null when it does not exist." })
  node(@Arg("id", () => ID, { description: "A global ID." }) id: string, @Ctx() ctx: Context) {
    return loadNode(ctx, id);
  }

  @Authorized(Capability.READ)
  @Query(() => [Node], { nullable: "items", description: "Refetch many objects at once, in the order given; null where one does not exist." })
  nodes(@Arg("ids", () => [ID], { description: "Global IDs (at most 500)." }) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`At most ${MAX_NODES} IDs per call`, "ids");
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}
