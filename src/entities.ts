import { Portfolio } from "./portfolio/portfolio.entity";
import { Initiative } from "./initiative/initiative.entity";
import { Metric } from "./metric/metric.entity";
import { OutcomeHypothesis } from "./hypothesis/hypothesis.entity";
import { Measurement, MeasurementRevision } from "./measurement/measurement.entity";
import { ApiToken } from "./token/token.entity";
import { PortfolioMember } from "./member/member.entity";
import { InitiativeCriterionScore, ScoringModel, ScoringModelVersion } from "./prioritization/scoring-model.entity";
import { Scenario } from "./scenario/scenario.entity";
import { Change } from "./history/change.entity";
import { Decision, FundingTranche, GatePolicy, SignalSnooze } from "./decision/decision.entity";
// every change on the write path is recorded as a row of `change`, in every process that writes
import "./history/history.hook";

/** Every TypeORM entity; the data source and the migration generator read this list. */
export const entities = [
  Portfolio,
  Initiative,
  Metric,
  OutcomeHypothesis,
  Measurement,
  MeasurementRevision,
  PortfolioMember,
  ApiToken,
  ScoringModel,
  ScoringModelVersion,
  InitiativeCriterionScore,
  Scenario,
  Change,
  Decision,
  FundingTranche,
  GatePolicy,
  SignalSnooze,
];
