/**
 * The DateTime scalar's fast path (src/common/date-time.ts) must accept exactly what
 * graphql-scalars' DateTime accepts and give the same instant: random near-valid strings
 * (every part sometimes out of range, other separators, offsets, fractions of other lengths,
 * lower case) go through both and are compared.
 */
import fc from "fast-check";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { DateTime, formatIsoUtc, parseIsoUtc } from "../../src/graphql/date-time";
import { isCalendarDate, LocalDate } from "../../src/graphql/local-date";

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

/**
 * Answers: DateTime serialises to exactly `toISOString()` (the reference) for every instant,
 * including those outside 1000–9999 that take the built-in, and LocalDate's fast check agrees
 * with graphql-scalars' LocalDate on near-valid strings.
 */
describe("DateTime and LocalDate answers", () => {
  const serialized = (f: () => unknown): unknown => {
    try {
      return f();
    } catch {
      return "error";
    }
  };

  test("formatIsoUtc is toISOString for any instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(formatIsoUtc(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 50000 },
    );
    for (const ms of [0, -1, 1, Date.UTC(1000, 0, 1) - 1, Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1)]) {
      expect(formatIsoUtc(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });

  test("DateTime serialises Dates, strings and numbers to ISO text, and refuses what graphql-scalars refuses", () => {
    const d = new Date("2024-02-29T23:59:58.123Z");
    expect(DateTime.serialize(d)).toBe("2024-02-29T23:59:58.123Z");
    expect(DateTime.serialize("2024-02-29T23:59:58.123Z")).toBe("2024-02-29T23:59:58.123Z");
    expect(DateTime.serialize(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(() => DateTime.serialize(new Date(NaN))).toThrow("invalid Date");
    expect(() => DateTime.serialize({})).toThrow();
  });

  const nearDate = fc
    .record({
      year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 1900, 2000, 2023, 2024, 2100)),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      sep: fc.constantFrom("-", "-", "-", "/"),
    })
    .map((p) => `${pad(p.year, 4)}${p.sep}${pad(p.month)}-${pad(p.day)}`);

  test("LocalDate accepts and refuses exactly what graphql-scalars' LocalDate does", () => {
    fc.assert(
      fc.property(fc.oneof(nearDate, fc.string({ maxLength: 12 })), (s) => {
        expect(serialized(() => LocalDate.serialize(s))).toEqual(serialized(() => LocalDateResolver.serialize(s)));
        // the fast check never accepts what graphql-scalars refuses (it leaves year 0000 to it)
        if (isCalendarDate(s)) expect(LocalDateResolver.serialize(s)).toBe(s);
      }),
      { numRuns: 20000 },
    );
    expect(LocalDate.serialize("2024-02-29")).toBe("2024-02-29");
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(LocalDate.serialize("0000-01-01")).toBe("0000-01-01");
    expect(() => LocalDate.serialize("2023-02-29")).toThrow();
    expect(() => LocalDate.serialize(20240229)).toThrow();
  });
});
