import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TextCheckedPerItem } from "../graphql/validate-input";

/** The largest |value| a measurement may have: 1e15, so a SUM over a million of them stays far inside float8. */
export const MAX_MEASUREMENT_VALUE = 1e15;

@TextCheckedPerItem()
@InputType({
  description:
    "One observation to record. Name the metric by exactly one of `metricKey` or `metricId`. " +
    "(metric, observedAt, source) is the natural key: resending it is a no-op when the value is equal, a correction when it differs.",
})
export class MeasurementInput {
  @Field(() => String, { nullable: true, description: "The metric's `key`; give this or `metricId`, not both." })
  metricKey?: string | null;

  @Field(() => ID, { nullable: true, description: "The metric's global ID; give this or `metricKey`, not both." })
  metricId?: string | null;

  @Field(() => Float, {
    description: "The observed value in the metric's unit: finite, at most 1e15 in magnitude (so any bucket's sum stays finite).",
  })
  value!: number;

  @Field(() => Date, {
    description:
      "When the value was true in the world; at most 24 hours ahead of now. Kept to the millisecond, so two instants " +
      "that differ only below a millisecond are the same key.",
  })
  observedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: "Which script or system reports it (1–200 characters); part of the natural key. Defaults to the caller's name.",
  })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Free-text remark. Changing only the note of an existing key (same value) is a no-op: it counts as unchanged.",
  })
  note?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "A conditional correction: write only if this key is stored, counted (not retracted) and holds exactly this value; " +
      "otherwise the item is rejected with CONFLICT and the stored value is named in the message. Guards a correction " +
      "against one made meanwhile by someone else.",
  })
  expectedValue?: number | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "A conditional write: only if this key is not stored, or was last recorded or retracted at or before this instant " +
      "(e.g. the `recordedAt` you read); otherwise the item is rejected with CONFLICT.",
  })
  ifUnchangedSince?: Date | null;
}

@InputType({ description: "A batch of measurements to record in one transaction." })
export class RecordMeasurementsInput {
  @Field(() => [MeasurementInput], {
    description: "The measurements, at most the configured maximum per call (5,000 by default); more refuses the whole call.",
  })
  measurements!: MeasurementInput[];

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "true: all or nothing, so any rejected item means nothing is written. false: the valid items are written and the others are listed in `rejected`.",
  })
  atomic!: boolean;
}

/** Why an item of a batch was refused: the API error codes an item can get. */
export enum MeasurementRejectionCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  FORBIDDEN = "FORBIDDEN",
  CONFLICT = "CONFLICT",
}
registerEnumType(MeasurementRejectionCode, {
  name: "MeasurementRejectionCode",
  description: "Why one item of a recordMeasurements batch was refused; the same codes as `errors[].extensions.code`.",
  valuesConfig: {
    BAD_USER_INPUT: {
      description: "The item is invalid (value, observedAt, source, note, or the same key twice in one call); `field` names the input.",
    },
    NOT_FOUND: { description: "No metric with this key or ID, or one the caller may not see." },
    FORBIDDEN: { description: "The caller sees the metric but may not record it (a VIEWER, or an API token whose scope does not name it)." },
    CONFLICT: { description: "The item's condition (`expectedValue` or `ifUnchangedSince`) does not hold for the stored key." },
  },
});

@ObjectType({ simpleResolvers: true, description: "Why one item of a recordMeasurements batch was not written." })
export class MeasurementRejection {
  @Field(() => Int, { description: "Position of the item in `input.measurements` (0-based)." })
  index!: number;

  @Field(() => MeasurementRejectionCode, { description: "Why the item was refused: BAD_USER_INPUT, NOT_FOUND, FORBIDDEN or CONFLICT." })
  code!: MeasurementRejectionCode;

  @Field(() => String, { description: "What is wrong, for a person to read." })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: "The input path at fault, e.g. `input.measurements.3.value`; the item itself (`input.measurements.3`) when no single field is.",
  })
  field!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "Outcome of recordMeasurements. Safe to retry: resending a batch after a timeout or failure turns already stored items into `unchanged`.",
})
export class RecordMeasurementsPayload {
  @Field(() => Int, { description: "Items that were valid: inserted + updated + unchanged (0 when an atomic batch had any rejection)." })
  accepted!: number;

  @Field(() => Int, { description: "New measurements stored (their key was not stored before)." })
  inserted!: number;

  @Field(() => Int, {
    description: "Corrections: the key was stored with a different value; the new value is current and the old one is kept as a revision.",
  })
  updated!: number;

  @Field(() => Int, { description: "Items whose key was already stored with the same value: nothing was written." })
  unchanged!: number;

  @Field(() => [MeasurementRejection], { description: "Items that were not accepted, in input order, with the reason." })
  rejected!: MeasurementRejection[];
}
