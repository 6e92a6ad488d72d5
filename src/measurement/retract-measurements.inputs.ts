import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Length } from "class-validator";
import { MeasurementRejection } from "./record-measurements.inputs";
import { TextCheckedPerItem } from "../graphql/validate-input";

@TextCheckedPerItem()
@InputType({
  description: "The natural key of a stored measurement: the metric (by exactly one of `metricKey` or `metricId`), `observedAt` and `source`.",
})
export class MeasurementKeyInput {
  @Field(() => String, { nullable: true, description: "The metric's `key`; give this or `metricId`, not both." })
  metricKey?: string | null;

  @Field(() => ID, { nullable: true, description: "The metric's global ID; give this or `metricKey`, not both." })
  metricId?: string | null;

  @Field(() => Date, { description: "The instant the measurement was recorded for." })
  observedAt!: Date;

  @Field(() => String, { nullable: true, description: "The source it was recorded with. Defaults to the caller's name, as when recording." })
  source?: string | null;
}

@InputType({ description: "Measurements to retract (a wrong load), in one transaction." })
export class RetractMeasurementsInput {
  @Field(() => [MeasurementKeyInput], {
    description: "The keys to retract, at most the configured maximum per call (5,000 by default); more refuses the whole call.",
  })
  measurements!: MeasurementKeyInput[];

  @Field(() => String, { description: "Why they are retracted (1–500 characters); kept in the change record." })
  @Length(1, 500)
  reason!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "true: all or nothing, so any rejected item means nothing is retracted. false: the valid items are retracted.",
  })
  atomic!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: "Outcome of retractMeasurements. Safe to retry: a key already retracted counts as `unchanged`.",
})
export class RetractMeasurementsPayload {
  @Field(() => Int, { description: "Items that were valid: retracted + unchanged (0 when an atomic call had any rejection)." })
  accepted!: number;

  @Field(() => Int, { description: "Measurements retracted by this call: from now on they count nowhere, until recorded again." })
  retracted!: number;

  @Field(() => Int, { description: "Items whose key was already retracted: nothing was written." })
  unchanged!: number;

  @Field(() => [MeasurementRejection], {
    description: "Items that were not accepted, in input order: NOT_FOUND also when no measurement is stored under the key.",
  })
  rejected!: MeasurementRejection[];
}
