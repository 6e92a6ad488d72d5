import { AuthCheckerInterface, registerEnumType, ResolverData } from "type-graphql";
import { Context } from "../context";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { isPerson, Viewer } from "./viewer";

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

/** Why `viewer` may not use `capability` at all, or null when it may: the one rule the checker and `viewer.capabilities` apply. */
export function capabilityDenied(viewer: Viewer, capability: Capability): string | null {
  if (capability === Capability.MANAGE && !isPerson(viewer)) return "API tokens may read and record measurements, nothing else";
  if (capability === Capability.RECORD && viewer.token && viewer.token.scope !== "WRITE_MEASUREMENTS") return "This API token is read-only";
  return null;
}

export class CapabilityChecker implements AuthCheckerInterface<Context> {
  check({ context }: ResolverData<Context>, capabilities: string[]): boolean {
    const viewer = context.access?.viewer;
    if (!viewer) throw new UnauthenticatedError();
    for (const c of capabilities) {
      const denied = capabilityDenied(viewer, c as Capability);
      if (denied) throw new ForbiddenError(denied);
    }
    return true;
  }
}
