import { NonEmptyArray } from "type-graphql";
import { NodeResolver } from "./node/node.resolver";
import { ServiceInfoResolver } from "./service-info";
import { PortfolioResolver } from "./portfolio/portfolio.resolver";
import { InitiativeResolver, PortfolioInitiativesResolver } from "./initiative/initiative.resolver";
import { MetricResolver, PortfolioMetricsResolver } from "./metric/metric.resolver";
import { InitiativeHypothesesResolver, OutcomeHypothesisResolver } from "./hypothesis/hypothesis.resolver";
import { MeasurementResolver, MetricMeasurementsResolver } from "./measurement/measurement.resolver";
import { RecordMeasurementsResolver } from "./measurement/record-measurements.resolver";
import { RetractMeasurementsResolver } from "./measurement/retract-measurements.resolver";
import { HypothesisProgressResolver } from "./value/progress.resolver";
import { InitiativeValueResolver, PortfolioValueResolver } from "./value/summary.resolver";
import { MetricValueResolver } from "./value/metric-value.resolver";
import { ValueReportResolver } from "./value/report.resolver";
import { ApiTokenFieldsResolver, ApiTokenResolver } from "./token/token.resolver";
import { ViewerResolver } from "./viewer/viewer.resolver";
import { PortfolioMemberResolver, PortfolioMembersResolver } from "./member/member.resolver";
import { PortfolioPrioritizationResolver, ScoringModelResolver } from "./prioritization/prioritization.resolver";
import { ScenarioItemResolver, ScenarioResolver } from "./scenario/scenario.resolver";
import { ChangeResolver, historyResolvers } from "./history/history.resolver";
import {
  DecisionResolver,
  FundingTrancheResolver,
  InitiativeDecisionResolver,
  PortfolioDecisionResolver,
  SignalStateResolver,
} from "./decision/decision.resolver";

/** Every resolver class in the schema. */
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  ServiceInfoResolver,
  PortfolioResolver,
  InitiativeResolver,
  PortfolioInitiativesResolver,
  MetricResolver,
  PortfolioMetricsResolver,
  OutcomeHypothesisResolver,
  InitiativeHypothesesResolver,
  MeasurementResolver,
  MetricMeasurementsResolver,
  RecordMeasurementsResolver,
  RetractMeasurementsResolver,
  HypothesisProgressResolver,
  InitiativeValueResolver,
  PortfolioValueResolver,
  MetricValueResolver,
  ValueReportResolver,
  ApiTokenResolver,
  ApiTokenFieldsResolver,
  ViewerResolver,
  PortfolioMembersResolver,
  PortfolioMemberResolver,
  PortfolioPrioritizationResolver,
  ScoringModelResolver,
  ScenarioResolver,
  ScenarioItemResolver,
  ChangeResolver,
  ...historyResolvers,
  DecisionResolver,
  InitiativeDecisionResolver,
  PortfolioDecisionResolver,
  FundingTrancheResolver,
  SignalStateResolver,
];
