import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { IsOptional, Length, Matches } from "class-validator";
import { ConnectionType } from "../common/connection";
import { OrderInput } from "../common/order";
import { Metric, MetricAggregation, MetricCadence, MetricDirection } from "./metric.entity";

export const METRIC_KEY = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

export enum MetricOrderField {
  KEY = "KEY",
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(MetricOrderField, {
  name: "MetricOrderField",
  description: "Fields a metric list can be sorted by.",
  valuesConfig: {
    KEY: { description: "By key." },
    NAME: { description: "By name." },
    CREATED_AT: { description: "By creation time." },
    UPDATED_AT: { description: "By last change." },
  },
});
export const MetricOrder = OrderInput(MetricOrderField, "Metric", MetricOrderField.KEY);
export type MetricOrder = InstanceType<typeof MetricOrder>;

export const MetricConnection = ConnectionType(Metric, "Metric");

@InputType({ description: "Narrows a metric list; all given conditions must hold." })
export class MetricFilter {
  @Field(() => ID, { nullable: true, description: "Only metrics owned by this portfolio (see includeDescendants)." })
  portfolioId?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "With portfolioId, or on `Portfolio.metrics`: also metrics of every portfolio below it.",
  })
  includeDescendants!: boolean;

  @Field(() => [String], { nullable: true, description: "Only metrics with one of these keys." })
  keys?: string[] | null;

  @Field(() => MetricDirection, { nullable: true, description: "Only metrics with this direction." })
  direction?: MetricDirection | null;

  @Field(() => String, { nullable: true, description: "Key or name contains this text (case-insensitive)." })
  search?: string | null;
}

@InputType({ description: "A new metric (KPI)." })
export class CreateMetricInput {
  @Field(() => String, { description: "Unique, stable handle for scripts: `^[a-z0-9][a-z0-9_.-]{0,99}$`." })
  @Matches(METRIC_KEY, { message: "key must match ^[a-z0-9][a-z0-9_.-]{0,99}$" })
  key!: string;

  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: "What is measured and how." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Unit of the values (`USD`, `%`, `ms`, `count`), at most 50 characters." })
  @IsOptional()
  @Length(1, 50)
  unit?: string | null;

  @Field(() => MetricDirection, { description: "Which way is better." })
  direction!: MetricDirection;

  @Field(() => MetricAggregation, { nullable: true, description: "How measurements combine in a series bucket (default LAST)." })
  aggregation?: MetricAggregation | null;

  @Field(() => MetricCadence, { nullable: true, description: "Expected update interval." })
  cadence?: MetricCadence | null;

  @Field(() => ID, { description: "The owning portfolio; decides who may record its measurements." })
  portfolioId!: string;
}

@InputType({ description: "Changes to a metric; omitted fields stay as they are, null clears. The key never changes." })
export class UpdateMetricInput {
  @Field(() => ID, { description: "The metric to change." })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Fail with CONFLICT unless the metric is at this version." })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: "New name, 1–200 characters." })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "New unit." })
  @IsOptional()
  @Length(1, 50)
  unit?: string | null;

  @Field(() => MetricDirection, {
    nullable: true,
    description: "New direction; refused while hypotheses use the metric (their targets would change meaning).",
  })
  direction?: MetricDirection | null;

  @Field(() => MetricAggregation, { nullable: true, description: "New aggregation." })
  aggregation?: MetricAggregation | null;

  @Field(() => MetricCadence, { nullable: true, description: "New cadence; null makes it irregular." })
  cadence?: MetricCadence | null;

  @Field(() => ID, { nullable: true, description: "Move it to another owning portfolio." })
  portfolioId?: string | null;
}

@ObjectType({ simpleResolvers: true, description: "Result of createMetric." })
export class CreateMetricPayload {
  @Field(() => Metric, { description: "The new metric." })
  metric!: Metric;
}

@ObjectType({ simpleResolvers: true, description: "Result of updateMetric." })
export class UpdateMetricPayload {
  @Field(() => Metric, { description: "The changed metric." })
  metric!: Metric;
}
