import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { Metric } from "../metric/metric.entity";

/**
 * One observation of a metric. The natural key (metric, observedAt, source) makes
 * resubmission safe; a different value for the same key is a correction, and the
 * superseded value is copied to `measurement_revision` by a trigger, so nothing is
 * ever silently overwritten, whichever code path writes. A retraction sets `retractedAt`:
 * every value query counts only rows where it is null (the covering index is partial on it).
 * The table is partitioned by quarter of `observedAt` (migration PartitionMeasurements), so
 * the key is (rowId, observedAt); rowId alone is unique too (one sequence) and is what the
 * global ID encodes.
 */
@ObjectType({ simpleResolvers: true, implements: Node, description: "One observation of a metric." })
@Entity("measurement")
@Unique("measurement_natural_key", ["metricId", "observedAt", "source"])
@Check("measurement_value_finite", "value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)")
@Check("measurement_source_length", "char_length(source) BETWEEN 1 AND 200")
// covering index with INCLUDE (value), written by hand in the migration
@Index("measurement_metric_observed_idx", { synchronize: false })
export class Measurement {
  @PrimaryGeneratedColumn("increment", { type: "bigint", name: "id" })
  rowId!: number;

  @Field(() => ID, { description: "Opaque global ID." })
  get id(): string {
    return encodeGlobalId("Measurement", this.rowId);
  }

  @Column({ type: "uuid" })
  metricId!: string;

  @ManyToOne(() => Metric, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "metric_id" })
  metricRelation?: Metric;

  @Field(() => Float, { description: "The observed value (finite), in the metric's unit." })
  @Column({ type: "double precision" })
  value!: number;

  @Field(() => Date, { description: "When the value was true in the world." })
  // in the key because it is the partition key: Postgres requires it in every unique constraint
  @PrimaryColumn({ type: "timestamptz" })
  observedAt!: Date;

  @Field(() => String, { description: "Which script or system reported it; part of the natural key." })
  @Column({ type: "varchar", length: 200 })
  source!: string;

  @Field(() => String, { nullable: true, description: "Free-text remark from the reporter." })
  @Column({ type: "text", nullable: true })
  note!: string | null;

  @Field(() => Date, { description: "When the service stored the current value." })
  @Column({ type: "timestamptz", default: () => "now()" })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: "Who submitted the current value." })
  @Column({ type: "text", nullable: true })
  recordedBy!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When it was retracted (retractMeasurements): from then on it counts nowhere, until its key is recorded again. Null: it counts.",
  })
  @Column({ type: "timestamptz", nullable: true })
  retractedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Who retracted it." })
  @Column({ type: "text", nullable: true })
  retractedBy!: string | null;

  @Field(() => Date, { description: "When the first value for this key was stored." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field(() => Date, { description: "When the current value was stored (same as `recordedAt`)." })
  get updatedAt(): Date {
    return this.recordedAt;
  }
}

/** A superseded state of a measurement, kept when a correction, a retraction or a new recording replaced it. */
@ObjectType({
  simpleResolvers: true,
  description: "An earlier state of a measurement that a later correction, retraction or re-recording superseded.",
})
@Entity("measurement_revision")
@Index("measurement_revision_measurement_idx", ["measurementId", "supersededAt"])
// the states that counted, by metric and time (measurement_at(k)), written by hand in the migration
@Index("measurement_revision_metric_observed_idx", { synchronize: false })
export class MeasurementRevision {
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  id!: number;

  @Column({ type: "bigint" })
  measurementId!: number;

  @ManyToOne(() => Measurement, { onDelete: "CASCADE", nullable: false })
  @JoinColumn([
    { name: "measurement_id", referencedColumnName: "rowId" },
    { name: "observed_at", referencedColumnName: "observedAt" },
  ])
  measurementRelation?: Measurement;

  /** The measurement's natural key and creation, copied so `measurement_at(k)` reads revisions by metric and time. */
  @Column({ type: "uuid" })
  metricId!: string;

  // partitioned like measurement, so in the key (see Measurement.observedAt)
  @PrimaryColumn({ type: "timestamptz" })
  observedAt!: Date;

  @Column({ type: "varchar", length: 200 })
  source!: string;

  @Column({ type: "timestamptz" })
  createdAt!: Date;

  @Field(() => Float, { description: "The superseded value." })
  @Column({ type: "double precision" })
  value!: number;

  @Field(() => String, { nullable: true, description: "The note that came with the superseded value." })
  @Column({ type: "text", nullable: true })
  note!: string | null;

  @Field(() => Date, { description: "When the superseded value had been stored." })
  @Column({ type: "timestamptz" })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: "Who had submitted the superseded value." })
  @Column({ type: "text", nullable: true })
  recordedBy!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "Set when this earlier state was a retraction: the key did not count from then until `supersededAt`.",
  })
  @Column({ type: "timestamptz", nullable: true })
  retractedAt!: Date | null;

  @Field(() => Date, { description: "When the correction, retraction or new recording replaced it." })
  @Column({ type: "timestamptz", default: () => "now()" })
  supersededAt!: Date;
}
