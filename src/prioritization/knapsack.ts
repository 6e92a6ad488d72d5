/**
 * The exact 0/1 knapsack behind scenarios (DOMAIN.md, "Scenarios"): choose the candidates
 * with the greatest total score whose total cost fits the money available.
 *
 * Costs are money (floats), so the solver works in integer multiples of a `unit`: each cost is
 * rounded UP and the capacity DOWN, hence a chosen set never costs more than the real budget.
 * Dynamic programming over capacity units is then exact for the rounded costs.
 *
 * Tie rule (deterministic): among the optimal sets, the one that is lexicographically
 * greatest in input order — item 0 is included whenever some optimal set includes it, then
 * item 1 given that choice, and so on. Callers pass candidates in rank order, so equal-value
 * plans favour the better-ranked initiatives.
 *
 * Cost: O(n·C) time, C = capacity in units (≤ 200,000 with the default unit); memory is one
 * Float64Array row (8·C bytes) plus one decision bit per item and capacity (n·C/8 bytes).
 * Measured with benchKnapsack (knapsack.bench.ts), 2,000 items × 200,000 units (unit 1,000),
 * Node 20 on the dev container: ~0.79 s, ~50 MB allocated (50.0 MB of decision bits + 1.6 MB
 * dp row); the bits are zero-filled lazily, so resident memory grows by less (18–26 MB).
 */

/** The default unit keeps capacity / unit at or under this many units. */
export const MAX_DEFAULT_UNITS = 200_000;
/** Decision bits (items × capacity units) the solver agrees to allocate: 2^30 bits = 128 MiB. */
export const MAX_DECISION_BITS = 2 ** 30;

/** The table the capacity and unit call for is more than the solver agrees to build. */
export class KnapsackTooLargeError extends Error {}

export interface KnapsackItem {
  id: string;
  cost: number;
  value: number;
}

export interface KnapsackOptions {
  /** Money per capacity unit (> 0); default defaultUnit(capacity). */
  unit?: number;
  /** Ids taken whatever their value; their rounded cost comes off the capacity first. */
  mustInclude?: readonly string[];
}

export interface KnapsackResult {
  /** Chosen ids, in input order (empty when infeasible). */
  selected: string[];
  /** Σ real (unrounded) cost of the selection: never more than the capacity. */
  totalCost: number;
  /** Σ cost of the selection rounded up to the unit, as the solver counted it. */
  roundedCost: number;
  totalValue: number;
  unit: number;
  /** True when the must-include items alone cost more than the capacity. */
  infeasible: boolean;
  /** By how much money they do (0 when feasible). */
  overshoot: number;
}

/**
 * The smallest of 1, 2, 5, 10, 20, 50, … with capacity / unit ≤ 200,000: as fine as the
 * time budget allows, in amounts a person would also round to. Never below 1 currency unit.
 */
export function defaultUnit(capacity: number): number {
  if (!Number.isFinite(capacity) || capacity < 0) throw new Error(`knapsack: capacity must be finite and ≥ 0 (got ${capacity})`);
  for (let exp = 0; ; exp++) {
    for (const m of [1, 2, 5]) {
      const unit = m * 10 ** exp;
      if (capacity / unit <= MAX_DEFAULT_UNITS) return unit;
    }
  }
}

/**
 * amount / unit rounded up (ceil) or down (floor), except that a quotient within 1e-12 of an
 * integer counts as that integer: decimal money is inexact in binary (0.29 / 0.01 gives
 * 28.999999999999996), and a cost that is a multiple of the unit must stay that multiple.
 * The tolerance is relative to the quotient, so a positive amount never snaps to 0 units
 * (with a unit 10^12 times the cost it would otherwise count as free).
 */
export function toUnits(amount: number, unit: number, round: "up" | "down"): number {
  const q = amount / unit;
  const nearest = Math.round(q);
  if (Math.abs(q - nearest) <= 1e-12 * Math.abs(q)) return nearest;
  return round === "up" ? Math.ceil(q) : Math.floor(q);
}

function validate(items: readonly KnapsackItem[], capacity: number, unit: number, must: ReadonlySet<string>): void {
  if (!Number.isFinite(capacity) || capacity < 0) throw new Error(`knapsack: capacity must be finite and ≥ 0 (got ${capacity})`);
  if (!Number.isFinite(unit) || unit <= 0) throw new Error(`knapsack: unit must be finite and > 0 (got ${unit})`);
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.id)) throw new Error(`knapsack: duplicate id ${it.id}`);
    ids.add(it.id);
    if (!Number.isFinite(it.cost) || it.cost < 0) throw new Error(`knapsack: cost of ${it.id} must be finite and ≥ 0 (got ${it.cost})`);
    if (!Number.isFinite(it.value) || it.value < 0) throw new Error(`knapsack: value of ${it.id} must be finite and ≥ 0 (got ${it.value})`);
  }
  for (const id of must) if (!ids.has(id)) throw new Error(`knapsack: mustInclude id ${id} is not an item`);
}

export function solveKnapsack(items: readonly KnapsackItem[], capacity: number, options: KnapsackOptions = {}): KnapsackResult {
  const unit = options.unit ?? defaultUnit(Number.isFinite(capacity) && capacity > 0 ? capacity : 0); // validate() reports a bad capacity
  const must = new Set(options.mustInclude ?? []);
  validate(items, capacity, unit, must);
  const units = items.map((it) => toUnits(it.cost, unit, "up"));
  // a unit so fine that amount / unit overflows would make every cost Infinity and all fit
  const capacityUnits = toUnits(capacity, unit, "down");
  if (![capacityUnits, ...units].every(Number.isFinite)) {
    throw new KnapsackTooLargeError(`knapsack: unit ${unit} is too fine for these amounts; use a coarser unit`);
  }
  const take = new Uint8Array(items.length);

  let mustCost = 0;
  let mustUnits = 0;
  items.forEach((it, i) => {
    if (must.has(it.id)) {
      take[i] = 1;
      mustCost += it.cost;
      mustUnits += units[i];
    }
  });
  // Feasibility is judged on real money (with float slack), not on rounded costs: must-include
  // items that really fit must not be refused because rounding pushed them over.
  const overshoot = mustCost - capacity;
  if (overshoot > 1e-9 * Math.max(1, capacity)) {
    return { selected: [], totalCost: 0, roundedCost: 0, totalValue: 0, unit, infeasible: true, overshoot };
  }

  // Free items with value are always worth taking; valueless ones never (unless must).
  const candidates: number[] = [];
  items.forEach((it, i) => {
    if (take[i] || it.value <= 0) return;
    if (units[i] === 0) take[i] = 1;
    else candidates.push(i);
  });

  // The table never needs more columns than the candidates could fill all together.
  const room = Math.max(0, capacityUnits - mustUnits);
  const totalUnits = candidates.reduce((s, i) => s + units[i], 0);
  for (const i of chooseExact(
    candidates.map((i) => units[i]),
    candidates.map((i) => items[i].value),
    Math.min(room, totalUnits),
  )) {
    take[candidates[i]] = 1;
  }

  const result: KnapsackResult = { selected: [], totalCost: 0, roundedCost: 0, totalValue: 0, unit, infeasible: false, overshoot: 0 };
  items.forEach((it, i) => {
    if (!take[i]) return;
    result.selected.push(it.id);
    result.totalCost += it.cost;
    result.roundedCost += units[i] * unit;
    result.totalValue += it.value;
  });
  return result;
}

/**
 * Indices (into weights/values) of the lexicographically greatest optimal subset with
 * Σ weights ≤ cap; every weight ≥ 1 and every value > 0.
 *
 * The DP runs over suffixes (last item first), so dp[c] after item k is the best value of
 * items k… within c; bit (k, c) records "including k is optimal there" (≥: ties include). The
 * walk from item 0 forwards then includes each item whenever an optimal completion does.
 */
function chooseExact(weights: number[], values: number[], cap: number): number[] {
  const n = weights.length;
  if (n === 0) return [];
  if (weights.reduce((s, w) => s + w, 0) <= cap) return weights.map((_, i) => i);
  // 32 capacities per Uint32 word; not cap >>> 5, which wraps from 2^32 capacity units on
  const words = Math.floor(cap / 32) + 1;
  // the dp row costs as much memory as 64 rows of decision bits
  if ((n + 64) * words * 32 > MAX_DECISION_BITS) {
    throw new KnapsackTooLargeError(`knapsack: ${n} items × ${cap + 1} capacity units is too large; use a coarser unit`);
  }
  const dp = new Float64Array(cap + 1);
  const bits = new Uint32Array(n * words);
  for (let k = n - 1; k >= 0; k--) {
    const w = weights[k];
    const v = values[k];
    const row = k * words;
    // downwards, so dp[c − w] still holds the value without item k
    for (let c = cap; c >= w; c--) {
      const withK = dp[c - w] + v;
      if (withK >= dp[c]) {
        dp[c] = withK;
        bits[row + (c >>> 5)] |= 1 << (c & 31);
      }
    }
  }
  const chosen: number[] = [];
  let c = cap;
  for (let k = 0; k < n; k++) {
    if (bits[k * words + (c >>> 5)] & (1 << (c & 31))) {
      chosen.push(k);
      c -= weights[k];
    }
  }
  return chosen;
}
