/**
 * A timing run of solveKnapsack on a deterministic instance — a benchmark, not a test, so CI
 * time does not depend on machine speed. Run it with
 *   npx ts-node --transpile-only -e "console.log(require('./src/prioritization/knapsack.bench').benchKnapsack())"
 * (add `node --expose-gc` for a cleaner memory baseline).
 */
import { KnapsackItem, solveKnapsack } from "./knapsack";

/** mulberry32: a tiny seeded PRNG, so every run solves the same instance. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchResult {
  items: number;
  ms: number;
  /** JS heap + ArrayBuffer growth across the solve (before any GC reclaims the tables). */
  heapMB: number;
  /** Growth of the process's peak resident set across the solve (0 if an earlier peak was higher). */
  peakRssMB: number;
  unit: number;
  capacityUnits: number;
  selectedCount: number;
}

/**
 * n initiatives with budgets of 10,000–1,000,000 (to the cent) and WSJF-like scores of
 * 0.15–60, against a capacity of 100,000 per item (2e8 for 2,000 items, about a fifth of the
 * total cost): the default unit is then 1,000 and the DP runs over the full 200,000 units.
 * Memory figures are only meaningful in a fresh process (an earlier run's garbage may be
 * collected during this one).
 */
export function benchKnapsack(n = 2000, seed = 42): BenchResult {
  const rand = prng(seed);
  const items: KnapsackItem[] = Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    cost: Math.round((10_000 + rand() * 990_000) * 100) / 100,
    value: (3 + Math.floor(rand() * 58)) / (1 + Math.floor(rand() * 20)),
  }));
  const capacity = n * 100_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const mem = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = mem();
  const rssBefore = process.resourceUsage().maxRSS;
  const start = performance.now();
  const result = solveKnapsack(items, capacity);
  const ms = performance.now() - start;
  const heapMB = (mem() - before) / 2 ** 20;
  const peakRssMB = (process.resourceUsage().maxRSS - rssBefore) / 1024;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    items: n,
    ms: round(ms),
    heapMB: round(heapMB),
    peakRssMB: round(peakRssMB),
    unit: result.unit,
    capacityUnits: Math.floor(capacity / result.unit),
    selectedCount: result.selected.length,
  };
}
