/**
 * The read scenarios as GraphQL operations, and the parameters the server and the floor share.
 * Every field a scenario selects is one the floor's SQL (floor-sql.ts) must produce, in order.
 */
import { encodeGlobalId } from "../src/common/global-id";
import { AS_OF, Fixtures, WINDOW_END, WINDOW_START } from "./dataset";

export const REPORT_PAGE_SIZE = 500;
export const DASHBOARD_INITIATIVES = 50;
/** Hypotheses per initiative on the dashboard (the dataset has at most a handful each). */
export const DASHBOARD_HYPOTHESES = 10;

/** What the floor server needs to answer the same questions (passed to it as JSON). */
export interface ScenarioParams {
  asOf: string;
  rootId: string;
  dashboardPortfolioId: string;
  seriesMetricId: string;
  seriesFrom: string;
  seriesTo: string;
}

export function scenarioParams(f: Fixtures): ScenarioParams {
  return {
    asOf: AS_OF.toISOString(),
    rootId: f.rootId,
    dashboardPortfolioId: f.dashboardPortfolioId,
    seriesMetricId: f.seriesMetricId,
    seriesFrom: WINDOW_START.toISOString(),
    seriesTo: WINDOW_END.toISOString(),
  };
}

export const DASHBOARD = `query Dashboard($id: ID!, $asOf: DateTime!) {
  portfolio(id: $id) {
    id
    name
    initiatives(first: ${DASHBOARD_INITIATIVES}) {
      nodes {
        id
        name
        stage
        budget
        actualCost
        targetDate
        hypotheses(first: ${DASHBOARD_HYPOTHESES}) {
          nodes {
            id
            statement
            state
            baseline
            target
            targetDate
            progress(asOf: $asOf) { current ratio expectedRatio status }
            metric { id key name unit direction }
          }
        }
      }
    }
  }
}`;

export const ROLLUP = `query Rollup($id: ID!, $asOf: DateTime!) {
  portfolio(id: $id) {
    valueSummary(asOf: $asOf) {
      hypothesisCount
      statusCounts { status count }
      weightedProgress
      expectedBenefit
      realizedBenefit
      investment
      plannedInvestment
      benefitCostRatio
    }
  }
}`;

export const SERIES = `query Series($id: ID!, $from: DateTime!, $to: DateTime!) {
  metric(id: $id) {
    id
    key
    series(from: $from, to: $to, interval: WEEK) { start value count }
  }
}`;

export const REPORT = `query Report($id: ID!, $asOf: DateTime!, $after: String) {
  valueReport(portfolioId: $id, asOf: $asOf, first: ${REPORT_PAGE_SIZE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      asOf portfolioId portfolioName initiativeId initiativeName hypothesisId state weight metricKey metricUnit
      baseline baselineAt target targetDate current ratio expectedRatio status expectedBenefit realizedBenefit
    }
  }
}`;

export type ReadScenario = "dashboard" | "rollup" | "series" | "report";

/** The GraphQL request body of a read scenario (`after` only for the report). */
export function graphqlBody(scenario: ReadScenario, p: ScenarioParams, after: string | null = null): string {
  switch (scenario) {
    case "dashboard":
      return JSON.stringify({ query: DASHBOARD, variables: { id: encodeGlobalId("Portfolio", p.dashboardPortfolioId), asOf: p.asOf } });
    case "rollup":
      return JSON.stringify({ query: ROLLUP, variables: { id: encodeGlobalId("Portfolio", p.rootId), asOf: p.asOf } });
    case "series":
      return JSON.stringify({
        query: SERIES,
        variables: { id: encodeGlobalId("Metric", p.seriesMetricId), from: p.seriesFrom, to: p.seriesTo },
      });
    case "report":
      return JSON.stringify({ query: REPORT, variables: { id: encodeGlobalId("Portfolio", p.rootId), asOf: p.asOf, after } });
  }
}

/** The floor's URL path for a scenario (it knows the parameters already). */
export function floorPath(scenario: ReadScenario, after: string | null = null): string {
  return after === null ? `/${scenario}` : `/${scenario}?after=${encodeURIComponent(after)}`;
}

/** endCursor out of a report page without parsing the whole body (either side's spacing). */
export function endCursorOf(body: string): string | null {
  const m = /"endCursor"\s*:\s*"([^"]*)"/.exec(body);
  return m ? m[1] : null;
}
