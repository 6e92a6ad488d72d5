import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Query, Resolver, Authorized, Info } from "type-graphql";
import { planPage } from "../graphql/page-plan";
import { Capability } from "../access/capabilities";
import { Context } from "../context";
import { PageArgs } from "../common/connection";
import { valueReport } from "./report.service";
import { selectsForecast } from "./progress.service";
import { eachNodeField } from "../graphql/lookahead";
import { valueTime } from "./as-of";
import { ValueReportConnection, ValueReportFilter } from "./report.types";
import { KNOWN_AT_ARG } from "../graphql/known-at";

@Resolver()
export class ValueReportResolver {
  @Authorized(Capability.READ)
  @Query(() => ValueReportConnection, {
    description:
      "The flat value-realization table for BI: one row per outcome hypothesis in a portfolio's subtree, or in every portfolio you see (archived portfolios included), ordered by portfolio name, initiative name, then hypothesis creation. Keyset-paginated (default 50, at most 500 per page). The same rows stream as CSV or NDJSON from GET /export/value-report.csv.",
  })
  valueReport(
    @Arg("portfolioId", () => ID, {
      nullable: true,
      description: "Global ID of the portfolio whose subtree is reported; omitted: every portfolio you see (the whole organisation, for an admin).",
    })
    portfolioId: string | null,
    @Arg("asOf", () => Date, { nullable: true, description: "Evaluate as of this instant (default: knownAt, else now)." }) asOf: Date | null,
    @Arg("knownAt", () => Date, KNOWN_AT_ARG) knownAt: Date | null,
    @Arg("filter", () => ValueReportFilter, { nullable: true, description: "Conditions to narrow the rows." })
    filter: ValueReportFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const selected = new Set<string>();
    eachNodeField(info, (f) => selected.add(f.name.value));
    return valueReport(ctx, portfolioId, valueTime(ctx, asOf, knownAt), filter, planPage(ctx, info, page), selectsForecast(selected));
  }
}
