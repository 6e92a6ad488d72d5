import { NonEmptyArray } from "type-graphql";
import { NodeResolver } from "./node/node.resolver";
import { ServiceInfoResolver } from "./service-info";
import { PortfolioResolver } from "./portfolio/portfolio.resolver";

/** Every resolver class in the schema. */
export const resolvers: NonEmptyArray<Function> = [NodeResolver, ServiceInfoResolver, PortfolioResolver];
