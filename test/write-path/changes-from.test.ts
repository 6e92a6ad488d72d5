import fc from "fast-check";
import { changesFrom, ColumnRule } from "../../src/database/write";
import { BadUserInputError } from "../../src/errors";
import { INITIATIVE_COLUMNS } from "../../src/initiative/initiative.entity";

/**
 * `changesFrom` (src/database/write.ts) with the real initiative column rules: which fields
 * of an input become the change set. No database: it is a pure function.
 */

type Input = Record<string, unknown>;

/** The call the services make, with the input's non-column fields named as "elsewhere". */
function changes(input: Input, mode: "create" | "update"): Record<string | symbol, unknown> {
  return changesFrom(INITIATIVE_COLUMNS, input, { id: true, expectedVersion: true }, mode, "input") as Record<string, unknown>;
}

const columnsWith = (rule: ColumnRule | "onNull") =>
  Object.entries(INITIATIVE_COLUMNS)
    .filter(([, r]) => r === rule || (rule === "onNull" && typeof r === "object"))
    .map(([k]) => k);

const INPUT_COLUMNS = columnsWith("input");

describe("INITIATIVE_COLUMNS", () => {
  it("classifies the columns these tests rely on", () => {
    expect(columnsWith("required")).toEqual(["name", "stage"]);
    expect(columnsWith("onNull")).toEqual(["tags"]);
    expect(INITIATIVE_COLUMNS.tags).toEqual({ onNull: [] });
    expect(columnsWith("system")).toEqual(["portfolioId", "releasedFunding"]);
    expect([...INPUT_COLUMNS].sort()).toEqual(
      [
        "description",
        "owner",
        "sponsor",
        "budget",
        "actualCost",
        "startDate",
        "targetDate",
        "businessValue",
        "timeCriticality",
        "riskReduction",
        "jobSize",
        "reach",
        "impact",
        "confidence",
        "effort",
      ].sort(),
    );
  });
});

describe("changesFrom", () => {
  it.each(["create", "update"] as const)('copies "input" fields that are present, keeps null, skips undefined (%s)', (mode) => {
    const result = changes({ description: "Why", owner: null, budget: 12.5, sponsor: undefined, startDate: "2026-01-01", confidence: 0 }, mode);
    expect(result).toStrictEqual({ description: "Why", owner: null, budget: 12.5, startDate: "2026-01-01", confidence: 0 });
    expect(Object.keys(result).sort()).toEqual(["budget", "confidence", "description", "owner", "startDate"]);
    expect("sponsor" in result).toBe(false);
  });

  it('copies "required" fields that are not null', () => {
    expect(changes({ name: "CRM", stage: "APPROVED" }, "update")).toStrictEqual({ name: "CRM", stage: "APPROVED" });
    expect(changes({ name: "CRM", stage: "APPROVED" }, "create")).toStrictEqual({ name: "CRM", stage: "APPROVED" });
  });

  it.each(["name", "stage"])('refuses a null "required" field (%s) on update with BAD_USER_INPUT naming it', (field) => {
    let thrown: unknown;
    try {
      changes({ description: "x", [field]: null }, "update");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BadUserInputError);
    const error = thrown as BadUserInputError;
    expect({ message: error.message, field: error.field, code: error.code, extensions: error.extensions }).toEqual({
      message: `${field} cannot be null`,
      field: `input.${field}`,
      code: "BAD_USER_INPUT",
      extensions: { code: "BAD_USER_INPUT", field: `input.${field}` },
    });
  });

  it('leaves a null "required" field out on create (the column default applies)', () => {
    const result = changes({ name: null, stage: null, owner: "Ann" }, "create");
    expect(result).toStrictEqual({ owner: "Ann" });
    expect("name" in result || "stage" in result).toBe(false);
  });

  it.each(["create", "update"] as const)("turns a null onNull field (tags) into its value [], and copies a list (%s)", (mode) => {
    const reset = changes({ tags: null }, mode);
    expect(Object.keys(reset)).toEqual(["tags"]);
    expect(reset.tags).toEqual([]);
    expect(changes({ tags: ["a", "b"] }, mode)).toStrictEqual({ tags: ["a", "b"] });
    expect(changes({ tags: [] }, mode)).toStrictEqual({ tags: [] });
    expect(changes({ tags: undefined }, mode)).toStrictEqual({});
  });

  it.each(["create", "update"] as const)('never copies a "system" field (portfolioId), nor fields that are no column (%s)', (mode) => {
    const uuid = "00000000-0000-4000-8000-000000000001";
    expect(changes({ portfolioId: uuid, id: "SW5pdGlhdGl2ZTp4", expectedVersion: 3 }, mode)).toStrictEqual({});
    expect(changes({ portfolioId: null, budget: 1 }, mode)).toStrictEqual({ budget: 1 });
  });

  /** A value an "input" column might be given: undefined (absent), null, or something. */
  const inputValue = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.constant(0),
    fc.constant(""),
  );

  it.each(["create", "update"] as const)(
    'for random partial inputs over the "input" columns, has exactly the keys that are not undefined (%s)',
    (mode) => {
      const model = Object.fromEntries(INPUT_COLUMNS.map((k) => [k, inputValue]));
      fc.assert(
        fc.property(fc.record(model, { requiredKeys: [] }), (input: Input) => {
          const result = changes(input, mode);
          const expectedKeys = Object.keys(input).filter((k) => input[k] !== undefined);
          expect(Object.keys(result).sort()).toEqual(expectedKeys.sort());
          expect(Object.getOwnPropertySymbols(result)).toEqual([]);
          for (const k of expectedKeys) expect(result[k]).toBe(input[k]);
        }),
        { numRuns: 500 },
      );
    },
  );

  it("for random inputs that also carry system and non-column fields, those never reach the change set", () => {
    const model = {
      ...Object.fromEntries(INPUT_COLUMNS.map((k) => [k, inputValue])),
      portfolioId: inputValue,
      id: inputValue,
      expectedVersion: inputValue,
    };
    fc.assert(
      fc.property(fc.record(model, { requiredKeys: [] }), (input: Input) => {
        const result = changes(input, "update");
        expect(Object.keys(result).sort()).toEqual(INPUT_COLUMNS.filter((k) => k in input && input[k] !== undefined).sort());
      }),
      { numRuns: 300 },
    );
  });
});
