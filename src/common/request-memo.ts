/**
 * Values worked out once per request and kept in its context (never in module state): a
 * field under a list is resolved once per item with the same field nodes, and what it reads
 * ahead (its page plan, its columns) is the same for all of them.
 */
export class RequestMemo {
  private readonly values = new Map<object, Map<string, unknown>>();

  /** `compute()` once per request for `owner` (e.g. a field's nodes) and `name`. */
  once<T>(owner: object, name: string, compute: () => T): T {
    let byName = this.values.get(owner);
    if (!byName) this.values.set(owner, (byName = new Map()));
    if (byName.has(name)) return byName.get(name) as T;
    const value = compute();
    byName.set(name, value);
    return value;
  }
}
