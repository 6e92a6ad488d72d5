import { Arg, Ctx, Mutation, Resolver, Authorized } from "type-graphql";
import { Capability } from "../access/capabilities";
import { Context } from "../context";
import { RetractMeasurementsInput, RetractMeasurementsPayload } from "./retract-measurements.inputs";
import { retractMeasurements } from "./retract-measurements.service";

@Resolver()
export class RetractMeasurementsResolver {
  @Authorized(Capability.RECORD)
  @Mutation(() => RetractMeasurementsPayload, {
    description:
      "Retract measurements (a wrong load): from now on they count in no value, series or report, and their values stay " +
      "readable in `revisions`. Recording a retracted key again makes it count again, as a new revision. Safe to retry.",
  })
  retractMeasurements(@Arg("input", () => RetractMeasurementsInput) input: RetractMeasurementsInput, @Ctx() ctx: Context) {
    return retractMeasurements(ctx, input);
  }
}
