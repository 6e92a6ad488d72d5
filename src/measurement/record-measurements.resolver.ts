import { Arg, Ctx, Mutation, Resolver, Authorized } from "type-graphql";
import { Capability } from "../access/capabilities";
import { Context } from "../context";
import { RecordMeasurementsInput, RecordMeasurementsPayload } from "./record-measurements.inputs";
import { recordMeasurements } from "./record-measurements.service";

@Resolver()
export class RecordMeasurementsResolver {
  @Authorized(Capability.RECORD)
  @Mutation(() => RecordMeasurementsPayload, {
    description:
      "Record a batch of measurements in one transaction, idempotently: a key already stored with the same value is " +
      "unchanged, a different value is a correction that keeps the old one as a revision. Safe to retry.",
  })
  recordMeasurements(@Arg("input", () => RecordMeasurementsInput) input: RecordMeasurementsInput, @Ctx() ctx: Context) {
    return recordMeasurements(ctx, input);
  }
}
