/**
 * Values computed for a row by the statement that loaded it (a PageExtension), kept beside
 * the entity rather than on it, so they never reach its columns or the GraphQL output by
 * accident. A field resolver checks here first and resolves synchronously when it finds
 * what it would otherwise load.
 */
const store = new WeakMap<object, Map<string, unknown>>();

export function keepPrefetched(owner: object, key: string, value: unknown): void {
  let values = store.get(owner);
  if (!values) store.set(owner, (values = new Map()));
  values.set(key, value);
}

export function prefetched<T>(owner: object, key: string): T | undefined {
  return store.get(owner)?.get(key) as T | undefined;
}
