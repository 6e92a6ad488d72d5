/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** A local date string (i.e., with no associated timezone) in `YYYY-MM-DD` format, e.g. `2020-01-01`. */
  LocalDate: { input: string; output: string; }
};

/** Who made a change. */
export type ActorKind =
  /** The bootstrap token (RMO_BOOTSTRAP_TOKEN) or the local admin token. */
  | 'BOOTSTRAP'
  /** Loopback access with RMO_DEV_OPEN (development only). */
  | 'DEV'
  /** A person signed in with their identity provider; the id is their subject. */
  | 'PERSON'
  /** The service itself (the demo dataset). */
  | 'SYSTEM'
  /** An API token; the id is the token's global ID. */
  | 'TOKEN';

/** Grant a person a role on a portfolio (replacing the role they had there). */
export type AddPortfolioMemberInput = {
  /** The portfolio. */
  portfolioId: Scalars['ID']['input'];
  /** The role, inherited by every portfolio below. */
  role: PortfolioRole;
  /** The person: the `sub` claim their identity-provider token carries. */
  subject: Scalars['String']['input'];
};

/** Result of addPortfolioMember. */
export type AddPortfolioMemberPayload = {
  __typename?: 'AddPortfolioMemberPayload';
  /** The membership as it now is. */
  member: PortfolioMember;
  /** The portfolio. */
  portfolio: Portfolio;
};

/** An API token for a script. The secret itself is only ever returned by createApiToken; `node(id:)` refetches yours. */
export type ApiToken = Node & {
  __typename?: 'ApiToken';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created it; the token never sees more than they do. */
  createdBy: Scalars['String']['output'];
  /** When it stops working; null: never. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** ID of the token (not its secret). */
  id: Scalars['ID']['output'];
  /** When it was last used (updated at most once a minute). */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** WRITE_MEASUREMENTS: metric keys it may write. */
  metricKeys: Array<Scalars['String']['output']>;
  /** A label, e.g. the script's name; used as the default measurement source. */
  name: Scalars['String']['output'];
  /** WRITE_MEASUREMENTS: the portfolios whose metrics (and those below) it may write, besides `metricKeys`; empty: none. Those you no longer see are left out. */
  portfolios: Array<Portfolio>;
  /** The secret's first characters, to recognise it in logs and configs. */
  prefix: Scalars['String']['output'];
  /** When it was revoked; a revoked token is refused at once. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the token may do. */
  scope: ApiTokenScope;
};

/** A page of ApiToken objects (Relay connection). */
export type ApiTokenConnection = {
  __typename?: 'ApiTokenConnection';
  /** The edges of this page. */
  edges: Array<ApiTokenEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<ApiToken>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a ApiToken connection. */
export type ApiTokenEdge = {
  __typename?: 'ApiTokenEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The ApiToken. */
  node: ApiToken;
};

/** What an API token may do, always within what its creator may see. */
export type ApiTokenScope =
  /** Read only. */
  | 'READ_ONLY'
  /** Read, and record measurements of the named metrics or of the metrics of the named portfolios (and below). */
  | 'WRITE_MEASUREMENTS';

/** Archive or restore a portfolio. */
export type ArchivePortfolioInput = {
  /** true archives, false restores. */
  archived?: Scalars['Boolean']['input'];
  /** Fail with CONFLICT unless the portfolio is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The portfolio. */
  id: Scalars['ID']['input'];
};

/** Result of archivePortfolio. */
export type ArchivePortfolioPayload = {
  __typename?: 'ArchivePortfolioPayload';
  /** The archived or restored portfolio. */
  portfolio: Portfolio;
};

/** The kind of credential a request was made with. */
export type CallerKind =
  /** A script, with an API token (`rmo_…`) made by createApiToken. */
  | 'API_TOKEN'
  /** The operator's bootstrap token (RMO_BOOTSTRAP_TOKEN, or the local admin token). */
  | 'BOOTSTRAP'
  /** An unauthenticated loopback request with RMO_DEV_OPEN (development only). */
  | 'DEV'
  /** A person, signed in with the identity provider's token (JWT). */
  | 'PERSON';

/** What a credential may do at all; the portfolio roles decide where. */
export type Capability =
  /** Change the model (portfolios, initiatives, metrics, hypotheses, members, tokens, decisions): people only. */
  | 'MANAGE'
  /** Read what its roles let it see. */
  | 'READ'
  /** Record, correct and retract measurements: people, and API tokens with WRITE_MEASUREMENTS. */
  | 'RECORD';

/** One recorded change to an object: who, when, in which request, and each field before and after. */
export type Change = Node & {
  __typename?: 'Change';
  /** Who made the change. */
  actor: ChangeActor;
  /** When the change was made (its transaction's time). */
  at: Scalars['DateTime']['output'];
  /** The type of the changed object, e.g. `Initiative`, `PortfolioMember`, `Measurement`. */
  entity: Scalars['String']['output'];
  /** Global ID of the changed object; null for a measurement batch or a set of criterion scores. */
  entityId?: Maybe<Scalars['ID']['output']>;
  /** Each changed field with its value before and after (every field on CREATE and DELETE). */
  fields: Array<FieldChange>;
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** What the change did. */
  operation: ChangeOperation;
  /** The id of the request that made it (the `x-request-id` header, or one the service made). */
  requestId: Scalars['String']['output'];
  /** Set-based writes (measurement batches, criterion scores, the demo load): what the call did. */
  summary?: Maybe<Scalars['JSON']['output']>;
  /** The version the change produced, for versioned objects. */
  version?: Maybe<Scalars['Int']['output']>;
};

/** Who made a change. */
export type ChangeActor = {
  __typename?: 'ChangeActor';
  /** A person's subject, an API token's global ID, `bootstrap`, or the system's name. */
  id: Scalars['String']['output'];
  /** A person, an API token, the bootstrap/local admin, or the service. */
  kind: ActorKind;
};

/** A page of Change objects (Relay connection). */
export type ChangeConnection = {
  __typename?: 'ChangeConnection';
  /** The edges of this page. */
  edges: Array<ChangeEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Change>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a Change connection. */
export type ChangeEdge = {
  __typename?: 'ChangeEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Change. */
  node: Change;
};

/** Narrows a list of changes; all given conditions must hold. */
export type ChangeFilter = {
  /** Only changes by this actor: a person's subject, an API token's global ID, or `bootstrap`. */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** Only changes of these types of object, e.g. `["Initiative", "PortfolioMember"]`. */
  entityTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only these operations. */
  operations?: InputMaybe<Array<ChangeOperation>>;
  /** Only changes of objects in this portfolio or below it. */
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
  /** Only changes made at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only changes made before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** What a change did. */
export type ChangeOperation =
  /** Archived it (hidden from lists unless asked for). */
  | 'ARCHIVE'
  /** Created the object. */
  | 'CREATE'
  /** Removed it (memberships). */
  | 'DELETE'
  /** A recordMeasurements call: its counts and the metrics it wrote are in `summary`. */
  | 'RECORD'
  /** Brought it back from the archive. */
  | 'RESTORE'
  /** Measurements retracted: they no longer count. */
  | 'RETRACT'
  /** Changed some of its fields. */
  | 'UPDATE';

/** A new API token for a script. */
export type CreateApiTokenInput = {
  /** When it stops working; omit for no expiry. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** WRITE_MEASUREMENTS: keys of the metrics it may write. */
  metricKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A label, 1–100 characters; the default `source` of the measurements it records. */
  name: Scalars['String']['input'];
  /** WRITE_MEASUREMENTS: portfolios whose metrics (and those below) it may write. */
  portfolioIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** What the token may do. */
  scope: ApiTokenScope;
};

/** Result of createApiToken. */
export type CreateApiTokenPayload = {
  __typename?: 'CreateApiTokenPayload';
  /** The token's record. */
  apiToken: ApiToken;
  /** The secret, shown this once and never stored: send it as `Authorization: Bearer <secret>`. */
  secret: Scalars['String']['output'];
};

/** A new initiative. */
export type CreateInitiativeInput = {
  /** Spent to date (≥ 0). */
  actualCost?: InputMaybe<Scalars['Float']['input']>;
  /** Planned cost (≥ 0). */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** WSJF business value: 1, 2, 3, 5, 8, 13 or 20. */
  businessValue?: InputMaybe<Scalars['Int']['input']>;
  /** RICE confidence, 0 to 1. */
  confidence?: InputMaybe<Scalars['Float']['input']>;
  /** What it does and why. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** RICE effort in person-months (> 0). */
  effort?: InputMaybe<Scalars['Float']['input']>;
  /** RICE impact: 0.25, 0.5, 1, 2 or 3. */
  impact?: InputMaybe<Scalars['Float']['input']>;
  /** WSJF job size: 1, 2, 3, 5, 8, 13 or 20. */
  jobSize?: InputMaybe<Scalars['Int']['input']>;
  /** Display name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Who delivers it. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** The portfolio it belongs to. */
  portfolioId: Scalars['ID']['input'];
  /** RICE reach per quarter (≥ 0). */
  reach?: InputMaybe<Scalars['Float']['input']>;
  /** WSJF risk reduction / opportunity enablement: 1, 2, 3, 5, 8, 13 or 20. */
  riskReduction?: InputMaybe<Scalars['Int']['input']>;
  /** Who pays for it and answers for its outcomes. */
  sponsor?: InputMaybe<Scalars['String']['input']>;
  /** Life-cycle stage (default IDEA). */
  stage?: InputMaybe<InitiativeStage>;
  /** Planned start. */
  startDate?: InputMaybe<Scalars['LocalDate']['input']>;
  /** Labels (at most 50, each 1–50 characters). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Planned delivery (≥ startDate). */
  targetDate?: InputMaybe<Scalars['LocalDate']['input']>;
  /** WSJF time criticality: 1, 2, 3, 5, 8, 13 or 20. */
  timeCriticality?: InputMaybe<Scalars['Int']['input']>;
};

/** Result of createInitiative. */
export type CreateInitiativePayload = {
  __typename?: 'CreateInitiativePayload';
  /** The new initiative. */
  initiative: Initiative;
};

/** A new metric (KPI). */
export type CreateMetricInput = {
  /** How measurements combine in a series bucket (default LAST). */
  aggregation?: InputMaybe<MetricAggregation>;
  /** Expected update interval. */
  cadence?: InputMaybe<MetricCadence>;
  /** What is measured and how. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Which way is better. */
  direction: MetricDirection;
  /** Unique, stable handle for scripts: `^[a-z0-9][a-z0-9_.-]{0,99}$`. */
  key: Scalars['String']['input'];
  /** Display name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** The owning portfolio; decides who may record its measurements. */
  portfolioId: Scalars['ID']['input'];
  /** Unit of the values (`USD`, `%`, `ms`, `count`), at most 50 characters. */
  unit?: InputMaybe<Scalars['String']['input']>;
};

/** Result of createMetric. */
export type CreateMetricPayload = {
  __typename?: 'CreateMetricPayload';
  /** The new metric. */
  metric: Metric;
};

/** A new outcome hypothesis: initiative X will move metric Y from B to T by D. */
export type CreateOutcomeHypothesisInput = {
  /** The metric's value at baselineAt. */
  baseline: Scalars['Float']['input'];
  /** When the baseline was true. */
  baselineAt: Scalars['DateTime']['input'];
  /** Money the outcome is worth if fully achieved (≥ 0, default 0). */
  expectedBenefit?: InputMaybe<Scalars['Float']['input']>;
  /** The initiative that should move the metric. */
  initiativeId: Scalars['ID']['input'];
  /** The metric it should move. */
  metricId: Scalars['ID']['input'];
  /** Initial state (default ACTIVE). */
  state?: InputMaybe<HypothesisState>;
  /** The hypothesis in words, 1–2000 characters. */
  statement: Scalars['String']['input'];
  /** The value to reach; on the metric's better side of the baseline. */
  target: Scalars['Float']['input'];
  /** When the target should be reached (after baselineAt). */
  targetDate: Scalars['DateTime']['input'];
  /** Relative importance in rollups (> 0, default 1). */
  weight?: InputMaybe<Scalars['Float']['input']>;
};

/** Result of createOutcomeHypothesis. */
export type CreateOutcomeHypothesisPayload = {
  __typename?: 'CreateOutcomeHypothesisPayload';
  /** The new hypothesis. */
  outcomeHypothesis: OutcomeHypothesis;
};

/** A new portfolio. */
export type CreatePortfolioInput = {
  /** Planned investment capacity (≥ 0). */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** What the portfolio covers. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Who is accountable (free text). */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Parent portfolio; omit for a tree root. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/** Result of createPortfolio. */
export type CreatePortfolioPayload = {
  __typename?: 'CreatePortfolioPayload';
  /** The new portfolio. */
  portfolio: Portfolio;
};

/** A new custom scoring model for a portfolio. */
export type CreateScoringModelInput = {
  /** 1–50 criteria. */
  criteria: Array<ScoringCriterionInput>;
  /** Display name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** The portfolio that owns it. */
  portfolioId: Scalars['ID']['input'];
};

/** Result of createScoringModel. */
export type CreateScoringModelPayload = {
  __typename?: 'CreateScoringModelPayload';
  /** The new model (version 1). */
  scoringModel: ScoringModel;
};

/** An initiative's value on one criterion. */
export type CriterionValue = {
  __typename?: 'CriterionValue';
  /** The criterion's key. */
  key: Scalars['String']['output'];
  /** The value; null when not set. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** An initiative's value on one criterion. */
export type CriterionValueInput = {
  /** The criterion's key. */
  key: Scalars['String']['input'];
  /** The value, within the criterion's scale; null clears it. */
  value?: InputMaybe<Scalars['Float']['input']>;
};

/** A decision that changed, or confirmed, an initiative's course, with the evidence it was made on. */
export type Decision = Node & {
  __typename?: 'Decision';
  /** The signals this decision answers (acknowledges). */
  acknowledges: Array<SignalKind>;
  /** When it was decided (its transaction's time); the evidence is as of, and as known at, this instant. */
  decidedAt: Scalars['DateTime']['output'];
  /** Who decided (the person's name or subject). */
  decidedBy: Scalars['String']['output'];
  /** What it was decided on, frozen at decidedAt. */
  evidence: DecisionEvidence;
  /** The evidence as canonical JSON (keys sorted, no spaces): exactly the text `evidenceHash` is the SHA-256 of. */
  evidenceCanonical: Scalars['String']['output'];
  /** SHA-256 (hex) of `evidenceCanonical`: recompute it to check the evidence was not altered. */
  evidenceHash: Scalars['String']['output'];
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** The initiative decided on. */
  initiative: Initiative;
  /** What was decided. */
  kind: DecisionKind;
  /** Set when an ADMIN decided although gate criteria were unmet. */
  override?: Maybe<GateOverride>;
  /** Why (required, 1–10,000 characters). */
  rationale: Scalars['String']['output'];
  /** The funding tranches it released. */
  releasedTranches: Array<FundingTranche>;
  /** When the decision is to be reviewed; null only for STOP and CLOSE. */
  reviewBy?: Maybe<Scalars['LocalDate']['output']>;
  /** The initiative's stage after (the same for kinds that make no move). */
  stageAfter: InitiativeStage;
  /** The initiative's stage before. */
  stageBefore: InitiativeStage;
};

/** A page of Decision objects (Relay connection). */
export type DecisionConnection = {
  __typename?: 'DecisionConnection';
  /** The edges of this page. */
  edges: Array<DecisionEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Decision>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a Decision connection. */
export type DecisionEdge = {
  __typename?: 'DecisionEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Decision. */
  node: Decision;
};

/** What a decision was made on, frozen at decidedAt: the same figures the API answers with asOf = knownAt = decidedAt. */
export type DecisionEvidence = {
  __typename?: 'DecisionEvidence';
  /** Actual cost then. */
  actualCost?: Maybe<Scalars['Float']['output']>;
  /** The instant the evidence is as of and as known at (the decision's decidedAt). */
  asOf: Scalars['DateTime']['output'];
  /** Budget then. */
  budget?: Maybe<Scalars['Float']['output']>;
  /** Each counted hypothesis's progress then, in creation order. */
  hypotheses: Array<EvidenceHypothesis>;
  /** The model `rank` and `score` are under (the portfolio's default, WSJF). */
  model: RankingModel;
  /** Its rank in its portfolio's subtree then; null when unscored or not ranked. */
  rank?: Maybe<Scalars['Int']['output']>;
  /** Released funding then, including what this decision released. */
  releasedFunding: Scalars['Float']['output'];
  /** Its score then. */
  score?: Maybe<Scalars['Float']['output']>;
  /** How many initiatives were scored in that ranking. */
  scoredCount: Scalars['Int']['output'];
  /** The signals raised on it then. */
  signals: Array<EvidenceSignal>;
  /** The initiative's value summary then. */
  valueSummary: ValueSummary;
};

/** Narrows a decision list. */
export type DecisionFilter = {
  /** On `Portfolio.decisions`: also decisions on initiatives of every portfolio below it. */
  includeDescendants?: Scalars['Boolean']['input'];
  /** Only these kinds. */
  kinds?: InputMaybe<Array<DecisionKind>>;
  /** Decided at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Decided before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a decision changes an initiative's course, and the stage move it makes (DOMAIN.md, “Decisions”). */
export type DecisionKind =
  /** Invest more or sooner (no move). */
  | 'ACCELERATE'
  /** IDEA or PROPOSED → APPROVED. */
  | 'APPROVE'
  /** DELIVERED → CLOSED (no review date needed). */
  | 'CLOSE'
  /** Stay the course (no move). */
  | 'CONTINUE'
  /** IN_DELIVERY → DELIVERED. */
  | 'DELIVER'
  /** APPROVED or IN_DELIVERY → ON_HOLD. */
  | 'PAUSE'
  /** Change the approach (no move); the hypotheses are then revised. */
  | 'PIVOT'
  /** Release planned funding tranches (no move). */
  | 'RELEASE_FUNDS'
  /** ON_HOLD → the stage the pause left. */
  | 'RESUME'
  /** APPROVED → IN_DELIVERY (may release tranches). */
  | 'START'
  /** Any open stage → STOPPED (no review date needed). */
  | 'STOP';

/** The gate policy that applies to a portfolio. */
export type EffectiveGatePolicy = {
  __typename?: 'EffectiveGatePolicy';
  /** The portfolio that defines it (this one or above); null: the built-in default. */
  definedBy?: Maybe<Portfolio>;
  /** The gates, by stage. */
  gates: Array<Gate>;
};

/** A counted hypothesis's progress when the decision was made. */
export type EvidenceHypothesis = {
  __typename?: 'EvidenceHypothesis';
  /** The current value then; null without data. */
  current?: Maybe<Scalars['Float']['output']>;
  /** Share of the time to targetDate passed then. */
  expectedRatio: Scalars['Float']['output'];
  /** The least-squares forecast's ratio at targetDate then. */
  forecastRatio?: Maybe<Scalars['Float']['output']>;
  /** Global ID of the hypothesis. */
  hypothesisId: Scalars['ID']['output'];
  /** (current − baseline) / (target − baseline) then. */
  ratio?: Maybe<Scalars['Float']['output']>;
  /** Its statement then. */
  statement: Scalars['String']['output'];
  /** Status then. */
  status: ProgressStatus;
};

/** A signal raised on the initiative when the decision was made. */
export type EvidenceSignal = {
  __typename?: 'EvidenceSignal';
  /** Which rule fired. */
  kind: SignalKind;
  /** Why, in words, then. */
  reason: Scalars['String']['output'];
  /** Its state then (a decision does not count for its own evidence). */
  state: SignalState;
};

/** One field of a change, before and after. */
export type FieldChange = {
  __typename?: 'FieldChange';
  /** Its value after the change (null on DELETE, or when it became null). */
  after?: Maybe<Scalars['JSON']['output']>;
  /** Its value before the change (null on CREATE, or when it was null). */
  before?: Maybe<Scalars['JSON']['output']>;
  /** The field's name, as in the object's type (e.g. `budget`). */
  field: Scalars['String']['output'];
};

/** A slice of an initiative's funding, released by a decision. */
export type FundingTranche = Node & {
  __typename?: 'FundingTranche';
  /** Amount in the reporting currency (> 0). */
  amount: Scalars['Float']['output'];
  /** When the object was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** The initiative it funds. */
  initiative: Initiative;
  /** When it is planned to be released. */
  plannedDate: Scalars['LocalDate']['output'];
  /** When it was released. */
  releasedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The decision that released it. */
  releasedBy?: Maybe<Decision>;
  /** PLANNED, RELEASED or CANCELLED. */
  state: TrancheState;
  /** When the object last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one on every change; send it as `expectedVersion` to detect concurrent edits. */
  version: Scalars['Int']['output'];
};

/** A page of FundingTranche objects (Relay connection). */
export type FundingTrancheConnection = {
  __typename?: 'FundingTrancheConnection';
  /** The edges of this page. */
  edges: Array<FundingTrancheEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<FundingTranche>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a FundingTranche connection. */
export type FundingTrancheEdge = {
  __typename?: 'FundingTrancheEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The FundingTranche. */
  node: FundingTranche;
};

/** The criteria one stage's gate requires. */
export type Gate = {
  __typename?: 'Gate';
  /** What must hold to enter it. */
  criteria: Array<GateCriterion>;
  /** The stage entered. */
  stage: InitiativeStage;
};

/** A condition a stage gate can require. */
export type GateCriterion =
  /** At least one ACTIVE hypothesis with expectedBenefit > 0. */
  | 'ACTIVE_HYPOTHESIS_WITH_BENEFIT'
  /** The initiative has a budget. */
  | 'BUDGET_SET'
  /** Every hypothesis is VALIDATED, INVALIDATED or ABANDONED. */
  | 'HYPOTHESES_CONCLUDED'
  /** Every counted hypothesis has a measurement in [baselineAt, now]. */
  | 'HYPOTHESES_HAVE_DATA'
  /** No metric of a counted hypothesis is stale. */
  | 'METRICS_FRESH'
  /** When the initiative has funding tranches, at least one is released (by this decision or before). */
  | 'TRANCHE_RELEASED';

/** The criteria one stage's gate requires. */
export type GateInput = {
  /** What must hold to enter it (empty: nothing). */
  criteria: Array<GateCriterion>;
  /** The stage entered. */
  stage: InitiativeStage;
};

/** An ADMIN's override of unmet gate criteria. */
export type GateOverride = {
  __typename?: 'GateOverride';
  /** Why they were set aside. */
  reason: Scalars['String']['output'];
  /** The criteria that were not met. */
  unmet: Array<UnmetGateCriterion>;
};

/** An ADMIN's override of unmet gate criteria. */
export type GateOverrideInput = {
  /** Why the criteria are set aside (recorded with the decision). */
  reason: Scalars['String']['input'];
};

/** Progress of an outcome hypothesis as of an instant (DOMAIN.md, “Value realization”). Only measurements observed in [baselineAt, asOf] count. */
export type HypothesisProgress = {
  __typename?: 'HypothesisProgress';
  /** The instant this progress is evaluated at (world time: observations made by then count). */
  asOf: Scalars['DateTime']['output'];
  /** The value of the measurement with the greatest observedAt in [baselineAt, asOf] (ties: latest recorded); null when there is none. */
  current?: Maybe<Scalars['Float']['output']>;
  /** When the current value was observed. */
  currentObservedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Share of the time from baselineAt to targetDate that has passed at asOf, clamped to [0, 1]. */
  expectedRatio: Scalars['Float']['output'];
  /** When the forecast line reaches the target, if it moves in the better direction and reaches it after baselineAt; else null. */
  forecastAchievedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The least-squares line of value on time through the measurements in [baselineAt, asOf], evaluated at targetDate. Null with fewer than 3 distinct observation times. */
  forecastAtTarget?: Maybe<Scalars['Float']['output']>;
  /** The ratio forecastAtTarget would give; null without a forecast. */
  forecastRatio?: Maybe<Scalars['Float']['output']>;
  /** The record time it was computed at: what the service had recorded by then counts. Store it with the figure to reproduce it. */
  knownAt: Scalars['DateTime']['output'];
  /** (current − baseline) / (target − baseline), not clamped: below 0 when the KPI moved the wrong way, above 1 on overshoot. Null without data. */
  ratio?: Maybe<Scalars['Float']['output']>;
  /** Status by DOMAIN.md's rules. */
  status: ProgressStatus;
};

/** Set by people. Rollups count ACTIVE, VALIDATED and INVALIDATED hypotheses. */
export type HypothesisState =
  /** No longer relevant; not counted. */
  | 'ABANDONED'
  /** Being tracked. */
  | 'ACTIVE'
  /** Being written; not counted. */
  | 'DRAFT'
  /** Judged false by its owners (still counted: the money was spent). */
  | 'INVALIDATED'
  /** Judged true by its owners. */
  | 'VALIDATED';

/** An investment: a project, product bet or change programme. */
export type Initiative = Node & {
  __typename?: 'Initiative';
  /** Spent to date in the reporting currency (≥ 0). */
  actualCost?: Maybe<Scalars['Float']['output']>;
  /** Planned cost in the reporting currency (≥ 0). */
  budget?: Maybe<Scalars['Float']['output']>;
  /** WSJF business value, on the scale 1, 2, 3, 5, 8, 13, 20. */
  businessValue?: Maybe<Scalars['Int']['output']>;
  /** RICE confidence, from 0 to 1. */
  confidence?: Maybe<Scalars['Float']['output']>;
  /** When the object was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Decisions on this initiative, newest first. */
  decisions: DecisionConnection;
  /** What the initiative does and why. */
  description?: Maybe<Scalars['String']['output']>;
  /** RICE effort in person-months (> 0). */
  effort?: Maybe<Scalars['Float']['output']>;
  /** Every recorded change of this object, newest first: who, when, in which request, each field before and after. */
  history: ChangeConnection;
  /** The outcome hypotheses that justify this initiative. */
  hypotheses: OutcomeHypothesisConnection;
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** RICE impact: one of 0.25, 0.5, 1, 2, 3. */
  impact?: Maybe<Scalars['Float']['output']>;
  /** WSJF job size, on the scale 1, 2, 3, 5, 8, 13, 20. */
  jobSize?: Maybe<Scalars['Int']['output']>;
  /** Display name, 1–200 characters. */
  name: Scalars['String']['output'];
  /** Who delivers it (free text). */
  owner?: Maybe<Scalars['String']['output']>;
  /** The portfolio the initiative belongs to. */
  portfolio: Portfolio;
  /** RICE reach: people or events per quarter (≥ 0). */
  reach?: Maybe<Scalars['Float']['output']>;
  /** Σ of its RELEASED funding tranches' amounts (0 without any); changed only by the decisions that release them. */
  releasedFunding: Scalars['Float']['output'];
  /** WSJF risk reduction / opportunity enablement, on the scale 1, 2, 3, 5, 8, 13, 20. */
  riskReduction?: Maybe<Scalars['Int']['output']>;
  /** The signals raised on this initiative as of an instant, in its portfolio's ranking (whole subtree, WSJF), with their state. */
  signals: Array<Signal>;
  /** Who pays for it and answers for its outcomes (free text). */
  sponsor?: Maybe<Scalars['String']['output']>;
  /** Life-cycle stage. */
  stage: InitiativeStage;
  /** Planned start (calendar date). */
  startDate?: Maybe<Scalars['LocalDate']['output']>;
  /** Free-form labels for filtering and grouping. */
  tags: Array<Scalars['String']['output']>;
  /** Planned delivery (calendar date, ≥ startDate). */
  targetDate?: Maybe<Scalars['LocalDate']['output']>;
  /** WSJF time criticality, on the scale 1, 2, 3, 5, 8, 13, 20. */
  timeCriticality?: Maybe<Scalars['Int']['output']>;
  /** Its funding tranches, by planned date (every state). */
  tranches: FundingTrancheConnection;
  /** When the object last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Value realization over this initiative's counted hypotheses, and its money. */
  valueSummary: ValueSummary;
  /** Increases by one on every change; send it as `expectedVersion` to detect concurrent edits. */
  version: Scalars['Int']['output'];
};


/** An investment: a project, product bet or change programme. */
export type InitiativeDecisionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DecisionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An investment: a project, product bet or change programme. */
export type InitiativeHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An investment: a project, product bet or change programme. */
export type InitiativeHypothesesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OutcomeHypothesisFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<OutcomeHypothesisOrder>;
};


/** An investment: a project, product bet or change programme. */
export type InitiativeSignalsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  kinds?: InputMaybe<Array<SignalKind>>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  states?: InputMaybe<Array<SignalState>>;
};


/** An investment: a project, product bet or change programme. */
export type InitiativeTranchesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An investment: a project, product bet or change programme. */
export type InitiativeValueSummaryArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A page of Initiative objects (Relay connection). */
export type InitiativeConnection = {
  __typename?: 'InitiativeConnection';
  /** The edges of this page. */
  edges: Array<InitiativeEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Initiative>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a Initiative connection. */
export type InitiativeEdge = {
  __typename?: 'InitiativeEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Initiative. */
  node: Initiative;
};

/** Narrows an initiative list; all given conditions must hold. */
export type InitiativeFilter = {
  /** With portfolioId, or on `Portfolio.initiatives`: also initiatives of every portfolio below it. */
  includeDescendants?: Scalars['Boolean']['input'];
  /** Name contains this text (case-insensitive). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only initiatives of this portfolio (see includeDescendants). */
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
  /** Only initiatives in one of these stages. */
  stages?: InputMaybe<Array<InitiativeStage>>;
  /** Only initiatives carrying all of these tags. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** How to sort a Initiative list. */
export type InitiativeOrder = {
  /** Sort direction. */
  direction?: OrderDirection;
  /** The field to sort by. */
  field?: InitiativeOrderField;
};

/** Fields an initiative list can be sorted by. */
export type InitiativeOrderField =
  /** By creation time. */
  | 'CREATED_AT'
  /** By name. */
  | 'NAME'
  /** By life-cycle stage, IDEA first. */
  | 'STAGE'
  /** By last change. */
  | 'UPDATED_AT';

/** Where an initiative is in its life. */
export type InitiativeStage =
  /** Funded, not yet started. */
  | 'APPROVED'
  /** Finished; no longer tracked for prioritization. */
  | 'CLOSED'
  /** Delivered; its outcomes are still being measured. */
  | 'DELIVERED'
  /** Captured, not yet proposed. */
  | 'IDEA'
  /** Being built or rolled out. */
  | 'IN_DELIVERY'
  /** Paused by a PAUSE decision; RESUME returns it to the stage it left. */
  | 'ON_HOLD'
  /** Proposed for funding. */
  | 'PROPOSED'
  /** Stopped before completion. */
  | 'STOPPED';

/** One observation of a metric. */
export type Measurement = Node & {
  __typename?: 'Measurement';
  /** When the first value for this key was stored. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** The metric observed. */
  metric: Metric;
  /** Free-text remark from the reporter. */
  note?: Maybe<Scalars['String']['output']>;
  /** When the value was true in the world. */
  observedAt: Scalars['DateTime']['output'];
  /** When the service stored the current value. */
  recordedAt: Scalars['DateTime']['output'];
  /** Who submitted the current value. */
  recordedBy?: Maybe<Scalars['String']['output']>;
  /** When it was retracted (retractMeasurements): from then on it counts nowhere, until its key is recorded again. Null: it counts. */
  retractedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who retracted it. */
  retractedBy?: Maybe<Scalars['String']['output']>;
  /** Values this measurement had before corrections replaced them, oldest first (empty when never corrected). */
  revisions: Array<MeasurementRevision>;
  /** Which script or system reported it; part of the natural key. */
  source: Scalars['String']['output'];
  /** When the current value was stored (same as `recordedAt`). */
  updatedAt: Scalars['DateTime']['output'];
  /** The observed value (finite), in the metric's unit. */
  value: Scalars['Float']['output'];
};

/** A page of Measurement objects (Relay connection). */
export type MeasurementConnection = {
  __typename?: 'MeasurementConnection';
  /** The edges of this page. */
  edges: Array<MeasurementEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Measurement>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a Measurement connection. */
export type MeasurementEdge = {
  __typename?: 'MeasurementEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Measurement. */
  node: Measurement;
};

/** Narrows a measurement list; all given conditions must hold. */
export type MeasurementFilter = {
  /** true: only measurements corrected at least once (with `revisions`); false: only never-corrected ones; null: both. */
  corrected?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only observations at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Also list retracted measurements (they count nowhere). */
  includeRetracted?: Scalars['Boolean']['input'];
  /** Only observations from one of these sources. */
  sources?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only observations before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One observation to record. Name the metric by exactly one of `metricKey` or `metricId`. (metric, observedAt, source) is the natural key: resending it is a no-op when the value is equal, a correction when it differs. */
export type MeasurementInput = {
  /** A conditional correction: write only if this key is stored, counted (not retracted) and holds exactly this value; otherwise the item is rejected with CONFLICT and the stored value is named in the message. Guards a correction against one made meanwhile by someone else. */
  expectedValue?: InputMaybe<Scalars['Float']['input']>;
  /** A conditional write: only if this key is not stored, or was last recorded or retracted at or before this instant (e.g. the `recordedAt` you read); otherwise the item is rejected with CONFLICT. */
  ifUnchangedSince?: InputMaybe<Scalars['DateTime']['input']>;
  /** The metric's global ID; give this or `metricKey`, not both. */
  metricId?: InputMaybe<Scalars['ID']['input']>;
  /** The metric's `key`; give this or `metricId`, not both. */
  metricKey?: InputMaybe<Scalars['String']['input']>;
  /** Free-text remark. Changing only the note of an existing key (same value) is a no-op: it counts as unchanged. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** When the value was true in the world; at most 24 hours ahead of now. Kept to the millisecond, so two instants that differ only below a millisecond are the same key. */
  observedAt: Scalars['DateTime']['input'];
  /** Which script or system reports it (1–200 characters); part of the natural key. Defaults to the caller's name. */
  source?: InputMaybe<Scalars['String']['input']>;
  /** The observed value in the metric's unit: finite, at most 1e15 in magnitude (so any bucket's sum stays finite). */
  value: Scalars['Float']['input'];
};

/** The natural key of a stored measurement: the metric (by exactly one of `metricKey` or `metricId`), `observedAt` and `source`. */
export type MeasurementKeyInput = {
  /** The metric's global ID; give this or `metricKey`, not both. */
  metricId?: InputMaybe<Scalars['ID']['input']>;
  /** The metric's `key`; give this or `metricId`, not both. */
  metricKey?: InputMaybe<Scalars['String']['input']>;
  /** The instant the measurement was recorded for. */
  observedAt: Scalars['DateTime']['input'];
  /** The source it was recorded with. Defaults to the caller's name, as when recording. */
  source?: InputMaybe<Scalars['String']['input']>;
};

/** How to sort a Measurement list. */
export type MeasurementOrder = {
  /** Sort direction. */
  direction?: OrderDirection;
  /** The field to sort by. */
  field?: MeasurementOrderField;
};

/** Fields a measurement list can be sorted by. */
export type MeasurementOrderField =
  /** By when the value was true in the world. */
  | 'OBSERVED_AT'
  /** By when the current value was stored. */
  | 'RECORDED_AT';

/** Why one item of a recordMeasurements batch was not written. */
export type MeasurementRejection = {
  __typename?: 'MeasurementRejection';
  /** Why the item was refused: BAD_USER_INPUT, NOT_FOUND, FORBIDDEN or CONFLICT. */
  code: MeasurementRejectionCode;
  /** The input path at fault, e.g. `input.measurements.3.value`; the item itself (`input.measurements.3`) when no single field is. */
  field?: Maybe<Scalars['String']['output']>;
  /** Position of the item in `input.measurements` (0-based). */
  index: Scalars['Int']['output'];
  /** What is wrong, for a person to read. */
  message: Scalars['String']['output'];
};

/** Why one item of a recordMeasurements batch was refused; the same codes as `errors[].extensions.code`. */
export type MeasurementRejectionCode =
  /** The item is invalid (value, observedAt, source, note, or the same key twice in one call); `field` names the input. */
  | 'BAD_USER_INPUT'
  /** The item's condition (`expectedValue` or `ifUnchangedSince`) does not hold for the stored key. */
  | 'CONFLICT'
  /** The caller sees the metric but may not record it (a VIEWER, or an API token whose scope does not name it). */
  | 'FORBIDDEN'
  /** No metric with this key or ID, or one the caller may not see. */
  | 'NOT_FOUND';

/** An earlier state of a measurement that a later correction, retraction or re-recording superseded. */
export type MeasurementRevision = {
  __typename?: 'MeasurementRevision';
  /** The note that came with the superseded value. */
  note?: Maybe<Scalars['String']['output']>;
  /** When the superseded value had been stored. */
  recordedAt: Scalars['DateTime']['output'];
  /** Who had submitted the superseded value. */
  recordedBy?: Maybe<Scalars['String']['output']>;
  /** Set when this earlier state was a retraction: the key did not count from then until `supersededAt`. */
  retractedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the correction, retraction or new recording replaced it. */
  supersededAt: Scalars['DateTime']['output'];
  /** The superseded value. */
  value: Scalars['Float']['output'];
};

/** A business KPI, measured over time, independent of any one initiative. */
export type Metric = Node & {
  __typename?: 'Metric';
  /** How measurements combine inside a series bucket. */
  aggregation: MetricAggregation;
  /** Expected update interval; null when irregular. */
  cadence?: Maybe<MetricCadence>;
  /** When the object was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What is measured and how. */
  description?: Maybe<Scalars['String']['output']>;
  /** Which way is better. */
  direction: MetricDirection;
  /** Every recorded change of this object, newest first: who, when, in which request, each field before and after. */
  history: ChangeConnection;
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** Unique, stable handle for scripts: lower case, `^[a-z0-9][a-z0-9_.-]{0,99}$`. */
  key: Scalars['String']['output'];
  /** The counted measurement with the greatest observedAt (ties: the latest recorded); null before the first one. At a past knownAt, with the value it had then. */
  latest?: Maybe<Measurement>;
  /** Observations of this metric, newest first unless ordered otherwise. */
  measurements: MeasurementConnection;
  /** Display name, 1–200 characters. */
  name: Scalars['String']['output'];
  /** The owning portfolio; null when you can see the metric only through a hypothesis, not its portfolio. */
  portfolio?: Maybe<Portfolio>;
  /** Measurements of [from, to) in calendar buckets (UTC), combined by the metric's aggregation; empty buckets have value null and count 0. At most 1000 buckets. */
  series: Array<SeriesPoint>;
  /** True when a cadence is set and the latest observation is more than twice the cadence old (DAILY 1, WEEKLY 7, MONTHLY 30, QUARTERLY 91 days), or there is none yet. */
  stale: Scalars['Boolean']['output'];
  /** Unit of the values, free text (`USD`, `%`, `ms`, `count`). */
  unit?: Maybe<Scalars['String']['output']>;
  /** When the object last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one on every change; send it as `expectedVersion` to detect concurrent edits. */
  version: Scalars['Int']['output'];
};


/** A business KPI, measured over time, independent of any one initiative. */
export type MetricHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A business KPI, measured over time, independent of any one initiative. */
export type MetricLatestArgs = {
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A business KPI, measured over time, independent of any one initiative. */
export type MetricMeasurementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MeasurementFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MeasurementOrder>;
};


/** A business KPI, measured over time, independent of any one initiative. */
export type MetricSeriesArgs = {
  from: Scalars['DateTime']['input'];
  interval: SeriesInterval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to: Scalars['DateTime']['input'];
};

/** How the measurements inside one time bucket combine in a series. */
export type MetricAggregation =
  /** The arithmetic mean. */
  | 'AVERAGE'
  /** The value observed last in the bucket (levels: headcount, NPS). */
  | 'LAST'
  /** The largest value. */
  | 'MAX'
  /** The smallest value. */
  | 'MIN'
  /** The sum (flows: orders, revenue). */
  | 'SUM';

/** How often new measurements are expected; a metric is stale after twice this long without one. */
export type MetricCadence =
  /** Every day. */
  | 'DAILY'
  /** Every month (counted as 30 days). */
  | 'MONTHLY'
  /** Every quarter (counted as 91 days). */
  | 'QUARTERLY'
  /** Every week (7 days). */
  | 'WEEKLY';

/** A page of Metric objects (Relay connection). */
export type MetricConnection = {
  __typename?: 'MetricConnection';
  /** The edges of this page. */
  edges: Array<MetricEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Metric>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Which way the metric is better. */
export type MetricDirection =
  /** Lower is better (cost, latency, churn). */
  | 'DECREASE'
  /** Higher is better (revenue, conversion). */
  | 'INCREASE';

/** An edge in a Metric connection. */
export type MetricEdge = {
  __typename?: 'MetricEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Metric. */
  node: Metric;
};

/** Narrows a metric list; all given conditions must hold. */
export type MetricFilter = {
  /** Only metrics with this direction. */
  direction?: InputMaybe<MetricDirection>;
  /** With portfolioId, or on `Portfolio.metrics`: also metrics of every portfolio below it. */
  includeDescendants?: Scalars['Boolean']['input'];
  /** Only metrics with one of these keys. */
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only metrics owned by this portfolio (see includeDescendants). */
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
  /** Key or name contains this text (case-insensitive). */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** How to sort a Metric list. */
export type MetricOrder = {
  /** Sort direction. */
  direction?: OrderDirection;
  /** The field to sort by. */
  field?: MetricOrderField;
};

/** Fields a metric list can be sorted by. */
export type MetricOrderField =
  /** By creation time. */
  | 'CREATED_AT'
  /** By key. */
  | 'KEY'
  /** By name. */
  | 'NAME'
  /** By last change. */
  | 'UPDATED_AT';

export type Mutation = {
  __typename?: 'Mutation';
  /** Grant or change a person's role on a portfolio (needs OWNER there). */
  addPortfolioMember: AddPortfolioMemberPayload;
  /** Archive a portfolio (hidden from lists unless asked for) or restore it. */
  archivePortfolio: ArchivePortfolioPayload;
  /** Create an API token for a script; the secret is returned once. */
  createApiToken: CreateApiTokenPayload;
  /** Create an initiative in a portfolio. */
  createInitiative: CreateInitiativePayload;
  /** Create a metric; a key already taken is CONFLICT. */
  createMetric: CreateMetricPayload;
  /** State a new outcome hypothesis for an initiative. */
  createOutcomeHypothesis: CreateOutcomeHypothesisPayload;
  /** Create a portfolio, as a root or under a parent. */
  createPortfolio: CreatePortfolioPayload;
  /** Define a custom scoring model for a portfolio (needs OWNER). */
  createScoringModel: CreateScoringModelPayload;
  /** Plan an initiative's funding in tranches, or cancel planned ones (needs OWNER). */
  planTranches: PlanTranchesPayload;
  /** Decide on an initiative (needs OWNER of its portfolio): the only way its stage changes. Refused with GATE_NOT_MET when the stage gate's criteria are unmet, unless an ADMIN overrides. Freezes the evidence. */
  recordDecision: RecordDecisionPayload;
  /** Record a batch of measurements in one transaction, idempotently: a key already stored with the same value is unchanged, a different value is a correction that keeps the old one as a revision. Safe to retry. */
  recordMeasurements: RecordMeasurementsPayload;
  /** Take a person's role on a portfolio away (needs OWNER there). */
  removePortfolioMember: RemovePortfolioMemberPayload;
  /** Retract measurements (a wrong load): from now on they count in no value, series or report, and their values stay readable in `revisions`. Recording a retracted key again makes it count again, as a new revision. Safe to retry. */
  retractMeasurements: RetractMeasurementsPayload;
  /** Revoke an API token (yours, or any for admins); refused from the next request on. */
  revokeApiToken: RevokeApiTokenPayload;
  /** Plan a scenario and keep its inputs, result and author (anyone who sees the portfolio). */
  saveScenario: SaveScenarioPayload;
  /** Set the stage gates of a portfolio and its subtree, or remove its own (needs OWNER). */
  setGatePolicy: SetGatePolicyPayload;
  /** Set an initiative's values on a custom model's criteria (needs OWNER). */
  setInitiativeScores: SetInitiativeScoresPayload;
  /** Put a signal on an initiative aside until a date, with a reason (needs OWNER): it is SNOOZED until then. */
  snoozeSignal: SnoozeSignalPayload;
  /** Change an initiative (stage, money, dates, tags …). */
  updateInitiative: UpdateInitiativePayload;
  /** Change a metric (its key stays). */
  updateMetric: UpdateMetricPayload;
  /** Change an outcome hypothesis, including its state. */
  updateOutcomeHypothesis: UpdateOutcomeHypothesisPayload;
  /** Change a portfolio, including moving it under another parent. */
  updatePortfolio: UpdatePortfolioPayload;
  /** Change a scoring model: a new version; rankings name the version they used (needs OWNER). */
  updateScoringModel: UpdateScoringModelPayload;
};


export type MutationAddPortfolioMemberArgs = {
  input: AddPortfolioMemberInput;
};


export type MutationArchivePortfolioArgs = {
  input: ArchivePortfolioInput;
};


export type MutationCreateApiTokenArgs = {
  input: CreateApiTokenInput;
};


export type MutationCreateInitiativeArgs = {
  input: CreateInitiativeInput;
};


export type MutationCreateMetricArgs = {
  input: CreateMetricInput;
};


export type MutationCreateOutcomeHypothesisArgs = {
  input: CreateOutcomeHypothesisInput;
};


export type MutationCreatePortfolioArgs = {
  input: CreatePortfolioInput;
};


export type MutationCreateScoringModelArgs = {
  input: CreateScoringModelInput;
};


export type MutationPlanTranchesArgs = {
  input: PlanTranchesInput;
};


export type MutationRecordDecisionArgs = {
  input: RecordDecisionInput;
};


export type MutationRecordMeasurementsArgs = {
  input: RecordMeasurementsInput;
};


export type MutationRemovePortfolioMemberArgs = {
  input: RemovePortfolioMemberInput;
};


export type MutationRetractMeasurementsArgs = {
  input: RetractMeasurementsInput;
};


export type MutationRevokeApiTokenArgs = {
  input: RevokeApiTokenInput;
};


export type MutationSaveScenarioArgs = {
  input: SaveScenarioInput;
};


export type MutationSetGatePolicyArgs = {
  input: SetGatePolicyInput;
};


export type MutationSetInitiativeScoresArgs = {
  input: SetInitiativeScoresInput;
};


export type MutationSnoozeSignalArgs = {
  input: SnoozeSignalInput;
};


export type MutationUpdateInitiativeArgs = {
  input: UpdateInitiativeInput;
};


export type MutationUpdateMetricArgs = {
  input: UpdateMetricInput;
};


export type MutationUpdateOutcomeHypothesisArgs = {
  input: UpdateOutcomeHypothesisInput;
};


export type MutationUpdatePortfolioArgs = {
  input: UpdatePortfolioInput;
};


export type MutationUpdateScoringModelArgs = {
  input: UpdateScoringModelInput;
};

/** An object with a globally unique, opaque ID that `node(id:)` refetches. */
export type Node = {
  /** Opaque global ID; encodes the type and the row. Do not parse it. */
  id: Scalars['ID']['output'];
};

/** Sort direction. */
export type OrderDirection =
  /** Ascending. */
  | 'ASC'
  /** Descending. */
  | 'DESC';

/** “We believe that <initiative> will move <metric> from <baseline> to <target> by <targetDate>.” */
export type OutcomeHypothesis = Node & {
  __typename?: 'OutcomeHypothesis';
  /** The metric's value at `baselineAt`. */
  baseline: Scalars['Float']['output'];
  /** When the baseline was true; progress counts measurements from here. */
  baselineAt: Scalars['DateTime']['output'];
  /** When the object was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Money the outcome is worth if fully achieved, in the reporting currency (≥ 0). */
  expectedBenefit: Scalars['Float']['output'];
  /** Every recorded change of this object, newest first: who, when, in which request, each field before and after. */
  history: ChangeConnection;
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** The initiative expected to move the metric. */
  initiative: Initiative;
  /** The metric it is expected to move. */
  metric: Metric;
  /** Progress towards the target as of an instant: current value, ratio, status and a least-squares forecast. */
  progress: HypothesisProgress;
  /** Progress at the end of every calendar bucket (UTC) of [from, to): ratio, expectedRatio and status per period, for a status history or a burn-up chart. At most 1000 buckets. */
  progressSeries: Array<ProgressPoint>;
  /** Set by people; decides whether rollups count it. */
  state: HypothesisState;
  /** The hypothesis in words. */
  statement: Scalars['String']['output'];
  /** The value the initiative should reach; on the metric's better side of the baseline. */
  target: Scalars['Float']['output'];
  /** When the target should be reached (after `baselineAt`). */
  targetDate: Scalars['DateTime']['output'];
  /** When the object last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one on every change; send it as `expectedVersion` to detect concurrent edits. */
  version: Scalars['Int']['output'];
  /** Relative importance in rollups (> 0). */
  weight: Scalars['Float']['output'];
};


/** “We believe that <initiative> will move <metric> from <baseline> to <target> by <targetDate>.” */
export type OutcomeHypothesisHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** “We believe that <initiative> will move <metric> from <baseline> to <target> by <targetDate>.” */
export type OutcomeHypothesisProgressArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
};


/** “We believe that <initiative> will move <metric> from <baseline> to <target> by <targetDate>.” */
export type OutcomeHypothesisProgressSeriesArgs = {
  from: Scalars['DateTime']['input'];
  interval: SeriesInterval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to: Scalars['DateTime']['input'];
};

/** A page of OutcomeHypothesis objects (Relay connection). */
export type OutcomeHypothesisConnection = {
  __typename?: 'OutcomeHypothesisConnection';
  /** The edges of this page. */
  edges: Array<OutcomeHypothesisEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<OutcomeHypothesis>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a OutcomeHypothesis connection. */
export type OutcomeHypothesisEdge = {
  __typename?: 'OutcomeHypothesisEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The OutcomeHypothesis. */
  node: OutcomeHypothesis;
};

/** Narrows a hypothesis list; all given conditions must hold. */
export type OutcomeHypothesisFilter = {
  /** Only hypotheses of this initiative. */
  initiativeId?: InputMaybe<Scalars['ID']['input']>;
  /** Only hypotheses about this metric. */
  metricId?: InputMaybe<Scalars['ID']['input']>;
  /** Only hypotheses of initiatives in this portfolio or below it. */
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
  /** Only hypotheses in one of these states. */
  states?: InputMaybe<Array<HypothesisState>>;
};

/** How to sort a OutcomeHypothesis list. */
export type OutcomeHypothesisOrder = {
  /** Sort direction. */
  direction?: OrderDirection;
  /** The field to sort by. */
  field?: OutcomeHypothesisOrderField;
};

/** Fields a hypothesis list can be sorted by. */
export type OutcomeHypothesisOrderField =
  /** By creation time. */
  | 'CREATED_AT'
  /** By target date. */
  | 'TARGET_DATE'
  /** By last change. */
  | 'UPDATED_AT';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** More items follow the last edge. */
  hasNextPage: Scalars['Boolean']['output'];
  /** More items precede the first edge. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What to plan: the money available, the model and the constraints. */
export type PlanScenarioInput = {
  /** Money available for the remaining cost of the chosen initiatives (≥ 0). */
  budget: Scalars['Float']['input'];
  /** Costs are rounded up (and the budget down) to a multiple of this, for the exact optimizer; default: chosen from the budget. */
  costUnit?: InputMaybe<Scalars['Float']['input']>;
  /** Initiatives the plan must leave out. */
  exclude?: Array<Scalars['ID']['input']>;
  /** Candidates from the whole subtree (default) or only this portfolio. */
  includeDescendants?: Scalars['Boolean']['input'];
  /** Plan from what the service had recorded at this instant: candidates, stages, costs and scores then (default: the operation's @knownAt, else now). */
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The score to maximise. */
  model?: RankingModel;
  /** Initiatives the plan must contain. */
  mustInclude?: Array<Scalars['ID']['input']>;
  /** The portfolio whose initiatives compete. */
  portfolioId: Scalars['ID']['input'];
  /** CUSTOM: the scoring model. */
  scoringModelId?: InputMaybe<Scalars['ID']['input']>;
  /** Stages that compete (default IDEA, PROPOSED, APPROVED, IN_DELIVERY). */
  stages?: InputMaybe<Array<InitiativeStage>>;
};

/** Plan an initiative's funding in tranches, and cancel planned ones. */
export type PlanTranchesInput = {
  /** New PLANNED tranches. */
  add?: Array<TrancheInput>;
  /** PLANNED tranches to cancel. */
  cancel?: Array<Scalars['ID']['input']>;
  /** The initiative. */
  initiativeId: Scalars['ID']['input'];
};

/** Result of planTranches. */
export type PlanTranchesPayload = {
  __typename?: 'PlanTranchesPayload';
  /** The tranches added, in input order. */
  added: Array<FundingTranche>;
  /** The initiative; its `tranches` list the plan. */
  initiative: Initiative;
};

/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type Portfolio = Node & {
  __typename?: 'Portfolio';
  /** When the portfolio was archived; archived portfolios are hidden from lists unless asked for. */
  archivedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Planned investment capacity in the reporting currency (≥ 0). */
  budget?: Maybe<Scalars['Float']['output']>;
  /** Direct child portfolios. */
  children: PortfolioConnection;
  /** When the object was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Decisions on initiatives of this portfolio (with includeDescendants, of its subtree), newest first. */
  decisions: DecisionConnection;
  /** What the portfolio covers. */
  description?: Maybe<Scalars['String']['output']>;
  /** The stage gates that apply here: its own policy, the nearest one above, or the built-in default. */
  gatePolicy: EffectiveGatePolicy;
  /** Every recorded change of this object, newest first: who, when, in which request, each field before and after. */
  history: ChangeConnection;
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** Initiatives of this portfolio: its own, or with `filter: {includeDescendants: true}` those of its whole subtree. */
  initiatives: InitiativeConnection;
  /** People granted a role directly on this portfolio (roles are inherited from ancestors too). */
  members: PortfolioMemberConnection;
  /** Metrics owned by this portfolio, or with `filter: {includeDescendants: true}` by its whole subtree. */
  metrics: MetricConnection;
  /** Display name, 1–200 characters. */
  name: Scalars['String']['output'];
  /** Who is accountable for the portfolio (free text). */
  owner?: Maybe<Scalars['String']['output']>;
  /** The parent portfolio; null for a tree root. */
  parent?: Maybe<Portfolio>;
  /** Initiatives ranked by a model (CLOSED and STOPPED left out): score descending, ties by expected benefit, then name. */
  ranking: RankingConnection;
  /** Custom scoring models this portfolio defines. */
  scoringModels: ScoringModelConnection;
  /** Evidence-driven re-prioritization signals as of an instant, in ranking order, with their state. */
  signals: Array<Signal>;
  /** When the object last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Value realization over the initiatives of this portfolio's whole subtree (archived portfolios included), or only its own. */
  valueSummary: ValueSummary;
  /** Increases by one on every change; send it as `expectedVersion` to detect concurrent edits. */
  version: Scalars['Int']['output'];
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PortfolioFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PortfolioOrder>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioDecisionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DecisionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioInitiativesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InitiativeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<InitiativeOrder>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioMetricsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MetricFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MetricOrder>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioRankingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDescendants?: Scalars['Boolean']['input'];
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  model?: RankingModel;
  scoringModelId?: InputMaybe<Scalars['ID']['input']>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioScoringModelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioSignalsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  includeDescendants?: Scalars['Boolean']['input'];
  kinds?: InputMaybe<Array<SignalKind>>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  model?: RankingModel;
  scoringModelId?: InputMaybe<Scalars['ID']['input']>;
  states?: InputMaybe<Array<SignalState>>;
};


/** A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics. */
export type PortfolioValueSummaryArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  includeDescendants?: Scalars['Boolean']['input'];
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A page of Portfolio objects (Relay connection). */
export type PortfolioConnection = {
  __typename?: 'PortfolioConnection';
  /** The edges of this page. */
  edges: Array<PortfolioEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Portfolio>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a Portfolio connection. */
export type PortfolioEdge = {
  __typename?: 'PortfolioEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Portfolio. */
  node: Portfolio;
};

/** Narrows a portfolio list; all given conditions must hold. */
export type PortfolioFilter = {
  /** Include archived portfolios. */
  includeArchived?: Scalars['Boolean']['input'];
  /** Name contains this text (case-insensitive). */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only direct children of this portfolio. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Only portfolios without a parent (tree roots). */
  rootsOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A person's role on a portfolio (and, by inheritance, on everything below it). */
export type PortfolioMember = {
  __typename?: 'PortfolioMember';
  /** When the membership was granted. */
  createdAt: Scalars['DateTime']['output'];
  /** Who granted it. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The portfolio the role is granted on (and holds below). */
  portfolio: Portfolio;
  /** Their role here and below. */
  role: PortfolioRole;
  /** The person: the `sub` claim of their identity-provider token. */
  subject: Scalars['String']['output'];
};

/** A page of PortfolioMember objects (Relay connection). */
export type PortfolioMemberConnection = {
  __typename?: 'PortfolioMemberConnection';
  /** The edges of this page. */
  edges: Array<PortfolioMemberEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<PortfolioMember>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a PortfolioMember connection. */
export type PortfolioMemberEdge = {
  __typename?: 'PortfolioMemberEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The PortfolioMember. */
  node: PortfolioMember;
};

/** How to sort a Portfolio list. */
export type PortfolioOrder = {
  /** Sort direction. */
  direction?: OrderDirection;
  /** The field to sort by. */
  field?: PortfolioOrderField;
};

/** Fields a portfolio list can be sorted by. */
export type PortfolioOrderField =
  /** By creation time. */
  | 'CREATED_AT'
  /** By name. */
  | 'NAME'
  /** By last change. */
  | 'UPDATED_AT';

/** A member's role on a portfolio; it holds for every portfolio below it too. */
export type PortfolioRole =
  /** Also records measurements of its metrics and edits its hypotheses. */
  | 'CONTRIBUTOR'
  /** Also edits the portfolio, its initiatives, metrics and members. */
  | 'OWNER'
  /** Reads the portfolio, its initiatives, metrics, hypotheses and measurements. */
  | 'VIEWER';

/** An outcome hypothesis's progress at the end of one calendar bucket: what a board reviewing that period saw. Computed by the same rules as `progress`. */
export type ProgressPoint = {
  __typename?: 'ProgressPoint';
  /** The instant the point is evaluated at: the bucket's last millisecond, or earlier when `to` or now falls inside the bucket. */
  asOf: Scalars['DateTime']['output'];
  /** The current value as of `asOf` (see HypothesisProgress.current); null without data. */
  current?: Maybe<Scalars['Float']['output']>;
  /** When that current value was observed. */
  currentObservedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Share of the time from baselineAt to targetDate passed at `asOf`, in [0, 1]. */
  expectedRatio: Scalars['Float']['output'];
  /** (current − baseline) / (target − baseline), not clamped; null without data. */
  ratio?: Maybe<Scalars['Float']['output']>;
  /** Start of the bucket (UTC calendar boundary); the first bucket may start before `from`. */
  start: Scalars['DateTime']['output'];
  /** The status as of `asOf`. */
  status: ProgressStatus;
};

/** Where a hypothesis stands as of an instant; the first rule that matches, in the order NO_DATA, ACHIEVED, MISSED, ON_TRACK, AT_RISK, OFF_TRACK. */
export type ProgressStatus =
  /** ratio ≥ 1: the target was reached (late counts too). */
  | 'ACHIEVED'
  /** ratio ≥ expectedRatio − 0.25, but below the ON_TRACK threshold. */
  | 'AT_RISK'
  /** asOf is after targetDate and the target was not reached. */
  | 'MISSED'
  /** No measurement of the metric in [baselineAt, asOf]. */
  | 'NO_DATA'
  /** ratio below expectedRatio − 0.25. */
  | 'OFF_TRACK'
  /** ratio ≥ expectedRatio − 0.10 (and not yet achieved or missed). */
  | 'ON_TRACK';

export type Query = {
  __typename?: 'Query';
  /** API tokens you created (every token, for admins), newest first. */
  apiTokens: ApiTokenConnection;
  /** Every recorded change, newest first, for auditors: an ADMIN sees all; others see the changes of objects in portfolios where they are OWNER (and of their own API tokens). */
  changes: ChangeConnection;
  /** Two saved scenarios side by side: what each selects that the other does not. */
  compareScenarios: ScenarioComparison;
  /** An initiative by ID, or null when there is none. */
  initiative?: Maybe<Initiative>;
  /** Initiatives across all portfolios unless filtered. */
  initiatives: InitiativeConnection;
  /** A metric by ID, or null when there is none. */
  metric?: Maybe<Metric>;
  /** A metric by its key (the handle scripts use), or null. */
  metricByKey?: Maybe<Metric>;
  /** Metrics (KPIs) across all portfolios unless filtered. */
  metrics: MetricConnection;
  /** Refetch any object by its global ID; null when it does not exist. */
  node?: Maybe<Node>;
  /** Refetch many objects at once, in the order given; null where one does not exist. */
  nodes: Array<Maybe<Node>>;
  /** Outcome hypotheses across all initiatives unless filtered. */
  outcomeHypotheses: OutcomeHypothesisConnection;
  /** An outcome hypothesis by ID, or null when there is none. */
  outcomeHypothesis?: Maybe<OutcomeHypothesis>;
  /** What-if capacity planning: the exact best set of initiatives under a budget, without saving it. */
  planScenario: ScenarioPlan;
  /** A portfolio by ID, or null when there is none. */
  portfolio?: Maybe<Portfolio>;
  /** Portfolios (all levels of the tree unless filtered). */
  portfolios: PortfolioConnection;
  /** A saved scenario by ID, or null. */
  scenario?: Maybe<Scenario>;
  /** Saved scenarios, newest first; all visible ones, or one portfolio's. */
  scenarios: ScenarioConnection;
  /** A scoring model by ID, or null. */
  scoringModel?: Maybe<ScoringModel>;
  /** Deployment settings: reporting currency and request limits. */
  serviceInfo: ServiceInfo;
  /** The flat value-realization table for BI: one row per outcome hypothesis in a portfolio's subtree, or in every portfolio you see (archived portfolios included), ordered by portfolio name, initiative name, then hypothesis creation. Keyset-paginated (default 50, at most 500 per page). The same rows stream as CSV or NDJSON from GET /export/value-report.csv. */
  valueReport: ValueReportConnection;
  /** Who is calling and what they may do. */
  viewer: Viewer;
};


export type QueryApiTokensArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRevoked?: Scalars['Boolean']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ChangeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCompareScenariosArgs = {
  a: Scalars['ID']['input'];
  b: Scalars['ID']['input'];
};


export type QueryInitiativeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInitiativesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InitiativeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<InitiativeOrder>;
};


export type QueryMetricArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMetricByKeyArgs = {
  key: Scalars['String']['input'];
};


export type QueryMetricsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MetricFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MetricOrder>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOutcomeHypothesesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OutcomeHypothesisFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<OutcomeHypothesisOrder>;
};


export type QueryOutcomeHypothesisArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPlanScenarioArgs = {
  input: PlanScenarioInput;
};


export type QueryPortfolioArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPortfoliosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PortfolioFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PortfolioOrder>;
};


export type QueryScenarioArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScenariosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryScoringModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryValueReportArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ValueReportFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
};

/** A page of a portfolio's ranking. */
export type RankingConnection = {
  __typename?: 'RankingConnection';
  /** The entries of this page, best first. */
  edges: Array<RankingEdge>;
  /** The model ranked by. */
  model: RankingModel;
  /** The entries of this page (shortcut for `edges { node }`). */
  nodes: Array<RankingEntry>;
  /** Where this page sits in the whole ranking. */
  pageInfo: PageInfo;
  /** How many of them have a score. */
  scoredCount: Scalars['Int']['output'];
  /** CUSTOM: the version of the scoring model used. */
  scoringModelVersion?: Maybe<Scalars['Int']['output']>;
  /** Initiatives ranked (stages other than CLOSED and STOPPED). */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a ranking. */
export type RankingEdge = {
  __typename?: 'RankingEdge';
  /** Opaque cursor (the position in this ranking; rankings are recomputed on every request). */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: RankingEntry;
};

/** An initiative's place in a ranking. */
export type RankingEntry = {
  __typename?: 'RankingEntry';
  /** Σ expectedBenefit of its counted hypotheses (the first tie-breaker). */
  expectedBenefit: Scalars['Float']['output'];
  /** The initiative. */
  initiative: Initiative;
  /** The inputs the score used. */
  inputs: Array<ScoreInput>;
  /** Inputs that are missing (why there is no score). */
  missingInputs: Array<Scalars['String']['output']>;
  /** 1 = best. Null when the model gives no score (listed last). */
  rank?: Maybe<Scalars['Int']['output']>;
  /** The model's score; null when inputs are missing. */
  score?: Maybe<Scalars['Float']['output']>;
};

/** How initiatives are scored for ranking, signals and scenarios. */
export type RankingModel =
  /** A portfolio's own scoring model (pass scoringModelId). */
  | 'CUSTOM'
  /** reach × impact × confidence / effort. */
  | 'RICE'
  /** Σ expectedBenefit of the counted hypotheses / budget. */
  | 'VALUE_PER_COST'
  /** (businessValue + timeCriticality + riskReduction) / jobSize. */
  | 'WSJF';

/** A decision on an initiative (DOMAIN.md, “Decisions, stage gates and funding”). */
export type RecordDecisionInput = {
  /** The signals this decision answers: they become ACKNOWLEDGED. */
  acknowledges?: Array<SignalKind>;
  /** The initiative's version you saw; CONFLICT when it changed since. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The initiative decided on. */
  initiativeId: Scalars['ID']['input'];
  /** What is decided; a kind whose stage move does not start from the initiative's stage is refused. */
  kind: DecisionKind;
  /** ADMIN only: decide although gate criteria are unmet. */
  override?: InputMaybe<GateOverrideInput>;
  /** Why (required, 1–10,000 characters). */
  rationale: Scalars['String']['input'];
  /** When to review the decision (not in the past); required except for STOP and CLOSE. */
  reviewBy?: InputMaybe<Scalars['LocalDate']['input']>;
  /** RELEASE_FUNDS (at least one) or START: the PLANNED tranches to release. */
  trancheIds?: Array<Scalars['ID']['input']>;
};

/** Result of recordDecision. */
export type RecordDecisionPayload = {
  __typename?: 'RecordDecisionPayload';
  /** The decision, with its frozen evidence. */
  decision: Decision;
  /** The initiative after it (its stage, version, released funding). */
  initiative: Initiative;
};

/** A batch of measurements to record in one transaction. */
export type RecordMeasurementsInput = {
  /** true: all or nothing, so any rejected item means nothing is written. false: the valid items are written and the others are listed in `rejected`. */
  atomic?: Scalars['Boolean']['input'];
  /** The measurements, at most the configured maximum per call (5,000 by default); more refuses the whole call. */
  measurements: Array<MeasurementInput>;
};

/** Outcome of recordMeasurements. Safe to retry: resending a batch after a timeout or failure turns already stored items into `unchanged`. */
export type RecordMeasurementsPayload = {
  __typename?: 'RecordMeasurementsPayload';
  /** Items that were valid: inserted + updated + unchanged (0 when an atomic batch had any rejection). */
  accepted: Scalars['Int']['output'];
  /** New measurements stored (their key was not stored before). */
  inserted: Scalars['Int']['output'];
  /** Items that were not accepted, in input order, with the reason. */
  rejected: Array<MeasurementRejection>;
  /** Items whose key was already stored with the same value: nothing was written. */
  unchanged: Scalars['Int']['output'];
  /** Corrections: the key was stored with a different value; the new value is current and the old one is kept as a revision. */
  updated: Scalars['Int']['output'];
};

/** Take a person's role on a portfolio away. */
export type RemovePortfolioMemberInput = {
  /** The portfolio. */
  portfolioId: Scalars['ID']['input'];
  /** The person's subject. */
  subject: Scalars['String']['input'];
};

/** Result of removePortfolioMember. */
export type RemovePortfolioMemberPayload = {
  __typename?: 'RemovePortfolioMemberPayload';
  /** The portfolio. */
  portfolio: Portfolio;
  /** False when the person had no role on this portfolio. */
  removed: Scalars['Boolean']['output'];
};

/** Measurements to retract (a wrong load), in one transaction. */
export type RetractMeasurementsInput = {
  /** true: all or nothing, so any rejected item means nothing is retracted. false: the valid items are retracted. */
  atomic?: Scalars['Boolean']['input'];
  /** The keys to retract, at most the configured maximum per call (5,000 by default); more refuses the whole call. */
  measurements: Array<MeasurementKeyInput>;
  /** Why they are retracted (1–500 characters); kept in the change record. */
  reason: Scalars['String']['input'];
};

/** Outcome of retractMeasurements. Safe to retry: a key already retracted counts as `unchanged`. */
export type RetractMeasurementsPayload = {
  __typename?: 'RetractMeasurementsPayload';
  /** Items that were valid: retracted + unchanged (0 when an atomic call had any rejection). */
  accepted: Scalars['Int']['output'];
  /** Items that were not accepted, in input order: NOT_FOUND also when no measurement is stored under the key. */
  rejected: Array<MeasurementRejection>;
  /** Measurements retracted by this call: from now on they count nowhere, until recorded again. */
  retracted: Scalars['Int']['output'];
  /** Items whose key was already retracted: nothing was written. */
  unchanged: Scalars['Int']['output'];
};

/** Revoke an API token; it is refused from the next request on. */
export type RevokeApiTokenInput = {
  /** The token's ID (not its secret). */
  id: Scalars['ID']['input'];
};

/** Result of revokeApiToken. */
export type RevokeApiTokenPayload = {
  __typename?: 'RevokeApiTokenPayload';
  /** The revoked token. */
  apiToken: ApiToken;
};

/** Plan and keep a scenario. */
export type SaveScenarioInput = {
  /** Money available for the remaining cost of the chosen initiatives (≥ 0). */
  budget: Scalars['Float']['input'];
  /** Costs are rounded up (and the budget down) to a multiple of this, for the exact optimizer; default: chosen from the budget. */
  costUnit?: InputMaybe<Scalars['Float']['input']>;
  /** Initiatives the plan must leave out. */
  exclude?: Array<Scalars['ID']['input']>;
  /** Candidates from the whole subtree (default) or only this portfolio. */
  includeDescendants?: Scalars['Boolean']['input'];
  /** Plan from what the service had recorded at this instant: candidates, stages, costs and scores then (default: the operation's @knownAt, else now). */
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The score to maximise. */
  model?: RankingModel;
  /** Initiatives the plan must contain. */
  mustInclude?: Array<Scalars['ID']['input']>;
  /** A name for it, 1–200 characters. */
  name: Scalars['String']['input'];
  /** The portfolio whose initiatives compete. */
  portfolioId: Scalars['ID']['input'];
  /** CUSTOM: the scoring model. */
  scoringModelId?: InputMaybe<Scalars['ID']['input']>;
  /** Stages that compete (default IDEA, PROPOSED, APPROVED, IN_DELIVERY). */
  stages?: InputMaybe<Array<InitiativeStage>>;
};

/** Result of saveScenario. */
export type SaveScenarioPayload = {
  __typename?: 'SaveScenarioPayload';
  /** The saved scenario. */
  scenario: Scenario;
};

/** A saved capacity-planning scenario. */
export type Scenario = Node & {
  __typename?: 'Scenario';
  /** When it was saved. */
  createdAt: Scalars['DateTime']['output'];
  /** Who saved it. */
  createdBy: Scalars['String']['output'];
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** The plan as computed when the scenario was saved. */
  plan: ScenarioPlan;
  /** The portfolio planned. */
  portfolio: Portfolio;
};

/** Two saved scenarios side by side. */
export type ScenarioComparison = {
  __typename?: 'ScenarioComparison';
  /** The first scenario. */
  a: Scenario;
  /** The second scenario. */
  b: Scenario;
  /** b.budget − a.budget. */
  budgetDelta: Scalars['Float']['output'];
  /** Selected in both (as in b). */
  inBoth: Array<ScenarioItem>;
  /** Selected in a only. */
  onlyInA: Array<ScenarioItem>;
  /** Selected in b only. */
  onlyInB: Array<ScenarioItem>;
  /** b.totalCost − a.totalCost. */
  totalCostDelta: Scalars['Float']['output'];
  /** b.totalScore − a.totalScore (comparable when both use the same model). */
  totalScoreDelta: Scalars['Float']['output'];
};

/** A page of Scenario objects (Relay connection). */
export type ScenarioConnection = {
  __typename?: 'ScenarioConnection';
  /** The edges of this page. */
  edges: Array<ScenarioEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<Scenario>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a Scenario connection. */
export type ScenarioEdge = {
  __typename?: 'ScenarioEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The Scenario. */
  node: Scenario;
};

/** An initiative's place in a plan. */
export type ScenarioItem = {
  __typename?: 'ScenarioItem';
  /** The initiative as it is now (null if it is no longer visible to you). */
  initiative?: Maybe<Initiative>;
  /** The initiative's name when the plan was made. */
  initiativeName: Scalars['String']['output'];
  /** Why it is where it is. */
  reason: ScenarioItemReason;
  /** What it still costs: budget − actualCost when IN_DELIVERY (not below 0), its budget otherwise. */
  remainingCost?: Maybe<Scalars['Float']['output']>;
  /** Its score under the plan's model. */
  score?: Maybe<Scalars['Float']['output']>;
  /** Its stage when the plan was made. */
  stage: InitiativeStage;
};

/** Why an initiative sits where it does in a plan. */
export type ScenarioItemReason =
  /** Deferred because the input said so. */
  | 'EXCLUDED'
  /** Chosen because the input said so. */
  | 'MUST_INCLUDE'
  /** In flight today but its stage is not among the scenario's stages. */
  | 'NOT_A_CANDIDATE'
  /** Cannot be planned: it has no budget. */
  | 'NO_BUDGET'
  /** Cannot be planned: the model gives it no score. */
  | 'NO_SCORE'
  /** Deferred: the best plan within the budget leaves it out. */
  | 'OVER_BUDGET'
  /** Chosen by the optimizer. */
  | 'SELECTED';

/** The best selection of initiatives under a budget, and what it changes. */
export type ScenarioPlan = {
  __typename?: 'ScenarioPlan';
  /** Money available. */
  budget: Scalars['Float']['output'];
  /** In delivery today and selected: continue. */
  continuing: Array<ScenarioItem>;
  /** The cost unit the optimizer rounded to. */
  costUnit: Scalars['Float']['output'];
  /** Candidates left out (over budget or excluded). */
  deferred: Array<ScenarioItem>;
  /** Selected but not in delivery today: would start. */
  entering: Array<ScenarioItem>;
  /** True when the must-include initiatives alone cost more than the budget (then nothing is selected). */
  infeasible: Scalars['Boolean']['output'];
  /** In delivery today but not selected: would stop. */
  leaving: Array<ScenarioItem>;
  /** The score maximised. */
  model: RankingModel;
  /** How far the must-include initiatives exceed the budget (0 unless infeasible). */
  overshoot: Scalars['Float']['output'];
  /** budget − totalCost. */
  remainingBudget: Scalars['Float']['output'];
  /** CUSTOM: the scoring model version used. */
  scoringModelVersion?: Maybe<Scalars['Int']['output']>;
  /** Chosen, best score first. */
  selected: Array<ScenarioItem>;
  /** Σ remaining cost of the selected initiatives. */
  totalCost: Scalars['Float']['output'];
  /** Σ score of the selected initiatives (the maximum possible). */
  totalScore: Scalars['Float']['output'];
  /** Candidates that cannot be planned (no budget or no score). */
  unplannable: Array<ScenarioItem>;
};

/** One input a score was computed from. */
export type ScoreInput = {
  __typename?: 'ScoreInput';
  /** The input's name (e.g. `businessValue`, or a custom criterion key). */
  name: Scalars['String']['output'];
  /** Its value; null when missing. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** One criterion of a custom scoring model. */
export type ScoringCriterion = {
  __typename?: 'ScoringCriterion';
  /** Stable handle, used by setInitiativeScores (1–50 characters). */
  key: Scalars['String']['output'];
  /** Highest value on the scale (> min). */
  max: Scalars['Float']['output'];
  /** Lowest value on the scale. */
  min: Scalars['Float']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Relative weight (> 0). */
  weight: Scalars['Float']['output'];
};

/** A criterion of a custom scoring model. */
export type ScoringCriterionInput = {
  /** Stable handle (1–50 characters), unique in the model. */
  key: Scalars['String']['input'];
  /** Highest value on the scale (> min). */
  max: Scalars['Float']['input'];
  /** Lowest value on the scale. */
  min: Scalars['Float']['input'];
  /** Display name. */
  name: Scalars['String']['input'];
  /** Relative weight (> 0). */
  weight: Scalars['Float']['input'];
};

/** A custom scoring model of a portfolio: weighted criteria on their own scales. */
export type ScoringModel = Node & {
  __typename?: 'ScoringModel';
  /** When the model was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created the model. */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The criteria of the current version. */
  criteria: Array<ScoringCriterion>;
  /** Every recorded change of this object, newest first: who, when, in which request, each field before and after. */
  history: ChangeConnection;
  /** Opaque global ID. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** The portfolio that defines the model. */
  portfolio: Portfolio;
  /** When the current version was made. */
  updatedAt: Scalars['DateTime']['output'];
  /** Current version: 1 at creation, one more on every change. */
  version: Scalars['Int']['output'];
};


/** A custom scoring model of a portfolio: weighted criteria on their own scales. */
export type ScoringModelHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of ScoringModel objects (Relay connection). */
export type ScoringModelConnection = {
  __typename?: 'ScoringModelConnection';
  /** The edges of this page. */
  edges: Array<ScoringModelEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<ScoringModel>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a ScoringModel connection. */
export type ScoringModelEdge = {
  __typename?: 'ScoringModelEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The ScoringModel. */
  node: ScoringModel;
};

/** Calendar bucket of a series, aligned in UTC. */
export type SeriesInterval =
  /** Calendar days (00:00 UTC). */
  | 'DAY'
  /** Calendar months. */
  | 'MONTH'
  /** Calendar quarters (January, April, July, October). */
  | 'QUARTER'
  /** ISO weeks, starting Monday 00:00 UTC. */
  | 'WEEK'
  /** Calendar years. */
  | 'YEAR';

/** One calendar bucket of a metric series. */
export type SeriesPoint = {
  __typename?: 'SeriesPoint';
  /** How many measurements the bucket holds within [from, to). */
  count: Scalars['Int']['output'];
  /** Start of the bucket (UTC calendar boundary); the first bucket may start before `from`. */
  start: Scalars['DateTime']['output'];
  /** The metric's aggregation of the values observed in the bucket within [from, to); null when there are none. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** Deployment settings clients need to interpret answers and size requests. */
export type ServiceInfo = {
  __typename?: 'ServiceInfo';
  /** Page size when `first`/`last` is not given. */
  defaultPageSize: Scalars['Int']['output'];
  /** Most measurements one `recordMeasurements` call accepts. */
  maxMeasurementsPerCall: Scalars['Int']['output'];
  /** Largest allowed `first`/`last`. */
  maxPageSize: Scalars['Int']['output'];
  /** ISO 4217 code of the currency every money field is in. */
  reportingCurrency: Scalars['String']['output'];
};

/** A portfolio's gate policy, inherited by its subtree. */
export type SetGatePolicyInput = {
  /** The gates; a stage not listed has none. null removes the portfolio's own policy (it inherits again). */
  gates?: InputMaybe<Array<GateInput>>;
  /** The portfolio. */
  portfolioId: Scalars['ID']['input'];
};

/** Result of setGatePolicy. */
export type SetGatePolicyPayload = {
  __typename?: 'SetGatePolicyPayload';
  /** The policy that now applies to it. */
  gatePolicy: EffectiveGatePolicy;
  /** The portfolio. */
  portfolio: Portfolio;
};

/** Set an initiative's values on a custom scoring model. */
export type SetInitiativeScoresInput = {
  /** The initiative. */
  initiativeId: Scalars['ID']['input'];
  /** Values to set (others stay as they are). */
  scores: Array<CriterionValueInput>;
  /** The scoring model. */
  scoringModelId: Scalars['ID']['input'];
};

/** Result of setInitiativeScores. */
export type SetInitiativeScoresPayload = {
  __typename?: 'SetInitiativeScoresPayload';
  /** The initiative. */
  initiative: Initiative;
  /** The initiative's values on every criterion of the model's current version. */
  scores: Array<CriterionValue>;
  /** The model. */
  scoringModel: ScoringModel;
};

/** A reason to re-prioritize an initiative, with the evidence. */
export type Signal = {
  __typename?: 'Signal';
  /** ACKNOWLEDGED: the decision that answered it. */
  acknowledgedBy?: Maybe<Decision>;
  /** What is still to be spent: max(budget − actualCost, 0); null without a budget. */
  budgetAtStake?: Maybe<Scalars['Float']['output']>;
  /** The initiative. */
  initiative: Initiative;
  /** Which rule fired. */
  kind: SignalKind;
  /** The numbers behind it. */
  numbers: Array<SignalNumber>;
  /** One line a board can read. */
  reason: Scalars['String']['output'];
  /** SNOOZED: why it was put aside. */
  snoozeReason?: Maybe<Scalars['String']['output']>;
  /** SNOOZED: the date it comes back. */
  snoozedUntil?: Maybe<Scalars['LocalDate']['output']>;
  /** OPEN, ACKNOWLEDGED by a decision, or SNOOZED. */
  state: SignalState;
};

/** Evidence-driven re-prioritization signals (DOMAIN.md). */
export type SignalKind =
  /** Every hypothesis with data on track or achieved, yet ranked in the bottom half. */
  | 'ACCELERATE'
  /** At least 80% of the budget spent and weighted progress under 0.3 (or none). */
  | 'BURN_WITHOUT_VALUE'
  /** In delivery or delivered, hypotheses but no data, the earliest baseline over 90 days ago. */
  | 'NO_EVIDENCE'
  /** Approved or in flight with no counted hypothesis: money committed with no stated outcome. */
  | 'NO_HYPOTHESIS'
  /** The initiative has funding tranches and its actual cost exceeds the released funding. */
  | 'OVERSPEND'
  /** The latest decision's reviewBy has passed and no decision followed it. */
  | 'REVIEW_DUE'
  /** In delivery or delivered, and OFF_TRACK/MISSED hypotheses carry at least half the weight. */
  | 'STOP_OR_PIVOT';

/** A named number behind a signal. */
export type SignalNumber = {
  __typename?: 'SignalNumber';
  /** What the number is. */
  name: Scalars['String']['output'];
  /** Its value (null when not defined). */
  value?: Maybe<Scalars['Float']['output']>;
};

/** Whether someone has answered a signal (DOMAIN.md, “Signals keep a state”). */
export type SignalState =
  /** A decision taken while the signal was raised names its kind, and that decision's reviewBy has not passed (see acknowledgedBy). */
  | 'ACKNOWLEDGED'
  /** Nobody has answered it. */
  | 'OPEN'
  /** Put aside until a date, with a reason (snoozeSignal). */
  | 'SNOOZED';

/** Put a raised signal aside until a date. */
export type SnoozeSignalInput = {
  /** The initiative the signal is raised on. */
  initiativeId: Scalars['ID']['input'];
  /** Which signal. */
  kind: SignalKind;
  /** Why it is put aside (1–2,000 characters). */
  reason: Scalars['String']['input'];
  /** The date it comes back (after today). */
  until: Scalars['LocalDate']['input'];
};

/** Result of snoozeSignal. */
export type SnoozeSignalPayload = {
  __typename?: 'SnoozeSignalPayload';
  /** The initiative; its `signals` show the state. */
  initiative: Initiative;
  /** The date the signal comes back. */
  until: Scalars['LocalDate']['output'];
};

/** How many counted hypotheses have one status. */
export type StatusCount = {
  __typename?: 'StatusCount';
  /** Counted hypotheses (states ACTIVE, VALIDATED, INVALIDATED) with this status. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: ProgressStatus;
};

/** A tranche to plan. */
export type TrancheInput = {
  /** Amount in the reporting currency (> 0). */
  amount: Scalars['Float']['input'];
  /** When it is planned to be released. */
  plannedDate: Scalars['LocalDate']['input'];
};

/** Where a funding tranche stands. */
export type TrancheState =
  /** No longer planned. */
  | 'CANCELLED'
  /** Planned, not yet released. */
  | 'PLANNED'
  /** Released by a RELEASE_FUNDS or START decision: counts in releasedFunding. */
  | 'RELEASED';

/** A gate criterion that was not met. */
export type UnmetGateCriterion = {
  __typename?: 'UnmetGateCriterion';
  /** The criterion. */
  criterion: GateCriterion;
  /** What was missing. */
  detail: Scalars['String']['output'];
};

/** Changes to an initiative; omitted fields stay as they are, null clears. */
export type UpdateInitiativeInput = {
  /** New spend to date (≥ 0); null clears it. */
  actualCost?: InputMaybe<Scalars['Float']['input']>;
  /** New budget (≥ 0); null clears it. */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** WSJF business value: 1, 2, 3, 5, 8, 13 or 20. */
  businessValue?: InputMaybe<Scalars['Int']['input']>;
  /** RICE confidence, 0 to 1. */
  confidence?: InputMaybe<Scalars['Float']['input']>;
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** RICE effort in person-months (> 0). */
  effort?: InputMaybe<Scalars['Float']['input']>;
  /** Fail with CONFLICT unless the initiative is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The initiative to change. */
  id: Scalars['ID']['input'];
  /** RICE impact: 0.25, 0.5, 1, 2 or 3. */
  impact?: InputMaybe<Scalars['Float']['input']>;
  /** WSJF job size: 1, 2, 3, 5, 8, 13 or 20. */
  jobSize?: InputMaybe<Scalars['Int']['input']>;
  /** New name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New owner. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Move it to another portfolio. */
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
  /** RICE reach per quarter (≥ 0). */
  reach?: InputMaybe<Scalars['Float']['input']>;
  /** WSJF risk reduction / opportunity enablement: 1, 2, 3, 5, 8, 13 or 20. */
  riskReduction?: InputMaybe<Scalars['Int']['input']>;
  /** New sponsor. */
  sponsor?: InputMaybe<Scalars['String']['input']>;
  /** New planned start; null clears it. */
  startDate?: InputMaybe<Scalars['LocalDate']['input']>;
  /** Replaces the tags (at most 50, each 1–50 characters). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New planned delivery; null clears it. */
  targetDate?: InputMaybe<Scalars['LocalDate']['input']>;
  /** WSJF time criticality: 1, 2, 3, 5, 8, 13 or 20. */
  timeCriticality?: InputMaybe<Scalars['Int']['input']>;
};

/** Result of updateInitiative. */
export type UpdateInitiativePayload = {
  __typename?: 'UpdateInitiativePayload';
  /** The changed initiative. */
  initiative: Initiative;
};

/** Changes to a metric; omitted fields stay as they are, null clears. The key never changes. */
export type UpdateMetricInput = {
  /** New aggregation. */
  aggregation?: InputMaybe<MetricAggregation>;
  /** New cadence; null makes it irregular. */
  cadence?: InputMaybe<MetricCadence>;
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** New direction; refused while hypotheses use the metric (their targets would change meaning). */
  direction?: InputMaybe<MetricDirection>;
  /** Fail with CONFLICT unless the metric is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The metric to change. */
  id: Scalars['ID']['input'];
  /** New name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Move it to another owning portfolio. */
  portfolioId?: InputMaybe<Scalars['ID']['input']>;
  /** New unit. */
  unit?: InputMaybe<Scalars['String']['input']>;
};

/** Result of updateMetric. */
export type UpdateMetricPayload = {
  __typename?: 'UpdateMetricPayload';
  /** The changed metric. */
  metric: Metric;
};

/** Changes to a hypothesis; omitted fields stay as they are. */
export type UpdateOutcomeHypothesisInput = {
  /** New baseline. */
  baseline?: InputMaybe<Scalars['Float']['input']>;
  /** New baseline instant. */
  baselineAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** New expected benefit (≥ 0). */
  expectedBenefit?: InputMaybe<Scalars['Float']['input']>;
  /** Fail with CONFLICT unless the hypothesis is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The hypothesis to change. */
  id: Scalars['ID']['input'];
  /** Point it at another metric. */
  metricId?: InputMaybe<Scalars['ID']['input']>;
  /** New state. */
  state?: InputMaybe<HypothesisState>;
  /** New statement, 1–2000 characters. */
  statement?: InputMaybe<Scalars['String']['input']>;
  /** New target (on the metric's better side of the baseline). */
  target?: InputMaybe<Scalars['Float']['input']>;
  /** New target date (after baselineAt). */
  targetDate?: InputMaybe<Scalars['DateTime']['input']>;
  /** New weight (> 0). */
  weight?: InputMaybe<Scalars['Float']['input']>;
};

/** Result of updateOutcomeHypothesis. */
export type UpdateOutcomeHypothesisPayload = {
  __typename?: 'UpdateOutcomeHypothesisPayload';
  /** The changed hypothesis. */
  outcomeHypothesis: OutcomeHypothesis;
};

/** Changes to a portfolio; omitted fields stay as they are, null clears. */
export type UpdatePortfolioInput = {
  /** New budget (≥ 0); null clears it. */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Fail with CONFLICT unless the portfolio is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The portfolio to change. */
  id: Scalars['ID']['input'];
  /** New name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New owner. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Move under this parent; null makes it a root. A move into its own subtree is rejected. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/** Result of updatePortfolio. */
export type UpdatePortfolioPayload = {
  __typename?: 'UpdatePortfolioPayload';
  /** The changed portfolio. */
  portfolio: Portfolio;
};

/** Changes to a scoring model; any change makes a new version. */
export type UpdateScoringModelInput = {
  /** New criteria (replace the old ones; values are kept by key). */
  criteria?: InputMaybe<Array<ScoringCriterionInput>>;
  /** Fail with CONFLICT unless the model is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The model. */
  id: Scalars['ID']['input'];
  /** New name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Result of updateScoringModel. */
export type UpdateScoringModelPayload = {
  __typename?: 'UpdateScoringModelPayload';
  /** The model at its new version. */
  scoringModel: ScoringModel;
};

/** A page of ValueReport objects (Relay connection). */
export type ValueReportConnection = {
  __typename?: 'ValueReportConnection';
  /** The edges of this page. */
  edges: Array<ValueReportEdge>;
  /** The nodes of this page (shortcut for `edges { node }`). */
  nodes: Array<ValueReportRow>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many items match the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a ValueReport connection. */
export type ValueReportEdge = {
  __typename?: 'ValueReportEdge';
  /** Opaque cursor of this edge, for `after`/`before`. */
  cursor: Scalars['String']['output'];
  /** The ValueReport. */
  node: ValueReportRow;
};

/** Narrows the value report; all given conditions must hold. */
export type ValueReportFilter = {
  /** Only hypotheses of this initiative. */
  initiativeId?: InputMaybe<Scalars['ID']['input']>;
  /** Only hypotheses on the metric with this key. */
  metricKey?: InputMaybe<Scalars['String']['input']>;
  /** Hypothesis states to include (default: the counted ones, ACTIVE, VALIDATED and INVALIDATED). */
  states?: InputMaybe<Array<HypothesisState>>;
  /** Only rows with one of these statuses (as of `asOf`). */
  statuses?: InputMaybe<Array<ProgressStatus>>;
};

/** One row of the value report: one outcome hypothesis and its progress as of the report's instant. */
export type ValueReportRow = {
  __typename?: 'ValueReportRow';
  /** The initiative's cost so far, in the reporting currency; null when not reported. */
  actualCost?: Maybe<Scalars['Float']['output']>;
  /** The instant the row is evaluated at (the report's `asOf`, default its knownAt). */
  asOf: Scalars['DateTime']['output'];
  /** Baseline value. */
  baseline: Scalars['Float']['output'];
  /** When the baseline was true. */
  baselineAt: Scalars['DateTime']['output'];
  /** The initiative's approved budget, in the reporting currency; null when not set. */
  budget?: Maybe<Scalars['Float']['output']>;
  /** Current value (see HypothesisProgress.current); null without data. */
  current?: Maybe<Scalars['Float']['output']>;
  /** Money the outcome is worth if fully achieved. */
  expectedBenefit: Scalars['Float']['output'];
  /** Share of the time to targetDate passed at asOf, in [0, 1]. */
  expectedRatio: Scalars['Float']['output'];
  /** When the line reaches the target, if it moves towards it; null otherwise. */
  forecastAchievedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The least-squares line's value at targetDate (see HypothesisProgress.forecastAtTarget); null with too little data. */
  forecastAtTarget?: Maybe<Scalars['Float']['output']>;
  /** forecastAtTarget as a ratio: (forecastAtTarget − baseline) / (target − baseline), not clamped. */
  forecastRatio?: Maybe<Scalars['Float']['output']>;
  /** Global ID of the outcome hypothesis. */
  hypothesisId: Scalars['ID']['output'];
  /** Global ID of the initiative. */
  initiativeId: Scalars['ID']['output'];
  /** Name of the initiative. */
  initiativeName: Scalars['String']['output'];
  /** The record time the row was computed at (the report's `knownAt`, default now). Store it with the figures to reproduce them. */
  knownAt: Scalars['DateTime']['output'];
  /** Key of the metric the hypothesis moves. */
  metricKey: Scalars['String']['output'];
  /** Name of that metric. */
  metricName: Scalars['String']['output'];
  /** Unit of that metric. */
  metricUnit?: Maybe<Scalars['String']['output']>;
  /** Global ID of the portfolio holding the initiative. */
  portfolioId: Scalars['ID']['output'];
  /** Name of that portfolio. */
  portfolioName: Scalars['String']['output'];
  /** The names from the root down to that portfolio, joined by " / " (e.g. "Acme Group / Digital Commerce / Online Storefront"): groups rows in a BI tool. */
  portfolioPath: Scalars['String']['output'];
  /** (current − baseline) / (target − baseline), not clamped; null without data. */
  ratio?: Maybe<Scalars['Float']['output']>;
  /** expectedBenefit · clamp(ratio, 0, 1); 0 without data. */
  realizedBenefit: Scalars['Float']['output'];
  /** The initiative's stage. */
  stage: InitiativeStage;
  /** State of the hypothesis. */
  state: HypothesisState;
  /** The hypothesis as stated ("X will move Y from B to T by D"). */
  statement: Scalars['String']['output'];
  /** Progress status as of asOf. */
  status: ProgressStatus;
  /** The initiative's tags. */
  tags: Array<Scalars['String']['output']>;
  /** Target value. */
  target: Scalars['Float']['output'];
  /** When the target should be reached. */
  targetDate: Scalars['DateTime']['output'];
  /** Weight of the hypothesis in rollups. */
  weight: Scalars['Float']['output'];
};

/** Value realization rolled up over an initiative or a portfolio (DOMAIN.md, “Value realization”). Hypothesis figures count states ACTIVE, VALIDATED and INVALIDATED; money counts every initiative in scope whatever its stage. Amounts are in the reporting currency. */
export type ValueSummary = {
  __typename?: 'ValueSummary';
  /** The instant the summary is evaluated at (world time: observations made by then count). */
  asOf: Scalars['DateTime']['output'];
  /** realizedBenefit / investment; null when investment is 0. */
  benefitCostRatio?: Maybe<Scalars['Float']['output']>;
  /** Σ expectedBenefit of the counted hypotheses. */
  expectedBenefit: Scalars['Float']['output'];
  /** Counted hypotheses (states ACTIVE, VALIDATED, INVALIDATED). */
  hypothesisCount: Scalars['Int']['output'];
  /** Σ actualCost over every initiative in scope (missing counts 0). */
  investment: Scalars['Float']['output'];
  /** The record time it was computed at: what the service had recorded by then counts. Store it with the figure to reproduce it. */
  knownAt: Scalars['DateTime']['output'];
  /** Σ budget over every initiative in scope (missing counts 0). */
  plannedInvestment: Scalars['Float']['output'];
  /** Σ expectedBenefit·clamp(ratio, 0, 1) of the counted hypotheses (NO_DATA counts 0). */
  realizedBenefit: Scalars['Float']['output'];
  /** Counted hypotheses per status; every status is listed, with 0 where none. */
  statusCounts: Array<StatusCount>;
  /** Σ weight·clamp(ratio, 0, 1) / Σ weight over counted hypotheses with data; null when none has data. */
  weightedProgress?: Maybe<Scalars['Float']['output']>;
};

/** Who is calling and what they may do: read it first to tell what a portal should offer. */
export type Viewer = {
  __typename?: 'Viewer';
  /** A global admin: sees and may change everything (an API token made by an admin never is). */
  admin: Scalars['Boolean']['output'];
  /** What this credential may do at all (READ; MANAGE: change the model; RECORD: record measurements). Per portfolio, `roles` and the portfolios' own rules decide. */
  capabilities: Array<Capability>;
  /** The kind of credential used. */
  kind: CallerKind;
  /** Recorded as who made a change, and the default `source` of the measurements recorded. */
  name: Scalars['String']['output'];
  /** The roles granted to you directly, one per portfolio (each holds for every portfolio below it too). Empty for a global admin, who needs none. An API token has its creator's roles, within its own scope. */
  roles: Array<PortfolioMember>;
  /** Whose memberships apply: the person's `sub` claim, or the creator of the API token. */
  subject: Scalars['String']['output'];
  /** The API token this request was made with, with its scope; null for other credentials. */
  token?: Maybe<ApiToken>;
};

export type RecordKpiMutationVariables = Exact<{
  input: RecordMeasurementsInput;
}>;


export type RecordKpiMutation = { __typename?: 'Mutation', recordMeasurements: { __typename?: 'RecordMeasurementsPayload', accepted: number, inserted: number, updated: number, unchanged: number, rejected: Array<{ __typename?: 'MeasurementRejection', index: number, code: MeasurementRejectionCode, field?: string | null, message: string }> } };

export type KpiProgressQueryVariables = Exact<{
  metricId: Scalars['ID']['input'];
}>;


export type KpiProgressQuery = { __typename?: 'Query', outcomeHypotheses: { __typename?: 'OutcomeHypothesisConnection', nodes: Array<{ __typename?: 'OutcomeHypothesis', id: string, statement: string, progress: { __typename?: 'HypothesisProgress', asOf: string, current?: number | null, ratio?: number | null, expectedRatio: number, status: ProgressStatus } }> } };

export type MetricByKeyQueryVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type MetricByKeyQuery = { __typename?: 'Query', metricByKey?: { __typename?: 'Metric', id: string, name: string, unit?: string | null } | null };


export const RecordKpiDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordKpi"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordMeasurementsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMeasurements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordKpiMutation, RecordKpiMutationVariables>;
export const KpiProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metricId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcomeHypotheses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"metricId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metricId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"statement"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}},{"kind":"Field","name":{"kind":"Name","value":"expectedRatio"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpiProgressQuery, KpiProgressQueryVariables>;
export const MetricByKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricByKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metricByKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]} as unknown as DocumentNode<MetricByKeyQuery, MetricByKeyQueryVariables>;