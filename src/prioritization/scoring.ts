/**
 * The pure part of prioritization (DOMAIN.md, "Prioritization and re-prioritization"): the
 * four scoring formulas and the ranking order (the input scales and their validators live
 * with the initiative, src/initiative/scoring-inputs.ts). No
 * database, no GraphQL: the service layer reads the numbers and hands them over.
 *
 * Validators return a message (prefixed with the input path the caller passes, so it can go
 * straight into a BadUserInputError) or null. The formulas assume validated inputs.
 */
import { finite } from "../initiative/scoring-inputs";

/** A scoring model lists between 1 and this many criteria. */
export const MAX_CRITERIA = 50;

/** Every score function returns the score, or null with the names of the inputs it lacks. */
export interface ScoreResult {
  score: number | null;
  missing: string[];
}

type Maybe = number | null | undefined;

/** Names of the inputs that are null or undefined, in the order given. */
function missingOf(inputs: Record<string, Maybe>): string[] {
  return Object.keys(inputs).filter((k) => inputs[k] === null || inputs[k] === undefined);
}

export interface WsjfInputs {
  businessValue: Maybe;
  timeCriticality: Maybe;
  riskReduction: Maybe;
  jobSize: Maybe;
}

/** WSJF = (businessValue + timeCriticality + riskReduction) / jobSize. */
export function wsjfScore(i: WsjfInputs): ScoreResult {
  const { businessValue: bv, timeCriticality: tc, riskReduction: rr, jobSize: js } = i;
  const missing = missingOf({ businessValue: bv, timeCriticality: tc, riskReduction: rr, jobSize: js });
  if (bv == null || tc == null || rr == null || js == null) return { score: null, missing };
  return { score: (bv + tc + rr) / js, missing };
}

export interface RiceInputs {
  reach: Maybe;
  impact: Maybe;
  confidence: Maybe;
  effort: Maybe;
}

/** RICE = reach × impact × confidence / effort. */
export function riceScore(i: RiceInputs): ScoreResult {
  const { reach, impact, confidence, effort } = i;
  const missing = missingOf({ reach, impact, confidence, effort });
  if (reach == null || impact == null || confidence == null || effort == null) return { score: null, missing };
  return { score: (reach * impact * confidence) / effort, missing };
}

export interface ValuePerCostInputs {
  /** Σ expectedBenefit of the counted hypotheses; null (SQL's SUM over no rows) counts as 0. */
  expectedBenefit: Maybe;
  budget: Maybe;
}

/** VALUE_PER_COST = Σ expectedBenefit / budget; a null or zero budget gives no score. */
export function valuePerCostScore(i: ValuePerCostInputs): ScoreResult {
  if (i.budget == null || i.budget === 0) return { score: null, missing: ["budget"] };
  return { score: (i.expectedBenefit ?? 0) / i.budget, missing: [] };
}

export interface Criterion {
  key: string;
  weight: number;
  min: number;
  max: number;
}

/** A custom model's criteria: 1–50 of them, non-empty unique keys, weight > 0, min < max. */
export function checkCriteria(criteria: readonly Criterion[], field = "criteria"): string | null {
  if (criteria.length < 1 || criteria.length > MAX_CRITERIA) {
    return `${field} must list between 1 and ${MAX_CRITERIA} criteria (got ${criteria.length})`;
  }
  const seen = new Set<string>();
  for (const [n, c] of criteria.entries()) {
    const at = `${field}.${n}`;
    if (c.key.trim() === "") return `${at}.key must not be empty`;
    if (seen.has(c.key)) return `${at}.key "${c.key}" is used by another criterion`;
    seen.add(c.key);
    const bad = finite(c.weight, `${at}.weight`) ?? finite(c.min, `${at}.min`) ?? finite(c.max, `${at}.max`);
    if (bad) return bad;
    if (!(c.weight > 0)) return `${at}.weight must be greater than 0`;
    if (!(c.min < c.max)) return `${at}.max must be greater than min`;
    // the score divides by max − min: a span that overflows to Infinity would zero it out
    if (!Number.isFinite(c.max - c.min)) return `${at}: max − min must be a finite number`;
  }
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (!Number.isFinite(total)) return `${field}: the weights must add up to a finite number`;
  return null;
}

/** A value for one criterion must lie on its scale, bounds included. */
export function checkCriterionValue(c: Criterion, v: number, field = c.key): string | null {
  return finite(v, field) ?? (v >= c.min && v <= c.max ? null : `${field} must be between ${c.min} and ${c.max}`);
}

/**
 * score = Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ, over all criteria; any missing value means no
 * score. Values are not clamped: a value that left the scale after the model was edited
 * shows as a score outside [0, 1] rather than being silently changed.
 */
export function customScore(criteria: readonly Criterion[], values: Readonly<Record<string, Maybe>>): ScoreResult {
  // a model without criteria cannot be saved (checkCriteria), so this is a bug, not input
  if (criteria.length === 0) throw new Error("customScore: the model has no criteria");
  // Object.hasOwn: a key such as "constructor" must not read Object.prototype
  const valueOf = (key: string): Maybe => (Object.hasOwn(values, key) ? values[key] : undefined);
  const missing = criteria.map((c) => c.key).filter((k) => valueOf(k) == null);
  if (missing.length > 0) return { score: null, missing };
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    weighted += (c.weight * ((valueOf(c.key) as number) - c.min)) / (c.max - c.min);
    weights += c.weight;
  }
  return { score: weighted / weights, missing };
}

/**
 * Orders strings by Unicode code point, as Postgres's COLLATE "C" does on UTF-8 text.
 * Plain `a < b` compares UTF-16 code units, which puts astral characters (surrogates,
 * 0xD800–0xDFFF) before U+E000–U+FFFF; the fix-up below moves them after.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export interface Rankable {
  id: string;
  name: string;
  score: number | null;
  expectedBenefit: number;
}

/**
 * The ranking order: score descending; ties by greater expectedBenefit, then name, then id
 * (code-point order, so SQL can reproduce it with COLLATE "C"). Unscored items come last,
 * by name then id, with rank null; scored ones get ranks 1, 2, 3… with no shared rank.
 */
export function rankInitiatives<T extends Rankable>(items: readonly T[]): Array<T & { rank: number | null }> {
  for (const it of items) {
    if (Number.isNaN(it.score)) throw new Error(`rankInitiatives: score of ${it.id} is NaN`);
  }
  const byNameThenId = (a: T, b: T) => compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id);
  const sorted = [...items].sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
      return byNameThenId(a, b);
    }
    // comparisons rather than subtraction: Infinity − Infinity would be NaN
    if (a.score !== b.score) return a.score > b.score ? -1 : 1;
    if (a.expectedBenefit !== b.expectedBenefit) return a.expectedBenefit > b.expectedBenefit ? -1 : 1;
    return byNameThenId(a, b);
  });
  let next = 1;
  return sorted.map((it) => ({ ...it, rank: it.score === null ? null : next++ }));
}
