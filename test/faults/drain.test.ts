import { useTestApp } from "../support/app";
import { createMetric } from "../support/factories";

/**
 * Stopping under load (SIGTERM, src/main.ts calls the server's stop): /readyz says "draining"
 * at once, and every request already accepted finishes and is committed; none fails.
 */
const app = useTestApp({ RMO_DRAIN_DELAY_MS: "300" });

it("finishes every accepted request while draining, and says so on /readyz", async () => {
  const m = await createMetric(app);
  const batch = (n: number) => ({
    input: {
      measurements: Array.from({ length: 2000 }, (_, i) => ({
        metricKey: m.key,
        value: i,
        observedAt: new Date(Date.UTC(2025, 0, 1) + (n * 2000 + i) * 60_000).toISOString(),
      })),
    },
  });
  const inFlight = Array.from({ length: 8 }, (_, n) =>
    app.gql(`mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted } }`, batch(n)),
  );
  // stop once some requests are received (accepted) and in flight
  const metrics = app.url.replace(/\/graphql$/, "/metrics");
  let accepted = 0;
  for (let i = 0; i < 2000 && accepted < 2; i++) {
    accepted = Number(/^rmo_requests_in_flight (\d+)/m.exec(await (await fetch(metrics)).text())?.[1] ?? 0);
  }
  expect(accepted).toBeGreaterThanOrEqual(2);
  const stopping = app.server.stop();
  const ready = await fetch(app.url.replace(/\/graphql$/, "/readyz"));
  expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: "draining" } });
  const results = await Promise.allSettled(inFlight);
  await stopping;
  // every accepted request was answered in full; one not yet sent may find the door closed (a client retries it)
  const answered = results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<any>).value);
  expect(answered.length).toBeGreaterThanOrEqual(accepted);
  expect(answered.map((r) => r.errors ?? r.data.recordMeasurements.inserted)).toEqual(Array(answered.length).fill(2000));
  for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/fetch failed/);
  const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM measurement WHERE metric_id = (SELECT id FROM metric WHERE key = $1)", [
    m.key,
  ]);
  // and nothing half-written
  expect(n).toBe(answered.length * 2000);
});
