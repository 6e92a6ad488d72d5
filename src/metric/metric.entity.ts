import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ReadsKeysOnly } from "../graphql/projection";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Versioned } from "../common/entity-base";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { WritableColumns } from "../database/write";
import { Portfolio } from "../portfolio/portfolio.entity";

export enum MetricDirection {
  INCREASE = "INCREASE",
  DECREASE = "DECREASE",
}
registerEnumType(MetricDirection, {
  name: "MetricDirection",
  description: "Which way the metric is better.",
  valuesConfig: {
    INCREASE: { description: "Higher is better (revenue, conversion)." },
    DECREASE: { description: "Lower is better (cost, latency, churn)." },
  },
});

export enum MetricAggregation {
  LAST = "LAST",
  SUM = "SUM",
  AVERAGE = "AVERAGE",
  MIN = "MIN",
  MAX = "MAX",
}
registerEnumType(MetricAggregation, {
  name: "MetricAggregation",
  description: "How the measurements inside one time bucket combine in a series.",
  valuesConfig: {
    LAST: { description: "The value observed last in the bucket (levels: headcount, NPS)." },
    SUM: { description: "The sum (flows: orders, revenue)." },
    AVERAGE: { description: "The arithmetic mean." },
    MIN: { description: "The smallest value." },
    MAX: { description: "The largest value." },
  },
});

export enum MetricCadence {
  DAILY = "DAILY",
  WEEKLY = "WEEKLY",
  MONTHLY = "MONTHLY",
  QUARTERLY = "QUARTERLY",
}
registerEnumType(MetricCadence, {
  name: "MetricCadence",
  description: "How often new measurements are expected; a metric is stale after twice this long without one.",
  valuesConfig: {
    DAILY: { description: "Every day." },
    WEEKLY: { description: "Every week (7 days)." },
    MONTHLY: { description: "Every month (counted as 30 days)." },
    QUARTERLY: { description: "Every quarter (counted as 91 days)." },
  },
});

@ObjectType({ simpleResolvers: true, implements: Node, description: "A business KPI, measured over time, independent of any one initiative." })
@Entity("metric")
@Check("metric_key_format", "key ~ '^[a-z0-9][a-z0-9_.-]{0,99}$'")
@Check("metric_name_length", "char_length(name) BETWEEN 1 AND 200")
@Check("metric_direction_valid", "direction IN ('INCREASE','DECREASE')")
@Check("metric_aggregation_valid", "aggregation IN ('LAST','SUM','AVERAGE','MIN','MAX')")
@Check("metric_cadence_valid", "cadence IN ('DAILY','WEEKLY','MONTHLY','QUARTERLY')")
@Index("metric_portfolio_name_idx", ["portfolioId", "name", "rowId"])
@Index("metric_name_idx", ["name", "rowId"])
export class Metric extends Versioned {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("Metric", this.rowId);
  }

  @Field(() => String, {
    description: "Unique, stable handle for scripts: lower case, `^[a-z0-9][a-z0-9_.-]{0,99}$`.",
  })
  @Index("metric_key_unique", { unique: true })
  @Column({ type: "varchar", length: 100 })
  key!: string;

  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: "What is measured and how." })
  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Unit of the values, free text (`USD`, `%`, `ms`, `count`)." })
  @Column({ type: "varchar", length: 50, nullable: true })
  unit!: string | null;

  @Field(() => MetricDirection, { description: "Which way is better." })
  @Column({ type: "varchar", length: 10 })
  direction!: MetricDirection;

  @Field(() => MetricAggregation, { description: "How measurements combine inside a series bucket." })
  @Column({ type: "varchar", length: 10, default: MetricAggregation.LAST })
  aggregation!: MetricAggregation;

  @Field(() => MetricCadence, { nullable: true, description: "Expected update interval; null when irregular." })
  @Column({ type: "varchar", length: 10, nullable: true })
  cadence!: MetricCadence | null;

  @Column({ type: "uuid" })
  portfolioId!: string;

  @ManyToOne(() => Portfolio, { onDelete: "RESTRICT", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;
}

/** How each column is written (database/write.ts): inputs copy the "input" ones by name. */
export const METRIC_COLUMNS: WritableColumns<Metric> = {
  key: "required",
  name: "required",
  description: "input",
  unit: "input",
  direction: "required",
  aggregation: "required",
  cadence: "input",
  portfolioId: "system",
};
