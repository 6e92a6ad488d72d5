/**
 * Unit tests of the scoring formulas, validators and ranking order (DOMAIN.md,
 * "Prioritization and re-prioritization"). Expected numbers are worked out by hand in the
 * comments. No database.
 */
import fc from "fast-check";
import {
  checkCriteria,
  checkCriterionValue,
  compareCodePoints,
  Criterion,
  customScore,
  rankInitiatives,
  riceScore,
  valuePerCostScore,
  wsjfScore,
} from "../../src/prioritization/scoring";
import {
  checkConfidence,
  checkEffort,
  checkJobSize,
  checkReach,
  checkRiceImpact,
  checkWsjfValue,
  RICE_IMPACTS,
  WSJF_SCALE,
} from "../../src/initiative/scoring-inputs";

describe("validators", () => {
  test("the scales", () => {
    expect(WSJF_SCALE).toEqual([1, 2, 3, 5, 8, 13, 20]);
    expect(RICE_IMPACTS).toEqual([0.25, 0.5, 1, 2, 3]);
  });

  test.each(WSJF_SCALE)("WSJF value %p is on the scale", (v) => {
    expect(checkWsjfValue(v)).toBeNull();
    expect(checkJobSize(v)).toBeNull();
  });
  test.each([0, 4, 21, 1.5, -1, NaN, Infinity])("WSJF value %p is not", (v) => {
    expect(checkWsjfValue(v, "input.businessValue")).toBe("input.businessValue must be one of 1, 2, 3, 5, 8, 13, 20");
    expect(checkJobSize(v)).toBe("jobSize must be one of 1, 2, 3, 5, 8, 13, 20");
  });

  test.each(RICE_IMPACTS)("impact %p is allowed", (v) => expect(checkRiceImpact(v)).toBeNull());
  test.each([0, 0.3, 0.75, 1.5, 4, NaN])("impact %p is not", (v) => {
    expect(checkRiceImpact(v)).toBe("impact must be one of 0.25, 0.5, 1, 2, 3");
  });

  test.each([0, 0.5, 1])("confidence %p is in [0, 1]", (v) => expect(checkConfidence(v)).toBeNull());
  test.each([-0.01, 1.01, -Infinity])("confidence %p is not", (v) => {
    expect(checkConfidence(v)).toMatch(/^confidence must (be between 0 and 1|be a finite number)$/);
  });
  test("confidence NaN", () => expect(checkConfidence(NaN)).toBe("confidence must be a finite number"));

  test.each([0, 1e-9, 1e12])("reach %p is fine", (v) => expect(checkReach(v)).toBeNull());
  test("reach below 0 or infinite", () => {
    expect(checkReach(-1e-9)).toBe("reach must be at least 0");
    expect(checkReach(Infinity)).toBe("reach must be a finite number");
    expect(checkReach(NaN, "input.reach")).toBe("input.reach must be a finite number");
  });

  test.each([1e-9, 0.5, 24])("effort %p is fine", (v) => expect(checkEffort(v)).toBeNull());
  test("effort 0, negative or infinite", () => {
    expect(checkEffort(0)).toBe("effort must be greater than 0");
    expect(checkEffort(-0)).toBe("effort must be greater than 0");
    expect(checkEffort(-3)).toBe("effort must be greater than 0");
    expect(checkEffort(Infinity)).toBe("effort must be a finite number");
  });
});

describe("wsjfScore", () => {
  test("(bv + tc + rr) / jobSize", () => {
    expect(wsjfScore({ businessValue: 8, timeCriticality: 5, riskReduction: 2, jobSize: 3 })).toEqual({ score: 5, missing: [] }); // 15/3
    expect(wsjfScore({ businessValue: 20, timeCriticality: 20, riskReduction: 20, jobSize: 1 })).toEqual({ score: 60, missing: [] });
    expect(wsjfScore({ businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: 20 })).toEqual({ score: 0.15, missing: [] }); // 3/20
  });
  test("any missing input → no score, the missing ones named in order", () => {
    expect(wsjfScore({ businessValue: 8, timeCriticality: null, riskReduction: 2, jobSize: undefined })).toEqual({
      score: null,
      missing: ["timeCriticality", "jobSize"],
    });
    expect(wsjfScore({ businessValue: null, timeCriticality: null, riskReduction: null, jobSize: null })).toEqual({
      score: null,
      missing: ["businessValue", "timeCriticality", "riskReduction", "jobSize"],
    });
  });
});

describe("riceScore", () => {
  test("reach × impact × confidence / effort", () => {
    expect(riceScore({ reach: 1000, impact: 2, confidence: 0.8, effort: 4 })).toEqual({ score: 400, missing: [] }); // 1600/4
    expect(riceScore({ reach: 0, impact: 3, confidence: 1, effort: 1 })).toEqual({ score: 0, missing: [] });
    expect(riceScore({ reach: 500, impact: 0.25, confidence: 0, effort: 2 })).toEqual({ score: 0, missing: [] });
    expect(riceScore({ reach: 300, impact: 0.5, confidence: 0.5, effort: 0.5 })).toEqual({ score: 150, missing: [] }); // 75/0.5
  });
  test("missing inputs", () => {
    expect(riceScore({ reach: null, impact: 1, confidence: null, effort: 2 })).toEqual({ score: null, missing: ["reach", "confidence"] });
    expect(riceScore({ reach: 1, impact: 1, confidence: 1, effort: null })).toEqual({ score: null, missing: ["effort"] });
  });
});

describe("valuePerCostScore", () => {
  test("Σ expectedBenefit / budget", () => {
    expect(valuePerCostScore({ expectedBenefit: 250_000, budget: 100_000 })).toEqual({ score: 2.5, missing: [] });
    expect(valuePerCostScore({ expectedBenefit: 0, budget: 1 })).toEqual({ score: 0, missing: [] });
    expect(valuePerCostScore({ expectedBenefit: null, budget: 50 })).toEqual({ score: 0, missing: [] }); // SUM over no rows
  });
  test("budget null or 0 → no score", () => {
    expect(valuePerCostScore({ expectedBenefit: 10, budget: null })).toEqual({ score: null, missing: ["budget"] });
    expect(valuePerCostScore({ expectedBenefit: 10, budget: undefined })).toEqual({ score: null, missing: ["budget"] });
    expect(valuePerCostScore({ expectedBenefit: 10, budget: 0 })).toEqual({ score: null, missing: ["budget"] });
  });
});

describe("custom models", () => {
  const criteria: Criterion[] = [
    { key: "strategic", weight: 3, min: 0, max: 10 },
    { key: "risk", weight: 1, min: 1, max: 5 },
  ];

  test("Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ", () => {
    // (3·(5−0)/10 + 1·(4−1)/4) / 4 = (1.5 + 0.75) / 4 = 0.5625
    expect(customScore(criteria, { strategic: 5, risk: 4 })).toEqual({ score: 0.5625, missing: [] });
    expect(customScore(criteria, { strategic: 0, risk: 1 })).toEqual({ score: 0, missing: [] }); // all at min
    expect(customScore(criteria, { strategic: 10, risk: 5 })).toEqual({ score: 1, missing: [] }); // all at max
    // negative scale: (−2 − (−4)) / (0 − (−4)) = 0.5
    expect(customScore([{ key: "k", weight: 0.5, min: -4, max: 0 }], { k: -2 })).toEqual({ score: 0.5, missing: [] });
  });
  test("a missing value → no score, missing keys in criteria order; extra values are ignored", () => {
    expect(customScore(criteria, { risk: 2, other: 9 })).toEqual({ score: null, missing: ["strategic"] });
    expect(customScore(criteria, { strategic: null })).toEqual({ score: null, missing: ["strategic", "risk"] });
  });
  test("keys named like Object.prototype members are looked up as own values only", () => {
    const c: Criterion[] = [{ key: "constructor", weight: 1, min: 0, max: 1 }];
    expect(customScore(c, {})).toEqual({ score: null, missing: ["constructor"] });
    expect(customScore(c, { constructor: 1 } as Record<string, number>)).toEqual({ score: 1, missing: [] });
  });
  test("values outside the scale are not clamped", () => {
    expect(customScore([{ key: "k", weight: 1, min: 0, max: 10 }], { k: 15 }).score).toBe(1.5);
  });
  test("a model with no criteria is a bug", () => {
    expect(() => customScore([], {})).toThrow("no criteria");
  });
  test("the score is a weighted mean of normalized values, so stays in [0, 1] on the scale", () => {
    const arb = fc.array(
      fc.record({
        weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
        min: fc.integer({ min: -1000, max: 1000 }),
        span: fc.integer({ min: 1, max: 1000 }),
        t: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 10 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const cs = rows.map((r, i) => ({ key: `c${i}`, weight: r.weight, min: r.min, max: r.min + r.span }));
        const values = Object.fromEntries(rows.map((r, i) => [`c${i}`, r.min + r.t * r.span]));
        const { score } = customScore(cs, values);
        return score !== null && score >= -1e-12 && score <= 1 + 1e-12;
      }),
    );
  });

  test("checkCriteria accepts a valid model", () => {
    expect(checkCriteria(criteria)).toBeNull();
    expect(checkCriteria(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, weight: 1, min: 0, max: 1 })))).toBeNull();
  });
  test.each<[string, Criterion[], string]>([
    ["none", [], "criteria must list between 1 and 50 criteria (got 0)"],
    [
      "51",
      Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, weight: 1, min: 0, max: 1 })),
      "criteria must list between 1 and 50 criteria (got 51)",
    ],
    ["weight 0", [{ key: "a", weight: 0, min: 0, max: 1 }], "criteria.0.weight must be greater than 0"],
    ["weight < 0", [{ key: "a", weight: -1, min: 0, max: 1 }], "criteria.0.weight must be greater than 0"],
    ["weight NaN", [{ key: "a", weight: NaN, min: 0, max: 1 }], "criteria.0.weight must be a finite number"],
    ["min = max", [{ key: "a", weight: 1, min: 1, max: 1 }], "criteria.0.max must be greater than min"],
    ["min > max", [{ key: "a", weight: 1, min: 2, max: 1 }], "criteria.0.max must be greater than min"],
    ["infinite max", [{ key: "a", weight: 1, min: 0, max: Infinity }], "criteria.0.max must be a finite number"],
    ["span overflows", [{ key: "a", weight: 1, min: -1e308, max: 1e308 }], "criteria.0: max − min must be a finite number"],
    [
      "duplicate key",
      [
        { key: "a", weight: 1, min: 0, max: 1 },
        { key: "a", weight: 2, min: 0, max: 5 },
      ],
      'criteria.1.key "a" is used by another criterion',
    ],
    ["blank key", [{ key: " ", weight: 1, min: 0, max: 1 }], "criteria.0.key must not be empty"],
    [
      "weights overflow",
      [
        { key: "a", weight: 1e308, min: 0, max: 1 },
        { key: "b", weight: 1e308, min: 0, max: 1 },
      ],
      "criteria: the weights must add up to a finite number",
    ],
  ])("checkCriteria rejects %s", (_name, cs, message) => {
    expect(checkCriteria(cs)).toBe(message);
  });
  test("checkCriteria names the path it is given", () => {
    expect(checkCriteria([{ key: "a", weight: 0, min: 0, max: 1 }], "input.criteria")).toBe("input.criteria.0.weight must be greater than 0");
  });

  test("checkCriterionValue: within [min, max], bounds included", () => {
    const c = criteria[1]; // risk 1…5
    expect(checkCriterionValue(c, 1)).toBeNull();
    expect(checkCriterionValue(c, 5)).toBeNull();
    expect(checkCriterionValue(c, 2.5)).toBeNull();
    expect(checkCriterionValue(c, 0.999)).toBe("risk must be between 1 and 5");
    expect(checkCriterionValue(c, 5.001, "input.values.risk")).toBe("input.values.risk must be between 1 and 5");
    expect(checkCriterionValue(c, NaN)).toBe("risk must be a finite number");
  });
});

describe("rankInitiatives", () => {
  const it = (id: string, name: string, score: number | null, expectedBenefit = 0) => ({ id, name, score, expectedBenefit });
  const order = (xs: ReturnType<typeof rankInitiatives>) => xs.map((x) => [x.id, x.rank]);

  test("score descending, ranks 1, 2, 3…", () => {
    expect(order(rankInitiatives([it("a", "A", 1), it("b", "B", 3), it("c", "C", 2)]))).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", 3],
    ]);
  });
  test("equal scores: greater expectedBenefit first", () => {
    expect(order(rankInitiatives([it("a", "A", 2, 10), it("b", "B", 2, 20)]))).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
  });
  test("then name, by code point (uppercase before lowercase, no locale)", () => {
    expect(order(rankInitiatives([it("1", "beta", 2, 5), it("2", "Zeta", 2, 5), it("3", "alpha", 2, 5)]))).toEqual([
      ["2", 1],
      ["3", 2],
      ["1", 3],
    ]);
  });
  test("then id; ranks are never shared", () => {
    expect(order(rankInitiatives([it("y", "Same", 2, 5), it("x", "Same", 2, 5)]))).toEqual([
      ["x", 1],
      ["y", 2],
    ]);
  });
  test("unscored come last with rank null, by name then id", () => {
    const ranked = rankInitiatives([it("n2", "B", null, 99), it("s", "Z", 0), it("n1", "A", null), it("n0", "B", null)]);
    expect(order(ranked)).toEqual([
      ["s", 1],
      ["n1", null],
      ["n0", null],
      ["n2", null],
    ]);
  });
  test("keeps the caller's fields and does not mutate the input", () => {
    const input = [
      { ...it("a", "A", 1), extra: true },
      { ...it("b", "B", 2), extra: false },
    ];
    const ranked = rankInitiatives(input);
    expect(ranked[0]).toEqual({ id: "b", name: "B", score: 2, expectedBenefit: 0, extra: false, rank: 1 });
    expect(input.map((x) => x.id)).toEqual(["a", "b"]);
    expect("rank" in input[0]).toBe(false);
  });
  test("negative zero ties zero; Infinity sorts first; NaN is a bug", () => {
    expect(order(rankInitiatives([it("a", "A", -0, 1), it("b", "B", 0, 2), it("c", "C", Infinity)]))).toEqual([
      ["c", 1],
      ["b", 2],
      ["a", 3],
    ]);
    expect(() => rankInitiatives([it("a", "A", NaN)])).toThrow("NaN");
  });
  test("empty input", () => expect(rankInitiatives([])).toEqual([]));

  test("the order is total: any permutation gives the same ranking", () => {
    const arb = fc.uniqueArray(
      fc.record({
        id: fc.string({ maxLength: 3 }),
        name: fc.constantFrom("A", "B", "b", "é", "😀"),
        score: fc.option(fc.constantFrom(0, 1, 2.5), { nil: null }),
        expectedBenefit: fc.constantFrom(0, 10),
      }),
      { selector: (x) => x.id, maxLength: 12 },
    );
    const withShuffle = arb.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })));
    fc.assert(
      fc.property(withShuffle, ([items, shuffled]) => {
        expect(rankInitiatives(shuffled)).toEqual(rankInitiatives(items));
        const ranks = rankInitiatives(items)
          .map((x) => x.rank)
          .filter((r) => r !== null);
        expect(ranks).toEqual(ranks.map((_, i) => i + 1));
      }),
    );
  });
});

describe('compareCodePoints (COLLATE "C" order)', () => {
  test("ASCII and BMP", () => {
    expect(compareCodePoints("A", "a")).toBeLessThan(0);
    expect(compareCodePoints("a", "a")).toBe(0);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
    expect(compareCodePoints("Z", "é")).toBeLessThan(0);
  });
  test("astral characters sort after U+E000–U+FFFF, unlike UTF-16 `<`", () => {
    const fullwidth = "\uFF01"; // U+FF01
    const emoji = "\u{1F600}"; // U+1F600, UTF-16 D83D DE00
    expect(emoji < fullwidth).toBe(true); // what plain `<` says
    expect(compareCodePoints(fullwidth, emoji)).toBeLessThan(0);
    expect(compareCodePoints("\u{1F600}", "\u{1F601}")).toBeLessThan(0);
    expect(compareCodePoints("\uD7FF", emoji)).toBeLessThan(0);
  });
  test('agrees with UTF-8 byte order (what COLLATE "C" compares)', () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
        expect(Math.sign(compareCodePoints(a, b))).toBe(bytes);
      }),
    );
  });
});
