import { randomUUID } from "node:crypto";
import { openCluster } from "../../scripts/cluster";
import { isAlive } from "../../scripts/cluster/processes";
import { createMetric, eventually, ok, readsCounted, readValues, RECORD } from "./graphql";

/**
 * The replica stopped (issue 16): reads through HAProxy keep succeeding, served by the
 * primary, with no error, from the first read after the stop on; started again, the replica
 * comes back into rotation by itself.
 */

const cluster = openCluster();
const url = cluster.urls.graphql;
let key: string;

beforeAll(async () => {
  key = await createMetric(cluster, url, "replica-down");
  await ok(
    url,
    cluster.token,
    RECORD,
    { input: { measurements: [{ metricKey: key, value: 7, observedAt: "2026-03-01T00:00:00Z" }] } },
    { "idempotency-key": randomUUID() },
  );
  await eventually(
    "reads through HAProxy served by the replica",
    () => readValues(cluster, url, key),
    (r) => r.servedBy === "replica" && r.values.length === 1,
  );
});

// whatever failed, the next file finds the replica running
afterAll(async () => {
  if (!isAlive(cluster.process("replica"))) await cluster.startReplica();
});

it("with the replica stopped, every read succeeds and is served by the primary", async () => {
  const primaryReadsBefore = await readsCounted(cluster, "primary");
  await cluster.stopReplica();
  // sequential reads, then concurrent ones, across both API processes (HAProxy alternates)
  const reads = [];
  for (let i = 0; i < 10; i++) reads.push(await readValues(cluster, url, key));
  reads.push(...(await Promise.all(Array.from({ length: 10 }, () => readValues(cluster, url, key)))));
  expect(reads).toEqual(Array.from({ length: 20 }, () => ({ servedBy: "primary", values: [7] })));
  expect((await readsCounted(cluster, "primary")) - primaryReadsBefore).toBeGreaterThanOrEqual(20);
});

it("started again, the replica is back in rotation by itself", async () => {
  const replicaReadsBefore = await readsCounted(cluster, "replica");
  await cluster.startReplica();
  const read = await eventually(
    "reads through HAProxy served by the replica again",
    () => readValues(cluster, url, key),
    (r) => r.servedBy === "replica",
  );
  expect(read).toEqual({ servedBy: "replica", values: [7] });
  // both processes took it back, not just one: a few reads alternate between them
  await eventually(
    "both API processes reading from the replica",
    () => Promise.all([readValues(cluster, cluster.urls.api.a, key), readValues(cluster, cluster.urls.api.b, key)]),
    (both) => both.every((r) => r.servedBy === "replica"),
  );
  expect(await readsCounted(cluster, "replica")).toBeGreaterThan(replicaReadsBefore);
});
