import { Field, InputType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../common/connection";
import { OrderInput } from "../common/order";
import { Measurement } from "./measurement.entity";

export enum MeasurementOrderField {
  OBSERVED_AT = "OBSERVED_AT",
  RECORDED_AT = "RECORDED_AT",
}
registerEnumType(MeasurementOrderField, {
  name: "MeasurementOrderField",
  description: "Fields a measurement list can be sorted by.",
  valuesConfig: {
    OBSERVED_AT: { description: "By when the value was true in the world." },
    RECORDED_AT: { description: "By when the current value was stored." },
  },
});
export const MeasurementOrder = OrderInput(MeasurementOrderField, "Measurement", MeasurementOrderField.OBSERVED_AT);
export type MeasurementOrder = InstanceType<typeof MeasurementOrder>;

export const MeasurementConnection = ConnectionType(Measurement, "Measurement");

@InputType({ description: "Narrows a measurement list; all given conditions must hold." })
export class MeasurementFilter {
  @Field(() => Date, { nullable: true, description: "Only observations at or after this instant." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only observations before this instant." })
  to?: Date | null;

  @Field(() => [String], { nullable: true, description: "Only observations from one of these sources." })
  sources?: string[] | null;

  @Field(() => Boolean, { defaultValue: false, description: "Also list retracted measurements (they count nowhere)." })
  includeRetracted!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only measurements corrected at least once (with `revisions`); false: only never-corrected ones; null: both.",
  })
  corrected?: boolean | null;
}
