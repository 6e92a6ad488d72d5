/**
 * The scenario knapsack: hand-worked cases for rounding, must-include, free and valueless
 * items, the tie rule and input errors, then fast-check against brute force over the
 * rounded costs. No database; the 2,000-item timing lives in knapsack.bench.ts.
 */
import fc from "fast-check";
import { defaultUnit, KnapsackItem, solveKnapsack, toUnits } from "../../src/prioritization/knapsack";
import { benchKnapsack } from "../../src/prioritization/knapsack.bench";

const item = (id: string, cost: number, value: number): KnapsackItem => ({ id, cost, value });

describe("units", () => {
  test.each<[number, number]>([
    [0, 1],
    [200_000, 1],
    [200_001, 2],
    [400_000, 2],
    [400_001, 5],
    [1_000_000, 5],
    [1_000_001, 10],
    [2e8, 1000],
    [2e8 + 1, 2000],
    [1e15, 5e9],
  ])("defaultUnit(%p) = %p", (capacity, unit) => {
    expect(defaultUnit(capacity)).toBe(unit);
    expect(capacity / unit).toBeLessThanOrEqual(200_000);
  });
  test("defaultUnit rejects a capacity it cannot divide", () => {
    expect(() => defaultUnit(Infinity)).toThrow(/^knapsack: /);
    expect(() => defaultUnit(-1)).toThrow(/^knapsack: /);
  });
  test("costs round up, the capacity down; exact multiples stay put despite binary decimals", () => {
    expect(toUnits(150, 100, "up")).toBe(2);
    expect(toUnits(150, 100, "down")).toBe(1);
    expect(toUnits(200, 100, "up")).toBe(2);
    expect(toUnits(0, 100, "up")).toBe(0);
    expect(toUnits(0.01, 100, "up")).toBe(1);
    expect(0.29 / 0.01).toBeLessThan(29); // why toUnits snaps
    expect(toUnits(0.29, 0.01, "down")).toBe(29);
    expect(0.07 / 0.01).toBeGreaterThan(7);
    expect(toUnits(0.07, 0.01, "up")).toBe(7);
  });
});

describe("solveKnapsack", () => {
  test("the textbook case: capacity 50, (10, 60) (20, 100) (30, 120) → 220", () => {
    const r = solveKnapsack([item("a", 10, 60), item("b", 20, 100), item("c", 30, 120)], 50);
    expect(r).toEqual({ selected: ["b", "c"], totalCost: 50, roundedCost: 50, totalValue: 220, unit: 1, infeasible: false, overshoot: 0 });
  });
  test("rounding never lets the real cost exceed the budget", () => {
    // unit 100: 150 → 2 units each, 399 → 3 units, so only one fits though 300 ≤ 399
    const r = solveKnapsack([item("a", 150, 10), item("b", 150, 10)], 399, { unit: 100 });
    expect(r).toMatchObject({ selected: ["a"], totalCost: 150, roundedCost: 200, totalValue: 10, unit: 100 });
    // multiples of the unit are not rounded: 200 + 200 fits in 400
    expect(solveKnapsack([item("a", 200, 1), item("b", 200, 1)], 400, { unit: 100 }).selected).toEqual(["a", "b"]);
  });
  test("reports the default unit it chose", () => {
    const r = solveKnapsack([item("a", 600_000, 3), item("b", 450_003, 2)], 1_000_000);
    expect(r).toMatchObject({ unit: 5, selected: ["a"] }); // b rounds to 450,005: 1,050,005 > 1,000,000
    expect(solveKnapsack([item("a", 600_000, 3), item("b", 400_000, 2)], 1_000_000).selected).toEqual(["a", "b"]);
  });
  test("free items with value are always taken, valueless ones never", () => {
    const r = solveKnapsack([item("free", 0, 1), item("zero", 0, 0), item("dud", 1, 0), item("x", 5, 1)], 0);
    expect(r).toMatchObject({ selected: ["free"], totalCost: 0, totalValue: 1 });
    expect(solveKnapsack([item("zero", 0, 0), item("dud", 1, 0)], 100).selected).toEqual([]);
  });
  test("must-include items come first, valueless or not, and their rounded cost comes off", () => {
    // room after M: 10 − 6 = 4 → b (4, 1) fits, a (5, 100) does not
    const items = [item("a", 5, 100), item("m", 6, 0), item("b", 4, 1)];
    expect(solveKnapsack(items, 10, { mustInclude: ["m", "m"] })).toMatchObject({ selected: ["m", "b"], totalCost: 10, totalValue: 1 });
    expect(solveKnapsack(items, 10).selected).toEqual(["a", "b"]);
  });
  test("must-include over the budget → infeasible with the overshoot, not an exception", () => {
    const r = solveKnapsack([item("m1", 7, 1), item("m2", 5.5, 1), item("a", 1, 1)], 10, { mustInclude: ["m1", "m2"] });
    expect(r).toEqual({ selected: [], totalCost: 0, roundedCost: 0, totalValue: 0, unit: 1, infeasible: true, overshoot: 2.5 });
  });
  test("must-include that fits in money but not once rounded: feasible, no room for others", () => {
    // unit 10: capacity 25 → 2 units, m 21 → 3 units; c costs 1 → 1 unit, free costs 0
    const r = solveKnapsack([item("m", 21, 1), item("c", 1, 9), item("free", 0, 1)], 25, { unit: 10, mustInclude: ["m"] });
    expect(r).toMatchObject({ selected: ["m", "free"], totalCost: 21, infeasible: false, overshoot: 0 });
  });
  test("must-include costing exactly the budget, in binary-inexact decimals", () => {
    const r = solveKnapsack([item("a", 0.1, 1), item("b", 0.2, 1)], 0.3, { unit: 0.01, mustInclude: ["a", "b"] });
    expect(r).toMatchObject({ selected: ["a", "b"], infeasible: false });
  });
  test("tie rule: the lexicographically greatest optimal set in input order", () => {
    expect(solveKnapsack([item("a", 1, 1), item("b", 1, 1)], 1).selected).toEqual(["a"]);
    expect(solveKnapsack([item("b", 1, 1), item("a", 1, 1)], 1).selected).toEqual(["b"]);
    // {big} and {s1, s2} are both worth 2
    expect(solveKnapsack([item("big", 2, 2), item("s1", 1, 1), item("s2", 1, 1)], 2).selected).toEqual(["big"]);
    expect(solveKnapsack([item("s1", 1, 1), item("s2", 1, 1), item("big", 2, 2)], 2).selected).toEqual(["s1", "s2"]);
  });
  test("everything fits → everything with value is taken", () => {
    expect(solveKnapsack([item("a", 3, 1), item("b", 4, 2), item("c", 5, 0)], 1e6).selected).toEqual(["a", "b"]);
  });
  test("no items", () => {
    expect(solveKnapsack([], 100)).toMatchObject({ selected: [], totalValue: 0, infeasible: false });
  });
  test.each<[string, KnapsackItem[], number, object]>([
    ["a negative cost", [item("a", -1, 1)], 10, {}],
    ["a NaN cost", [item("a", NaN, 1)], 10, {}],
    ["an infinite cost", [item("a", Infinity, 1)], 10, {}],
    ["a negative value", [item("a", 1, -1)], 10, {}],
    ["a NaN value", [item("a", 1, NaN)], 10, {}],
    ["a negative capacity", [item("a", 1, 1)], -1, {}],
    ["a NaN capacity", [item("a", 1, 1)], NaN, {}],
    ["unit 0", [item("a", 1, 1)], 10, { unit: 0 }],
    ["a duplicate id", [item("a", 1, 1), item("a", 2, 2)], 10, {}],
    ["an unknown mustInclude id", [item("a", 1, 1)], 10, { mustInclude: ["b"] }],
    ["a unit too fine for the memory budget", [item("a", 6e6, 1), item("b", 6e6, 1)], 1e7, { unit: 0.001 }],
  ])("throws on %s", (_name, items, capacity, options) => {
    expect(() => solveKnapsack(items, capacity, options)).toThrow(/^knapsack: /);
  });
  test("the benchmark runs (small size; timing is not asserted)", () => {
    const b = benchKnapsack(40);
    expect(b).toMatchObject({ items: 40, unit: 20 }); // capacity 4e6 → 20 per unit
    expect(b.selectedCount).toBeGreaterThan(0);
  });
});

// ---- brute force over the rounded costs ----

interface Gen {
  units: number;
  exact: boolean;
  cents: number;
  value: number;
  must: boolean;
}

/** Builds costs whose rounding is known: units·unit exactly, or just under it by a fraction. */
const costOf = (g: Gen, unit: number) => (g.exact || g.units === 0 ? g.units * unit : (g.units - 1 + g.cents / 100) * unit);

/** Best value, and the lexicographically greatest optimal set (indices), within `room` units. */
function brute(units: number[], values: number[], room: number): { best: number; set: number[] } {
  let best = -1;
  let set: number[] = [];
  const chosen: number[] = [];
  const walk = (k: number, left: number, value: number) => {
    if (k === units.length) {
      if (value > best) {
        best = value;
        set = [...chosen];
      } // include-first walk: first optimum is lex-greatest
      return;
    }
    if (units[k] <= left) {
      chosen.push(k);
      walk(k + 1, left - units[k], value + values[k]);
      chosen.pop();
    }
    walk(k + 1, left, value);
  };
  walk(0, room, 0);
  return { best, set };
}

const instance = (values: fc.Arbitrary<number>) =>
  fc.record({
    gens: fc.array(
      fc.record({
        units: fc.integer({ min: 0, max: 40 }),
        exact: fc.boolean(),
        cents: fc.integer({ min: 1, max: 99 }),
        value: values,
        must: fc.integer({ min: 0, max: 2 }).map((x) => x === 0),
      }),
      { maxLength: 20 },
    ),
    unit: fc.constantFrom(1, 10, 1000, 0.5, 0.01),
    capUnits: fc.integer({ min: 0, max: 200 }),
    capCents: fc.integer({ min: 0, max: 99 }),
    explicitUnit: fc.boolean(),
  });

function check(values: fc.Arbitrary<number>, exactValues: boolean) {
  fc.assert(
    fc.property(instance(values), ({ gens, unit: u, capUnits, capCents, explicitUnit }) => {
      // without an explicit unit the default is 1 for capacities ≤ 200,000
      const unit = explicitUnit ? u : 1;
      const items = gens.map((g, i) => item(`i${i}`, costOf(g, unit), g.value));
      const capacity = (capUnits + capCents / 100) * unit;
      const mustInclude = items.filter((_, i) => gens[i].must).map((x) => x.id);
      const r = solveKnapsack(items, capacity, { mustInclude, ...(explicitUnit ? { unit } : {}) });
      expect(r.unit).toBe(unit);
      expect(solveKnapsack(items, capacity, { mustInclude, ...(explicitUnit ? { unit } : {}) })).toEqual(r); // deterministic

      const mustCost = gens.reduce((s, g, i) => s + (g.must ? items[i].cost : 0), 0);
      if (mustCost > capacity + 1e-9) {
        expect(r).toMatchObject({ infeasible: true, selected: [] });
        expect(r.overshoot).toBeCloseTo(mustCost - capacity, 6);
        return;
      }
      expect(r.infeasible).toBe(false);
      const mustUnits = gens.reduce((s, g) => s + (g.must ? g.units : 0), 0);
      const room = Math.max(0, capUnits - mustUnits);
      const free = gens.map((g, i) => i).filter((i) => !gens[i].must && gens[i].value > 0);
      const { best, set } = brute(
        free.map((i) => gens[i].units),
        free.map((i) => gens[i].value),
        room,
      );

      const picked = new Set(r.selected);
      gens.forEach((g, i) => {
        if (g.must) expect(picked.has(`i${i}`)).toBe(true);
      });
      gens.forEach((g, i) => {
        if (!g.must && g.value <= 0) expect(picked.has(`i${i}`)).toBe(false);
      });
      const chosen = items.filter((x) => picked.has(x.id));
      expect(r.selected).toEqual(chosen.map((x) => x.id)); // input order
      const usedUnits = gens.reduce((s, g, i) => s + (!g.must && picked.has(`i${i}`) ? g.units : 0), 0);
      expect(usedUnits).toBeLessThanOrEqual(room); // fits, in rounded units …
      expect(r.totalCost).toBeLessThanOrEqual(capacity * (1 + 1e-12) + 1e-12); // … and in real money
      expect(r.totalCost).toBeCloseTo(
        chosen.reduce((s, x) => s + x.cost, 0),
        6,
      );
      const mustValue = gens.reduce((s, g) => s + (g.must ? g.value : 0), 0);
      expect(r.totalValue - mustValue).toBeCloseTo(best, 6); // optimal
      if (exactValues)
        expect(r.selected).toEqual(
          [...gens.map((g, i) => (g.must ? i : -1)).filter((i) => i >= 0), ...set.map((k) => free[k])].sort((a, b) => a - b).map((i) => `i${i}`),
        );
    }),
    { numRuns: 300 },
  );
}

describe("solveKnapsack against brute force (≤ 20 items)", () => {
  test("integer values: same optimum, and exactly the lexicographically greatest optimal set", () => {
    check(fc.integer({ min: 0, max: 8 }), true);
  });
  test("fractional values: same optimum, fits, respects must-include", () => {
    check(fc.double({ min: 0, max: 100, noNaN: true }), false);
  });
});
