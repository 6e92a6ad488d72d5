import { randomUUID } from "node:crypto";
import { openCluster } from "../../scripts/cluster";
import { createMetric, eventually, ok, readValues, RECORD } from "./graphql";

/**
 * Read-your-writes across API processes (issue 16): a client records a measurement through
 * process A and reads it back through process B, sending the write's WAL position as
 * RMO-Min-LSN. With replay on the replica paused, the replica cannot have the write, so B
 * must answer from the primary; without the header B answers from the replica, stale (which
 * is allowed, and here shows the read really went there). After replay resumes, reads go to
 * the replica again and see the write.
 */

const cluster = openCluster();
const A = cluster.urls.api.a;
const B = cluster.urls.api.b;
const observedAt = "2026-06-01T00:00:00.000Z";
let key: string;
let lsn: string;

beforeAll(async () => {
  key = await createMetric(cluster, A, "ryw");
  // the metric itself replicated, and B reading from the replica, before replay is paused
  await eventually(
    "B reads the new metric from the replica",
    () => readValues(cluster, B, key),
    (r) => r.servedBy === "replica",
  );
});

// whatever failed, the replica replays again for the files after this one
afterAll(() => cluster.resumeReplay());

it("a write through A, read through B with RMO-Min-LSN while replay is paused: present, served by the primary", async () => {
  await cluster.pauseReplay();
  const write = await ok(
    A,
    cluster.token,
    RECORD,
    { input: { measurements: [{ metricKey: key, value: 42.5, observedAt }] } },
    { "idempotency-key": randomUUID() },
  );
  expect(write.body.data.recordMeasurements.inserted).toBe(1);
  const consistency = write.body.extensions?.consistency;
  expect(consistency).toEqual({ lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/), servedBy: "primary" });
  lsn = consistency!.lsn!;

  expect(await readValues(cluster, B, key, { "rmo-min-lsn": lsn })).toEqual({ servedBy: "primary", values: [42.5] });
});

it("the same read through B without the header while replay is paused: served by the replica, without the write", async () => {
  expect(await cluster.replicationStatus()).toMatchObject({ replay: "paused" });
  expect(await readValues(cluster, B, key)).toEqual({ servedBy: "replica", values: [] });
});

it("after replay resumes: reads through B go to the replica again and see the write, with the header too", async () => {
  await cluster.resumeReplay();
  const plain = await eventually(
    "B reads the write from the replica",
    () => readValues(cluster, B, key),
    (r) => r.servedBy === "replica" && r.values.length === 1,
  );
  expect(plain).toEqual({ servedBy: "replica", values: [42.5] });
  // the write's position may lie a little past what made the value visible (its key's stored answer)
  const fenced = await eventually(
    "B reads from the replica with the write's RMO-Min-LSN",
    () => readValues(cluster, B, key, { "rmo-min-lsn": lsn }),
    (r) => r.servedBy === "replica",
  );
  expect(fenced).toEqual({ servedBy: "replica", values: [42.5] });
});
