/**
 * The DateTime scalar's fast path (src/common/date-time.ts) must accept exactly what
 * graphql-scalars' DateTime accepts and give the same instant: random near-valid strings
 * (every part sometimes out of range, other separators, offsets, fractions of other lengths,
 * lower case) go through both and are compared.
 */
import fc from "fast-check";
import { DateTimeResolver } from "graphql-scalars";
import { DateTime, parseIsoUtc } from "../../src/graphql/date-time";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const outcome = (f: () => unknown): number | "error" => {
  try {
    const d = f() as Date;
    return d.getTime();
  } catch {
    return "error";
  }
};

const candidate = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 99, 100, 1900, 2000, 2024, 2100)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom("", ".1", ".12", ".123", ".1234", ".999999", "."),
    t: fc.constantFrom("T", "T", "T", "t", " "),
    zone: fc.constantFrom("Z", "Z", "Z", "z", "+00:00", "-05:30", "+24:00", ""),
  })
  .map((p) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.t}${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction}${p.zone}`);

describe("DateTime scalar fast path", () => {
  test("accepts and reads exactly like graphql-scalars' DateTime", () => {
    fc.assert(
      fc.property(candidate, (s) => {
        expect(outcome(() => DateTime.parseValue(s))).toEqual(outcome(() => DateTimeResolver.parseValue(s)));
      }),
      { numRuns: 20000 },
    );
  });

  test("the fast path takes the toISOString form and leaves the rest to graphql-scalars", () => {
    const d = new Date("2024-02-29T23:59:58.123Z");
    expect(parseIsoUtc(d.toISOString())?.getTime()).toBe(d.getTime());
    expect(parseIsoUtc("2024-02-29T23:59:58Z")?.getTime()).toBe(Date.UTC(2024, 1, 29, 23, 59, 58));
    for (const s of [
      "2023-02-29T00:00:00Z",
      "2024-01-01T00:00:60Z",
      "0099-01-01T00:00:00Z",
      "2024-01-01T00:00:00+00:00",
      "2024-01-01t00:00:00z",
      "2024-01-01T00:00:00.1234Z",
    ]) {
      expect(parseIsoUtc(s)).toBeNull();
    }
    expect(() => DateTime.parseValue("2023-02-29T00:00:00Z")).toThrow();
    expect(DateTime.parseValue(new Date(5))).toEqual(new Date(5));
  });
});
