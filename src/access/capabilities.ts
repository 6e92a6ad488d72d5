import { AuthCheckerInterface, registerEnumType, ResolverData } from "type-graphql";
import { Context } from "../context";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { isPerson } from "./viewer";

/**
 * The coarse rule on every root field, mutation and field that leads to another object
 * (`@Authorized(Capability.X)`); the portfolio-level rule for the particular rows is
 * applied by the services through `ctx.access`. A schema-walking test fails when a
 * field has no capability.
 */
export enum Capability {
  /** Any authenticated caller; rows are filtered to what they may see. */
  READ = "READ",
  /** People (not API tokens) changing the model; the service checks their portfolio role. */
  MANAGE = "MANAGE",
  /** Recording measurements: people, and tokens with the WRITE_MEASUREMENTS scope. */
  RECORD = "RECORD",
}

registerEnumType(Capability, {
  name: "Capability",
  description: "What a credential may do at all; the portfolio roles decide where.",
  valuesConfig: {
    READ: { description: "Read what its roles let it see." },
    MANAGE: { description: "Change the model (portfolios, initiatives, metrics, hypotheses, members, tokens, decisions): people only." },
    RECORD: { description: "Record, correct and retract measurements: people, and API tokens with WRITE_MEASUREMENTS." },
  },
});

export class CapabilityChecker implements AuthCheckerInterface<Context> {
  check({ context }: ResolverData<Context>, capabilities: string[]): boolean {
    const viewer = context.access?.viewer;
    if (!viewer) throw new UnauthenticatedError();
    for (const c of capabilities) {
      if (c === Capability.MANAGE && !isPerson(viewer)) {
        throw new ForbiddenError("API tokens may read and record measurements, nothing else");
      }
      if (c === Capability.RECORD && viewer.token && viewer.token.scope !== "WRITE_MEASUREMENTS") {
        throw new ForbiddenError("This API token is read-only");
      }
    }
    return true;
  }
}
