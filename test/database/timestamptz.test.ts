/**
 * The fast timestamptz parser (src/database/timestamptz.ts) against an independent reference:
 * instants generated as numbers, written the way Postgres writes them, must parse back to the
 * same millisecond; and a round trip through Postgres in zones with odd offsets.
 */
import fc from "fast-check";
import { timestamptzParser } from "../../src/database/timestamptz";
import { useTestApp } from "../support/app";

const FALLBACK = Symbol("fallback");
const parse = timestamptzParser(() => FALLBACK);
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `t` (ms since epoch) + `micros` written as Postgres does at UTC offset `offsetS` seconds. */
function pgText(t: number, micros: number, offsetS: number): string {
  const local = new Date(t + offsetS * 1000);
  const frac = local.getUTCMilliseconds() * 1000 + micros;
  const fraction = frac ? "." + pad(frac, 6).replace(/0+$/, "") : "";
  const a = Math.abs(offsetS);
  let zone = (offsetS < 0 ? "-" : "+") + pad(Math.floor(a / 3600));
  if (a % 3600) zone += ":" + pad(Math.floor((a % 3600) / 60));
  if (a % 60) zone += ":" + pad(a % 60);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${zone}`
  );
}

describe("timestamptz parser", () => {
  test("random instants, fractions and offsets parse to the same millisecond", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }),
        fc.integer({ min: 0, max: 999 }),
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: -15 * 3600, max: 15 * 3600 }),
          fc.integer({ min: -48, max: 56 }).map((q) => q * 900),
        ),
        (t, micros, offset) => {
          const text = pgText(t, micros, offset);
          const d = parse(text) as Date;
          expect(d).toBeInstanceOf(Date);
          expect(d.getTime()).toBe(t);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test("what the fast path does not cover goes to the fallback", () => {
    for (const text of [
      "infinity",
      "-infinity",
      "0099-01-01 00:00:00+00",
      "10000-01-01 00:00:00+00",
      "2024-01-01 00:00:00+00 BC",
      "2024-01-01 00:00:00",
      "2024-01-01",
    ]) {
      expect(parse(text)).toBe(FALLBACK);
    }
    expect((parse("2024-02-29 23:59:59.9999+05:30") as Date).toISOString()).toBe("2024-02-29T18:29:59.999Z");
  });
});

describe("timestamptz from Postgres", () => {
  const app = useTestApp();

  test("round trip in zones with half-hour, negative and seconds offsets, and outside the fast path", async () => {
    const instants = [
      "2024-03-10T12:34:56.789Z",
      "1850-06-01T00:00:00.001Z",
      "9999-12-31T23:59:59.999Z",
      "1000-01-01T00:00:00Z",
      "2026-11-26T01:02:03.123Z",
    ];
    for (const zone of ["UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Amsterdam", "Pacific/Kiritimati"]) {
      const rows: Array<{ t: Date; inf: Date | number; bc: Date; micro: Date }> = await app.dataSource.transaction(async (em) => {
        await em.query(`SET LOCAL timezone = '${zone}'`);
        return em.query(
          `SELECT x AS t, 'infinity'::timestamptz AS inf, '0044-03-15 12:00:00+00 BC'::timestamptz AS bc, '2024-01-01 00:00:00.000999+00'::timestamptz AS micro
           FROM unnest($1::timestamptz[]) AS x`,
          [instants],
        );
      });
      expect(rows.map((r) => r.t.toISOString())).toEqual(instants.map((i) => new Date(i).toISOString()));
      expect(rows[0].inf).toBe(Infinity);
      expect(rows[0].bc.getUTCFullYear()).toBe(-43);
      expect(rows[0].micro.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    }
  });
});
