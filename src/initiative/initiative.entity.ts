import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ReadsKeysOnly } from "../graphql/projection";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { LocalDate } from "../graphql/local-date";
import { Versioned } from "../common/entity-base";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { Portfolio } from "../portfolio/portfolio.entity";
import { WritableColumns } from "../database/write";
import { RICE_CHECK, RICE_IMPACTS_TEXT, WSJF_CHECK, WSJF_SCALE_TEXT } from "./scoring-inputs";

export enum InitiativeStage {
  IDEA = "IDEA",
  PROPOSED = "PROPOSED",
  APPROVED = "APPROVED",
  IN_DELIVERY = "IN_DELIVERY",
  ON_HOLD = "ON_HOLD",
  DELIVERED = "DELIVERED",
  CLOSED = "CLOSED",
  STOPPED = "STOPPED",
}

registerEnumType(InitiativeStage, {
  name: "InitiativeStage",
  description: "Where an initiative is in its life.",
  valuesConfig: {
    IDEA: { description: "Captured, not yet proposed." },
    PROPOSED: { description: "Proposed for funding." },
    APPROVED: { description: "Funded, not yet started." },
    IN_DELIVERY: { description: "Being built or rolled out." },
    ON_HOLD: { description: "Paused by a PAUSE decision; RESUME returns it to the stage it left." },
    DELIVERED: { description: "Delivered; its outcomes are still being measured." },
    CLOSED: { description: "Finished; no longer tracked for prioritization." },
    STOPPED: { description: "Stopped before completion." },
  },
});

@ObjectType({ simpleResolvers: true, implements: Node, description: "An investment: a project, product bet or change programme." })
@Entity("initiative")
@Check("initiative_name_length", "char_length(name) BETWEEN 1 AND 200")
@Check("initiative_budget_nonnegative", "budget >= 0")
@Check("initiative_actual_cost_nonnegative", "actual_cost >= 0")
@Check("initiative_dates_ordered", "target_date >= start_date")
@Check("initiative_stage_valid", "stage IN ('IDEA','PROPOSED','APPROVED','IN_DELIVERY','ON_HOLD','DELIVERED','CLOSED','STOPPED')")
@Index("initiative_portfolio_name_idx", ["portfolioId", "name", "rowId"])
@Index("initiative_name_idx", ["name", "rowId"])
@Index("initiative_created_at_idx", ["createdAt", "rowId"])
@Index("initiative_tags_idx", { synchronize: false }) // GIN, written by hand in the migration
@Check("initiative_wsjf_scale", WSJF_CHECK)
@Check("initiative_rice_ranges", RICE_CHECK)
export class Initiative extends Versioned {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("Initiative", this.rowId);
  }

  @Column({ type: "uuid" })
  portfolioId!: string;

  @ManyToOne(() => Portfolio, { onDelete: "RESTRICT", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;

  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the initiative does and why." })
  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Who delivers it (free text)." })
  @Column({ type: "text", nullable: true })
  owner!: string | null;

  @Field(() => String, { nullable: true, description: "Who pays for it and answers for its outcomes (free text)." })
  @Column({ type: "text", nullable: true })
  sponsor!: string | null;

  @Field(() => InitiativeStage, { description: "Life-cycle stage." })
  @Column({ type: "varchar", length: 20, default: InitiativeStage.IDEA })
  stage!: InitiativeStage;

  @Field(() => Float, { nullable: true, description: "Planned cost in the reporting currency (≥ 0)." })
  @Column({ type: "numeric", precision: 18, scale: 2, nullable: true })
  budget!: number | null;

  @Field(() => Float, { nullable: true, description: "Spent to date in the reporting currency (≥ 0)." })
  @Column({ type: "numeric", precision: 18, scale: 2, nullable: true })
  actualCost!: number | null;

  @Field(() => Float, {
    description: "Σ of its RELEASED funding tranches' amounts (0 without any); changed only by the decisions that release them.",
  })
  @Column({ type: "numeric", precision: 18, scale: 2, default: 0 })
  releasedFunding!: number;

  @Field(() => LocalDate, { nullable: true, description: "Planned start (calendar date)." })
  @Column({ type: "date", nullable: true })
  startDate!: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Planned delivery (calendar date, ≥ startDate)." })
  @Column({ type: "date", nullable: true })
  targetDate!: string | null;

  @Field(() => [String], { description: "Free-form labels for filtering and grouping." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  tags!: string[];

  // Scoring inputs (DOMAIN.md, "Prioritization"): each optional; a model whose inputs are
  // missing gives no score and ranks the initiative last.

  @Field(() => Int, { nullable: true, description: `WSJF business value, on the scale ${WSJF_SCALE_TEXT}.` })
  @Column({ type: "int", nullable: true })
  businessValue!: number | null;

  @Field(() => Int, { nullable: true, description: `WSJF time criticality, on the scale ${WSJF_SCALE_TEXT}.` })
  @Column({ type: "int", nullable: true })
  timeCriticality!: number | null;

  @Field(() => Int, { nullable: true, description: `WSJF risk reduction / opportunity enablement, on the scale ${WSJF_SCALE_TEXT}.` })
  @Column({ type: "int", nullable: true })
  riskReduction!: number | null;

  @Field(() => Int, { nullable: true, description: `WSJF job size, on the scale ${WSJF_SCALE_TEXT}.` })
  @Column({ type: "int", nullable: true })
  jobSize!: number | null;

  @Field(() => Float, { nullable: true, description: "RICE reach: people or events per quarter (≥ 0)." })
  @Column({ type: "double precision", nullable: true })
  reach!: number | null;

  @Field(() => Float, { nullable: true, description: `RICE impact: one of ${RICE_IMPACTS_TEXT}.` })
  @Column({ type: "double precision", nullable: true })
  impact!: number | null;

  @Field(() => Float, { nullable: true, description: "RICE confidence, from 0 to 1." })
  @Column({ type: "double precision", nullable: true })
  confidence!: number | null;

  @Field(() => Float, { nullable: true, description: "RICE effort in person-months (> 0)." })
  @Column({ type: "double precision", nullable: true })
  effort!: number | null;
}

/** How each column is written (database/write.ts): inputs copy the "input" ones by name. */
export const INITIATIVE_COLUMNS: WritableColumns<Initiative> = {
  portfolioId: "system",
  name: "required",
  description: "input",
  owner: "input",
  sponsor: "input",
  stage: "required",
  budget: "input",
  actualCost: "input",
  releasedFunding: "system",
  startDate: "input",
  targetDate: "input",
  tags: { onNull: [] },
  businessValue: "input",
  timeCriticality: "input",
  riskReduction: "input",
  jobSize: "input",
  reach: "input",
  impact: "input",
  confidence: "input",
  effort: "input",
};
