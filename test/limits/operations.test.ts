import { Writable } from "node:stream";
import { logTo } from "../../src/common/log";
import { useTestApp } from "../support/app";
import { createMetric } from "../support/factories";

/** What an operator reads: one JSON access line per request, and Prometheus metrics at /metrics. */

const lines: Array<Record<string, any>> = [];
logTo(
  new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  }),
);
const app = useTestApp({ RMO_LOG_LEVEL: "info" });
afterAll(() => logTo(undefined));

const metrics = async () => (await fetch(app.url.replace(/\/graphql$/, "/metrics"))).text();

describe("operations", () => {
  it("logs one access line per request: request id, operation, caller, status, outcome, duration, SQL count", async () => {
    await app.gql(`query Probe { serviceInfo { reportingCurrency } }`, undefined, { "x-request-id": "probe-1" });
    await app.gql(`query Broken { initiative(id: "nope") { id } }`, undefined, { "x-request-id": "probe-2" });
    await new Promise((r) => setTimeout(r, 50));
    const ok = lines.find((l) => l.requestId === "probe-1" && l.msg === "request");
    expect(ok).toMatchObject({ level: 30, operation: "Probe", caller: "bootstrap", status: 200, outcome: "ok", sql: 0 });
    expect(typeof ok!.ms).toBe("number");
    const bad = lines.find((l) => l.requestId === "probe-2" && l.msg === "request");
    expect(bad).toMatchObject({ operation: "Broken", outcome: "BAD_USER_INPUT" });
  });

  it("exposes Prometheus metrics: requests by operation and outcome, latency, the pool, ingestion, Node's own", async () => {
    await app.gql(`query Probe { serviceInfo { reportingCurrency } }`);
    const m = await createMetric(app);
    await app.ok(`mutation Load($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted } }`, {
      input: { measurements: [1, 2].map((d) => ({ metricKey: m.key, value: d, observedAt: `2026-01-0${d}T00:00:00Z` })) },
    });
    const text = await metrics();
    expect(text).toMatch(/^rmo_requests_total\{operation="Probe",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^rmo_request_duration_seconds_bucket\{le="0\.005",operation="Probe",outcome="ok"\} \d+/m);
    expect(text).toMatch(/^rmo_measurements_ingested_total\{result="inserted"\} [2-9]/m);
    expect(text).toMatch(/^rmo_db_pool_connections\{state="idle"\} \d+/m);
    expect(text).toMatch(/^rmo_nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^rmo_nodejs_gc_duration_seconds_count/m);
  });
});
