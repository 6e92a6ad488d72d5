/**
 * Values computed for a row by the statement that loaded it (a PageExtension), kept under a
 * symbol beside the entity's columns, so they never reach its columns or the GraphQL output
 * by accident. A field resolver checks here first and resolves synchronously when it finds
 * what it would otherwise load.
 */
const PREFETCHED = Symbol("prefetched");

type Holder = { [PREFETCHED]?: Record<string, unknown> };

export function keepPrefetched(owner: object, key: string, value: unknown): void {
  ((owner as Holder)[PREFETCHED] ??= {})[key] = value;
}

export function prefetched<T>(owner: object, key: string): T | undefined {
  return (owner as Holder)[PREFETCHED]?.[key] as T | undefined;
}
