/**
 * READ on a field resolver, declared without a per-call check. Every request is
 * authenticated before any resolver runs, so READ's check ("there is a viewer") can only
 * pass; what a caller may read is decided row by row in SQL. A middleware on each of the
 * thousands of nested fields a dashboard resolves cost more CPU than its SQL. The schema
 * walk (test/auth/schema-rules.test.ts) counts this marker as the field's rule, and such
 * fields are called straight from graphql-js (direct-resolvers.ts).
 */
const readable = new Map<Function, Set<string>>();

/** Marks a field resolver as READ (see above). */
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
