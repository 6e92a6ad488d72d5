import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ReadsKeysOnly } from "../graphql/projection";
import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import { Versioned } from "../common/entity-base";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { raw } from "../database/sql";
import { WritableColumns } from "../database/write";
import { Initiative } from "../initiative/initiative.entity";
import { Metric } from "../metric/metric.entity";

export enum HypothesisState {
  DRAFT = "DRAFT",
  ACTIVE = "ACTIVE",
  VALIDATED = "VALIDATED",
  INVALIDATED = "INVALIDATED",
  ABANDONED = "ABANDONED",
}
registerEnumType(HypothesisState, {
  name: "HypothesisState",
  description: "Set by people. Rollups count ACTIVE, VALIDATED and INVALIDATED hypotheses.",
  valuesConfig: {
    DRAFT: { description: "Being written; not counted." },
    ACTIVE: { description: "Being tracked." },
    VALIDATED: { description: "Judged true by its owners." },
    INVALIDATED: { description: "Judged false by its owners (still counted: the money was spent)." },
    ABANDONED: { description: "No longer relevant; not counted." },
  },
});

/** The states that rollups, rankings and signals count. */
export const COUNTED_STATES = [HypothesisState.ACTIVE, HypothesisState.VALIDATED, HypothesisState.INVALIDATED];
/** The same rule in SQL: `h.state IN ${COUNTED_STATES_SQL}`. */
export const COUNTED_STATES_SQL = raw(`(${COUNTED_STATES.map((s) => `'${s}'`).join(", ")})`);

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "“We believe that <initiative> will move <metric> from <baseline> to <target> by <targetDate>.”",
})
@Entity("outcome_hypothesis")
@Check("hypothesis_statement_length", "char_length(statement) BETWEEN 1 AND 2000")
@Check("hypothesis_dates_ordered", "target_date > baseline_at")
@Check("hypothesis_target_differs", "target <> baseline")
@Check("hypothesis_weight_positive", "weight > 0")
@Check("hypothesis_benefit_nonnegative", "expected_benefit >= 0")
@Check("hypothesis_state_valid", "state IN ('DRAFT','ACTIVE','VALIDATED','INVALIDATED','ABANDONED')")
@Index("hypothesis_initiative_idx", ["initiativeId", "createdAt", "rowId"])
@Index("hypothesis_metric_idx", ["metricId"])
@Index("hypothesis_created_at_idx", ["createdAt", "rowId"])
export class OutcomeHypothesis extends Versioned {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("OutcomeHypothesis", this.rowId);
  }

  @Column({ type: "uuid" })
  initiativeId!: string;

  @ManyToOne(() => Initiative, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "initiative_id" })
  initiativeRelation?: Initiative;

  @Column({ type: "uuid" })
  metricId!: string;

  @ManyToOne(() => Metric, { onDelete: "RESTRICT", nullable: false })
  @JoinColumn({ name: "metric_id" })
  metricRelation?: Metric;

  @Field(() => String, { description: "The hypothesis in words." })
  @Column({ type: "text" })
  statement!: string;

  @Field(() => Float, { description: "The metric's value at `baselineAt`." })
  @Column({ type: "double precision" })
  baseline!: number;

  @Field(() => Date, { description: "When the baseline was true; progress counts measurements from here." })
  @Column({ type: "timestamptz" })
  baselineAt!: Date;

  @Field(() => Float, { description: "The value the initiative should reach; on the metric's better side of the baseline." })
  @Column({ type: "double precision" })
  target!: number;

  @Field(() => Date, { description: "When the target should be reached (after `baselineAt`)." })
  @Column({ type: "timestamptz" })
  targetDate!: Date;

  @Field(() => Float, { description: "Relative importance in rollups (> 0)." })
  @Column({ type: "double precision", default: 1 })
  weight!: number;

  @Field(() => Float, { description: "Money the outcome is worth if fully achieved, in the reporting currency (≥ 0)." })
  @Column({ type: "numeric", precision: 18, scale: 2, default: 0 })
  expectedBenefit!: number;

  @Field(() => HypothesisState, { description: "Set by people; decides whether rollups count it." })
  @Column({ type: "varchar", length: 12, default: HypothesisState.ACTIVE })
  state!: HypothesisState;
}

/** How each column is written (database/write.ts): inputs copy the "input" ones by name. */
export const HYPOTHESIS_COLUMNS: WritableColumns<OutcomeHypothesis> = {
  initiativeId: "system",
  metricId: "system",
  statement: "required",
  baseline: "required",
  baselineAt: "required",
  target: "required",
  targetDate: "required",
  weight: "required",
  expectedBenefit: "required",
  state: "required",
};
