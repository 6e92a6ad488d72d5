import { useTestApp } from "../support/app";
import { createMetric, createPortfolio } from "../support/factories";
import { Caller, createToken, grant, person } from "../support/auth-factories";

/**
 * `MeasurementRejection.code` is the enum MeasurementRejectionCode (it was a String): the
 * codes an item of a recordMeasurements batch can be refused with (CONFLICT since
 * conditional corrections, for items that give a condition).
 */

const app = useTestApp();

const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code field message } }
}`;

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 0, minute)).toISOString();

describe("the schema", () => {
  it("types MeasurementRejection.code as the non-null enum MeasurementRejectionCode", async () => {
    const data = await app.ok(`{ __type(name: "MeasurementRejection") { fields { name type { kind name ofType { kind name } } } } }`);
    const fields = Object.fromEntries(data.__type.fields.map((f: { name: string; type: unknown }) => [f.name, f.type]));
    expect(Object.keys(fields).sort()).toEqual(["code", "field", "index", "message"]);
    expect(fields.code).toEqual({ kind: "NON_NULL", name: null, ofType: { kind: "ENUM", name: "MeasurementRejectionCode" } });
    expect(fields.index).toEqual({ kind: "NON_NULL", name: null, ofType: { kind: "SCALAR", name: "Int" } });
    expect(fields.message).toEqual({ kind: "NON_NULL", name: null, ofType: { kind: "SCALAR", name: "String" } });
    expect(fields.field).toEqual({ kind: "SCALAR", name: "String", ofType: null });
  });

  it("has exactly the values BAD_USER_INPUT, NOT_FOUND, FORBIDDEN and CONFLICT", async () => {
    const data = await app.ok(`{ __type(name: "MeasurementRejectionCode") { kind enumValues { name } } }`);
    expect(data.__type.kind).toBe("ENUM");
    expect(data.__type.enumValues.map((v: { name: string }) => v.name).sort()).toEqual(["BAD_USER_INPUT", "CONFLICT", "FORBIDDEN", "NOT_FOUND"]);
  });
});

describe("one batch with every code", () => {
  let viewer: Caller;
  const key: Record<string, string> = {};
  let contributedId: string;

  beforeAll(async () => {
    const contributed = await createPortfolio(app, { name: "Contributed" });
    const viewed = await createPortfolio(app, { name: "Viewed" });
    const hidden = await createPortfolio(app, { name: "Hidden" });
    contributedId = contributed.id;
    key.contributed = (await createMetric(app, { portfolioId: contributed.id, key: "codes.contributed" })).key;
    key.viewed = (await createMetric(app, { portfolioId: viewed.id, key: "codes.viewed" })).key;
    key.hidden = (await createMetric(app, { portfolioId: hidden.id, key: "codes.hidden" })).key;
    await grant(app, contributed.id, "vera", "CONTRIBUTOR");
    await grant(app, viewed.id, "vera", "VIEWER");
    viewer = await person(app, "vera");
  });

  async function stored(): Promise<Record<string, number>> {
    const rows: Array<{ key: string; n: number }> = await app.dataSource.query(
      "SELECT m.key, count(x.id)::int AS n FROM metric m LEFT JOIN measurement x ON x.metric_id = m.id GROUP BY m.key ORDER BY m.key",
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  const batch = () => [
    { metricKey: key.contributed, value: 1, observedAt: at(0) }, // accepted
    { metricKey: key.contributed, value: 2, observedAt: at(1), source: "" }, // invalid: BAD_USER_INPUT on source
    { metricKey: "codes.no-such-metric", value: 3, observedAt: at(2) }, // unknown key: NOT_FOUND
    { metricKey: key.viewed, value: 4, observedAt: at(3) }, // seen but not writable: FORBIDDEN
    { metricKey: key.hidden, value: 5, observedAt: at(4) }, // not seen: NOT_FOUND, like an unknown key
    { metricKey: key.contributed, value: 6, observedAt: at(0) }, // the same key twice: BAD_USER_INPUT on the item
  ];

  const expectedRejections = [
    { index: 1, code: "BAD_USER_INPUT", field: "input.measurements.1.source", message: "source must not be empty" },
    { index: 2, code: "NOT_FOUND", field: "input.measurements.2.metricKey", message: 'No metric with this key "codes.no-such-metric"' },
    {
      index: 3,
      code: "FORBIDDEN",
      field: "input.measurements.3.metricKey",
      message: "Recording measurements of this metric needs the CONTRIBUTOR role on its portfolio",
    },
    { index: 4, code: "NOT_FOUND", field: "input.measurements.4.metricKey", message: 'No metric with this key "codes.hidden"' },
    {
      index: 5,
      code: "BAD_USER_INPUT",
      field: "input.measurements.5",
      message: "Same metric, observedAt and source as an earlier item in this call",
    },
  ];

  it("without atomic reports each item's code, index and field, and writes the valid item", async () => {
    const res = await viewer.gql(RECORD, { input: { measurements: batch() } });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordMeasurements).toEqual({ accepted: 1, inserted: 1, updated: 0, unchanged: 0, rejected: expectedRejections });
    expect(await stored()).toEqual({ "codes.contributed": 1, "codes.hidden": 0, "codes.viewed": 0 });
  });

  it("with atomic: true reports the codes found in the database too, and writes nothing", async () => {
    // no item fails a check that needs no database, so every item is looked up
    const items = batch()
      .filter((_, i) => i !== 1)
      .map((item, i) => ({ ...item, observedAt: at(20 + (i === 4 ? 0 : i)) }));
    const res = await viewer.gql(RECORD, { input: { atomic: true, measurements: items } });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordMeasurements).toEqual({
      accepted: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: expectedRejections.slice(1).map((r) => ({ ...r, index: r.index - 1, field: r.field.replace(`.${r.index}`, `.${r.index - 1}`) })),
    });
    expect(await stored()).toEqual({ "codes.contributed": 1, "codes.hidden": 0, "codes.viewed": 0 });
  });

  it("with atomic: true and an item that fails a check needing no database, answers before any lookup: only that item is listed", async () => {
    const res = await viewer.gql(RECORD, { input: { atomic: true, measurements: batch() } });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordMeasurements).toEqual({ accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [expectedRejections[0]] });
    expect(res.extensions!.sqlStatements).toBe(0);
    expect(await stored()).toEqual({ "codes.contributed": 1, "codes.hidden": 0, "codes.viewed": 0 });
  });

  it("gives FORBIDDEN to an API token whose scope does not name the metric, though its creator may write it", async () => {
    const other = (await createMetric(app, { portfolioId: contributedId, key: "codes.unnamed" })).key;
    const token = await createToken(app, viewer, { scope: "WRITE_MEASUREMENTS", metricKeys: [key.contributed] });
    const res = await token.caller.gql(RECORD, {
      input: {
        measurements: [
          { metricKey: key.contributed, value: 7, observedAt: at(10) },
          { metricKey: other, value: 8, observedAt: at(11) },
          { metricKey: "codes.nothing", value: 9, observedAt: at(12) },
          { metricKey: key.contributed, value: 1, observedAt: "2999-01-01T00:00:00Z" },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordMeasurements).toEqual({
      accepted: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { index: 1, code: "FORBIDDEN", field: "input.measurements.1.metricKey", message: "This API token may not write this metric" },
        { index: 2, code: "NOT_FOUND", field: "input.measurements.2.metricKey", message: 'No metric with this key "codes.nothing"' },
        { index: 3, code: "BAD_USER_INPUT", field: "input.measurements.3.observedAt", message: "observedAt may be at most 24 hours ahead of now" },
      ],
    });
  });
});
