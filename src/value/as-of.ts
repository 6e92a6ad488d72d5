import { GraphQLResolveInfo, SelectionSetNode } from "graphql";
import { Context } from "../context";

const requestNow = new WeakMap<Context, Date>();

/**
 * The instant a value field is evaluated at: the `asOf` argument, or "now" fixed once per
 * request, so every field of one response sees the same instant and shares one batch
 * (DataLoaders are keyed by asOf).
 */
export function resolveAsOf(ctx: Context, asOf: Date | null | undefined): Date {
  if (asOf) return asOf;
  let now = requestNow.get(ctx);
  if (!now) {
    now = new Date();
    requestNow.set(ctx, now);
  }
  return now;
}

/** Whether the field being resolved selects any of `names` (through fragments too). */
export function selectsAny(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === "Field") return names.includes(s.name.value);
      if (s.kind === "InlineFragment") return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((f) => visit(f.selectionSet));
}
