import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDate } from "../graphql/local-date";
import { encodeGlobalId } from "../common/global-id";
import { KnownFromColumn, Versioned } from "../common/entity-base";
import { WritableColumns } from "../database/write";
import { ReadsKeysOnly } from "../graphql/projection";
import { Initiative, InitiativeStage } from "../initiative/initiative.entity";
import { Node } from "../node/node.type";
import { Portfolio } from "../portfolio/portfolio.entity";
import { SignalKind } from "../prioritization/prioritization.types";
import { DecisionKind } from "./stage-moves";

registerEnumType(DecisionKind, {
  name: "DecisionKind",
  description: "How a decision changes an initiative's course, and the stage move it makes (DOMAIN.md, “Decisions”).",
  valuesConfig: {
    APPROVE: { description: "IDEA or PROPOSED → APPROVED." },
    START: { description: "APPROVED → IN_DELIVERY (may release tranches)." },
    CONTINUE: { description: "Stay the course (no move)." },
    PIVOT: { description: "Change the approach (no move); the hypotheses are then revised." },
    ACCELERATE: { description: "Invest more or sooner (no move)." },
    PAUSE: { description: "APPROVED or IN_DELIVERY → ON_HOLD." },
    RESUME: { description: "ON_HOLD → the stage the pause left." },
    DELIVER: { description: "IN_DELIVERY → DELIVERED." },
    CLOSE: { description: "DELIVERED → CLOSED (no review date needed)." },
    STOP: { description: "Any open stage → STOPPED (no review date needed)." },
    RELEASE_FUNDS: { description: "Release planned funding tranches (no move)." },
  },
});

/**
 * A decision on an initiative: what was decided, why, by whom, and the evidence it was made
 * on, frozen when it was made (`evidence`, canonical JSON, and its SHA-256). Never edited.
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A decision that changed, or confirmed, an initiative's course, with the evidence it was made on.",
})
@Entity("decision")
@Index("decision_initiative_idx", ["initiativeId", "decidedAt"])
@Index("decision_portfolio_idx", ["portfolioId", "decidedAt"])
@Check("decision_rationale_length", "char_length(rationale) BETWEEN 1 AND 10000")
export class Decision {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("Decision", this.rowId);
  }

  @Column({ type: "uuid" })
  initiativeId!: string;

  @ManyToOne(() => Initiative, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "initiative_id" })
  initiativeRelation?: Initiative;

  /** The initiative's portfolio when it was decided (Portfolio.decisions). */
  @Column({ type: "uuid" })
  portfolioId!: string;

  @ManyToOne(() => Portfolio, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;

  @Field(() => DecisionKind, { description: "What was decided." })
  @Column({ type: "varchar", length: 20 })
  kind!: DecisionKind;

  @Field(() => String, { description: "Why (required, 1–10,000 characters)." })
  @Column({ type: "text" })
  rationale!: string;

  @Field(() => Date, { description: "When it was decided (its transaction's time); the evidence is as of, and as known at, this instant." })
  @Column({ type: "timestamptz", default: () => "now()" })
  decidedAt!: Date;

  @Field(() => String, { description: "Who decided (the person's name or subject)." })
  @Column({ type: "varchar", length: 200 })
  decidedBy!: string;

  @Field(() => LocalDate, { nullable: true, description: "When the decision is to be reviewed; null only for STOP and CLOSE." })
  @Column({ type: "date", nullable: true })
  reviewBy!: string | null;

  @Field(() => InitiativeStage, { description: "The initiative's stage before." })
  @Column({ type: "varchar", length: 20 })
  stageBefore!: InitiativeStage;

  @Field(() => InitiativeStage, { description: "The initiative's stage after (the same for kinds that make no move)." })
  @Column({ type: "varchar", length: 20 })
  stageAfter!: InitiativeStage;

  @Field(() => [SignalKind], { description: "The signals this decision answers (acknowledges)." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  acknowledges!: SignalKind[];

  /** Funding tranches this decision released (`releasedTranches`). */
  @Column({ type: "uuid", array: true, default: () => "'{}'" })
  releasedTrancheIds!: string[];

  /** Set when an ADMIN overrode unmet gate criteria: why (`override`). */
  @Column({ type: "text", nullable: true })
  overrideReason!: string | null;

  /** The unmet gate criteria the override set aside (`override`). */
  @Column({ type: "jsonb", nullable: true })
  overriddenCriteria!: Array<{ criterion: string; detail: string }> | null;

  @Field(() => String, {
    description: "The evidence as canonical JSON (keys sorted, no spaces): exactly the text `evidenceHash` is the SHA-256 of.",
  })
  @Column({ type: "text" })
  evidenceCanonical!: string;

  @Field(() => String, { description: "SHA-256 (hex) of `evidenceCanonical`: recompute it to check the evidence was not altered." })
  @Column({ type: "varchar", length: 64 })
  evidenceHash!: string;

  @KnownFromColumn()
  knownFrom!: Date;
}

/** How each column is written (database/write.ts): all by the decision service. */
export const DECISION_COLUMNS: WritableColumns<Decision> = {
  initiativeId: "system",
  portfolioId: "system",
  kind: "system",
  rationale: "system",
  decidedAt: "system",
  decidedBy: "system",
  reviewBy: "system",
  stageBefore: "system",
  stageAfter: "system",
  acknowledges: "system",
  releasedTrancheIds: "system",
  overrideReason: "system",
  overriddenCriteria: "system",
  evidenceCanonical: "system",
  evidenceHash: "system",
};

export enum TrancheState {
  PLANNED = "PLANNED",
  RELEASED = "RELEASED",
  CANCELLED = "CANCELLED",
}
registerEnumType(TrancheState, {
  name: "TrancheState",
  description: "Where a funding tranche stands.",
  valuesConfig: {
    PLANNED: { description: "Planned, not yet released." },
    RELEASED: { description: "Released by a RELEASE_FUNDS or START decision: counts in releasedFunding." },
    CANCELLED: { description: "No longer planned." },
  },
});

/** A planned slice of an initiative's funding, released by a decision (DOMAIN.md, “Funding tranches”). */
@ObjectType({ simpleResolvers: true, implements: Node, description: "A slice of an initiative's funding, released by a decision." })
@Entity("funding_tranche")
@Index("funding_tranche_initiative_idx", ["initiativeId", "plannedDate"])
@Check("funding_tranche_amount_positive", "amount > 0")
@Check("funding_tranche_state_valid", "state IN ('PLANNED','RELEASED','CANCELLED')")
export class FundingTranche extends Versioned {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("FundingTranche", this.rowId);
  }

  @Column({ type: "uuid" })
  initiativeId!: string;

  @ManyToOne(() => Initiative, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "initiative_id" })
  initiativeRelation?: Initiative;

  @Field(() => Float, { description: "Amount in the reporting currency (> 0)." })
  @Column({ type: "numeric", precision: 18, scale: 2 })
  amount!: number;

  @Field(() => LocalDate, { description: "When it is planned to be released." })
  @Column({ type: "date" })
  plannedDate!: string;

  @Field(() => TrancheState, { description: "PLANNED, RELEASED or CANCELLED." })
  @Column({ type: "varchar", length: 12, default: TrancheState.PLANNED })
  state!: TrancheState;

  /** The decision that released it (`releasedBy`). */
  @Column({ type: "uuid", nullable: true })
  releasedByDecisionId!: string | null;

  @Field(() => Date, { nullable: true, description: "When it was released." })
  @Column({ type: "timestamptz", nullable: true })
  releasedAt!: Date | null;
}

export const TRANCHE_COLUMNS: WritableColumns<FundingTranche> = {
  initiativeId: "system",
  amount: "system",
  plannedDate: "system",
  state: "system",
  releasedByDecisionId: "system",
  releasedAt: "system",
};

/** A portfolio's own gate policy: the criteria each stage needs (inherited down its subtree). */
@Entity("gate_policy")
@Index("gate_policy_portfolio_idx", ["portfolioId"], { unique: true })
export class GatePolicy extends Versioned {
  // `id`, not `rowId`: a policy is not a Node (it is read through Portfolio.gatePolicy)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  portfolioId!: string;

  @ManyToOne(() => Portfolio, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;

  /** [{ stage, criteria: [GateCriterion] }]: a stage not listed has no criteria. */
  @Column({ type: "jsonb" })
  gates!: Array<{ stage: InitiativeStage; criteria: string[] }>;
}

export const GATE_POLICY_COLUMNS: WritableColumns<GatePolicy> = {
  portfolioId: "system",
  gates: "system",
};

/** A signal put aside until a date, with a reason (DOMAIN.md, "Signals keep a state"). */
@Entity("signal_snooze")
@Index("signal_snooze_initiative_idx", ["initiativeId", "kind", "createdAt"])
export class SignalSnooze {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  initiativeId!: string;

  @ManyToOne(() => Initiative, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "initiative_id" })
  initiativeRelation?: Initiative;

  @Column({ type: "varchar", length: 30 })
  kind!: SignalKind;

  /** Snoozed while the evaluated day is before this date. */
  @Column({ type: "date" })
  until!: string;

  @Column({ type: "text" })
  reason!: string;

  @Column({ type: "varchar", length: 200 })
  createdBy!: string;

  @Column({ type: "timestamptz", default: () => "now()" })
  createdAt!: Date;

  @KnownFromColumn()
  knownFrom!: Date;
}

export const SIGNAL_SNOOZE_COLUMNS: WritableColumns<SignalSnooze> = {
  initiativeId: "system",
  kind: "system",
  until: "system",
  reason: "system",
  createdBy: "system",
};
