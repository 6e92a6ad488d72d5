/**
 * The instant a value field is evaluated at: the `asOf` argument, or the request's "now"
 * (fixed once in the context), so every field of one response sees the same instant and
 * shares one batch (DataLoaders are keyed by asOf).
 */
export function resolveAsOf(ctx: { now: Date }, asOf: Date | null | undefined): Date {
  return asOf ?? ctx.now;
}
