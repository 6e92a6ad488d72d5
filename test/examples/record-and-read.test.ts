import { useTestApp } from "../support/app";
import { createToken, holding, person, grant } from "../support/auth-factories";
import { recordAndRead } from "../../examples/script/record-and-read";

/**
 * examples/script (issue 15): the typed script a newcomer copies, run against a real server
 * with a scoped API token. Its types come from schema.graphql through codegen; here it runs.
 */
const app = useTestApp();

it("records a batch with an Idempotency-Key and reads the hypotheses' progress, as a WRITE_MEASUREMENTS token", async () => {
  const h = await holding(app, "Examples");
  await grant(app, h.portfolio, "etl-owner", "CONTRIBUTOR");
  const owner = await person(app, "etl-owner");
  const token = await createToken(app, owner, { name: "nightly-etl", scope: "WRITE_MEASUREMENTS", metricKeys: [h.metricKey] });
  const readings = [
    { observedAt: "2025-03-01T00:00:00Z", value: 12 },
    { observedAt: "2025-04-01T00:00:00Z", value: 14 },
  ];
  const first = await recordAndRead({ url: app.url, token: token.secret, metricKey: h.metricKey, readings });
  expect(first.recorded).toEqual({ accepted: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [] });
  expect(first.metric.name).toBeTruthy();
  expect(first.progress).toHaveLength(1);
  expect(first.progress[0]).toMatchObject({ ratio: expect.any(Number) });
  expect(first.progress[0].status).not.toBe("NO_DATA");
  // running it again changes nothing: the same values are unchanged rows, not new ones
  const again = await recordAndRead({ url: app.url, token: token.secret, metricKey: h.metricKey, readings });
  expect(again.recorded).toMatchObject({ accepted: 2, inserted: 0, unchanged: 2 });
  const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM measurement m JOIN metric k ON k.id = m.metric_id WHERE k.key = $1", [
    h.metricKey,
  ]);
  expect(n).toBe(2);
});

it("says so when the token cannot see the metric", async () => {
  const h = await holding(app, "Examples hidden");
  const stranger = await person(app, "stranger");
  const token = await createToken(app, stranger, { name: "wrong", scope: "READ_ONLY" });
  await expect(
    recordAndRead({ url: app.url, token: token.secret, metricKey: h.metricKey, readings: [{ observedAt: "2025-01-01T00:00:00Z", value: 1 }] }),
  ).rejects.toThrow(/No metric with key/);
});
