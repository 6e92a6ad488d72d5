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
