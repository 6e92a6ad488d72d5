import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Readable } from "../graphql/readable";
import { ReadsKeysOnly } from "../graphql/projection";
import { Context } from "../context";
import { Initiative } from "../initiative/initiative.entity";
import { Portfolio } from "../portfolio/portfolio.entity";
import { valueTime } from "./as-of";
import { KNOWN_AT_ARG } from "../graphql/known-at";
import { initiativeSummary, portfolioSummary } from "./summary.service";
import { ValueSummary } from "./summary.types";

const AS_OF = {
  nullable: true,
  description: "Evaluate as of this instant (default: knownAt, else now). Only measurements observed at or before it count.",
};

@Resolver(() => Initiative)
export class InitiativeValueResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => ValueSummary, { description: "Value realization over this initiative's counted hypotheses, and its money.", complexity: 20 })
  valueSummary(
    @Root() initiative: Initiative,
    @Arg("asOf", () => Date, AS_OF) asOf: Date | null,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Ctx() ctx: Context,
  ) {
    return initiativeSummary(ctx, initiative.rowId, valueTime(ctx, asOf, knownAt));
  }
}

@Resolver(() => Portfolio)
export class PortfolioValueResolver {
  @Readable()
  @ReadsKeysOnly()
  @FieldResolver(() => ValueSummary, {
    description: "Value realization over the initiatives of this portfolio's whole subtree (archived portfolios included), or only its own.",
    complexity: 20,
  })
  valueSummary(
    @Root() portfolio: Portfolio,
    @Arg("asOf", () => Date, AS_OF) asOf: Date | null,
    @Arg("includeDescendants", () => Boolean, {
      defaultValue: true,
      description: "true: the whole subtree; false: only initiatives directly in this portfolio.",
    })
    includeDescendants: boolean,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Ctx() ctx: Context,
  ) {
    return portfolioSummary(ctx, portfolio.rowId, includeDescendants, valueTime(ctx, asOf, knownAt));
  }
}
