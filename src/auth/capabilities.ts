import { AuthCheckerInterface, ResolverData } from "type-graphql";
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

const readable = new Map<Function, Set<string>>();

/**
 * READ on a field resolver, declared without a per-call check. Every request is
 * authenticated before any resolver runs, so READ's check ("there is a viewer") can only
 * pass; what a caller may read is decided row by row in SQL. A middleware on each of the
 * thousands of nested fields a dashboard resolves cost more CPU than its SQL. The schema
 * walk (test/auth/schema-rules.test.ts) counts this marker as the field's rule.
 */
export function Readable(): MethodDecorator {
  return (target, key) => {
    const cls = target.constructor;
    readable.set(cls, (readable.get(cls) ?? new Set()).add(String(key)));
  };
}

/** Whether `method` of resolver class `target` carries @Readable(). */
export function isReadable(target: Function, method: string): boolean {
  return readable.get(target)?.has(method) ?? false;
}

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
