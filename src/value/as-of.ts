import { KnownAt, pastOnly } from "../database/known-at";

/** What a value field needs of the request: its fixed "now" and the operation's knownAt. */
interface Clock {
  now: Date;
  knownAt: KnownAt;
}

/**
 * The two clocks a figure is computed at (DOMAIN.md, "History"): world time `asOf` (only
 * observations made by then count) and record time `knownAt` (only what was recorded by then
 * counts; null: now), and the record time to state beside the figure (`reported`).
 */
export interface ValueTime {
  asOf: Date;
  knownAt: KnownAt;
  reported: Date;
}

/**
 * A value field's clocks: `knownAt` is its argument, else the operation's `@knownAt`, null
 * ("now") when neither is in the past; `asOf` is its argument, else that knownAt, else the
 * request's "now" (fixed once in the context), so every field of one response sees the same
 * instants and shares one batch (DataLoaders are keyed by both).
 */
export function valueTime(ctx: Clock, asOf: Date | null | undefined, knownAt: Date | null | undefined): ValueTime {
  const k = pastOnly(knownAt ?? ctx.knownAt, ctx.now);
  return { asOf: asOf ?? k ?? ctx.now, knownAt: k, reported: k ?? ctx.now };
}

/** A cache key for a ValueTime: batches and prefetched values are shared only at equal clocks. */
export function timeKey(t: ValueTime): string {
  return `${t.asOf.getTime()}:${t.knownAt?.getTime() ?? "now"}`;
}
