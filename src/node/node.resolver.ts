import { Arg, Ctx, ID, Query, Resolver, Authorized, Info } from "type-graphql";
import { GraphQLInterfaceType, GraphQLResolveInfo } from "graphql";
import { Capability } from "../access/capabilities";
import { Context } from "../context";
import { decodeGlobalId } from "../common/global-id";
import { nodeType } from "../common/node-registry";
import { BadUserInputError } from "../errors";
import { Node } from "./node.type";

const MAX_NODES = 500;

/**
 * Loads any node through the request's by-id loaders (so visibility applies); unknown or
 * malformed IDs, and row types that are not GraphQL Nodes, give null.
 */
export async function loadNode(ctx: Context, info: GraphQLResolveInfo, id: string): Promise<unknown | null> {
  const decoded = decodeGlobalId(id);
  const type = decoded && nodeType(decoded.type);
  if (!decoded || !type) return null;
  const graphqlType = info.schema.getType(type.name);
  const nodeInterface = info.schema.getType("Node") as GraphQLInterfaceType;
  if (!graphqlType || !("getInterfaces" in graphqlType) || !graphqlType.getInterfaces().includes(nodeInterface)) return null;
  return ctx.loaders.byId(type.entity as new () => unknown).load(decoded.key);
}

@Resolver()
export class NodeResolver {
  @Authorized(Capability.READ)
  @Query(() => Node, { nullable: true, description: "Refetch any object by its global ID; null when it does not exist." })
  node(@Arg("id", () => ID, { description: "A global ID." }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadNode(ctx, info, id);
  }

  @Authorized(Capability.READ)
  @Query(() => [Node], { nullable: "items", description: "Refetch many objects at once, in the order given; null where one does not exist." })
  nodes(@Arg("ids", () => [ID], { description: "Global IDs (at most 500)." }) ids: string[], @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`At most ${MAX_NODES} IDs per call`, "ids");
    return Promise.all(ids.map((id) => loadNode(ctx, info, id)));
  }
}
