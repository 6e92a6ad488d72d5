import { randomUUID } from "node:crypto";
import { openCluster, query } from "../../scripts/cluster";
import { isAlive } from "../../scripts/cluster/processes";
import { createMetric } from "./graphql";

/**
 * One API process killed under load (issue 16). Four clients post batches of measurements
 * through HAProxy, each batch with its own Idempotency-Key, and resend a batch (same key,
 * same body) until it is acknowledged. Mid-run, API process b gets SIGKILL, then starts again
 * and rejoins HAProxy's rotation while the clients go on, a few batches past its return. HAProxy resends what b dropped to
 * a (retry-on empty-response with redispatch); what HAProxy could not, the client resends.
 * Afterwards every batch was acknowledged, every acknowledged item is stored exactly once
 * with its value, nothing was written twice, and each acknowledgement is its batch's first
 * answer (all inserted) unless the kill lost that answer (APPLIED_RESPONSE_LOST: applied once).
 */

const cluster = openCluster();
const CLIENTS = 4;
/** Batches acknowledged before the kill; each client then goes on until b is back, and 3 batches more. */
const BATCHES_BEFORE_KILL = 16;
const BATCHES_AFTER_RESTART = 3;
/** Small enough for HAProxy to buffer and replay the body (tune.bufsize 65536). */
const ITEMS_PER_BATCH = 40;

interface Outcome {
  inserted: number;
  lostResponse: boolean;
  attempts: number;
}

const RECORD = `mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted updated unchanged } }`;

/** Sends one batch until it is acknowledged, as a careful script would: the same key and body on every try. */
async function postUntilAcknowledged(body: string, key: string, inFlight: { n: number }): Promise<Outcome> {
  const deadline = Date.now() + 90_000;
  let last = "";
  for (let attempts = 1; Date.now() < deadline; attempts++) {
    inFlight.n++;
    try {
      const res = await fetch(cluster.urls.graphql, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${cluster.token}`, "idempotency-key": key },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json().catch(() => ({}))) as { data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> };
      const idempotency = json.errors?.[0]?.extensions?.idempotency;
      if (res.status === 200 && !json.errors) return { inserted: json.data.recordMeasurements.inserted, lostResponse: false, attempts };
      if (idempotency === "APPLIED_RESPONSE_LOST") return { inserted: 0, lostResponse: true, attempts };
      last = `${res.status} ${JSON.stringify(json)}`;
      // 502/503/504 from HAProxy or the API, or the first try still running elsewhere: resend
      const retry = [502, 503, 504].includes(res.status) || idempotency === "IN_PROGRESS" || idempotency === "CONCURRENT";
      if (!retry) throw new Error(`unexpected answer ${last}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("unexpected answer")) throw e;
      last = String(e); // the connection to HAProxy itself failed: resend
    } finally {
      inFlight.n--;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${key} never acknowledged; last answer: ${last}`);
}

afterAll(async () => {
  // whatever failed, the cluster has both API processes for the files after this one
  if (!isAlive(cluster.process("api-b"))) await cluster.startApi("b");
});

it("SIGKILL of an API process under load: every batch acknowledged, every item stored exactly once", async () => {
  const keys = [await createMetric(cluster, cluster.urls.graphql, "kill-a"), await createMetric(cluster, cluster.urls.graphql, "kill-b")];
  const expected = new Map<string, number>();
  const outcomes: Outcome[] = [];
  const inFlight = { n: 0 };
  const phase = { restarted: false };
  const client = async (c: number) => {
    const metricKey = keys[c % keys.length];
    for (let b = 0, after = 0; after < BATCHES_AFTER_RESTART; b++) {
      if (phase.restarted) after++;
      const measurements = Array.from({ length: ITEMS_PER_BATCH }, (_, i) => {
        // minutes from 2020 on, clients sharing a metric 100 days apart: disjoint, and never in the future (refused)
        const observedAt = new Date(Date.UTC(2020, 0, 1) + (c * 144_000 + b * ITEMS_PER_BATCH + i) * 60_000).toISOString();
        const value = c * 1_000_000 + b * 1_000 + i + 0.25;
        expected.set(`${metricKey}|${observedAt}`, value);
        return { metricKey, observedAt, value, source: "loader" };
      });
      const body = JSON.stringify({ query: RECORD, variables: { input: { measurements, atomic: true } } });
      outcomes.push(await postUntilAcknowledged(body, randomUUID(), inFlight));
    }
  };
  const clients = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const settled = { value: false };
  void clients.then(
    () => (settled.value = true),
    () => (settled.value = true),
  );

  // the kill lands once some batches are in and while requests are in flight (bounded: a
  // client that failed ends the wait, and `await clients` below reports why)
  const deadline = Date.now() + 60_000;
  const waitFor = async (cond: () => boolean, pollMs: number) => {
    while (!cond() && !settled.value && Date.now() < deadline) await new Promise((r) => setTimeout(r, pollMs));
  };
  await waitFor(() => outcomes.length >= BATCHES_BEFORE_KILL, 20);
  await waitFor(() => inFlight.n > 0, 2);
  let ackedAtKill: number;
  let ackedAtRestart: number;
  try {
    await cluster.killApi("b");
    ackedAtKill = outcomes.length;
    await cluster.startApi("b");
    ackedAtRestart = outcomes.length;
  } finally {
    // the clients stop a few batches after this, whether b came back or not
    phase.restarted = true;
  }
  await clients;

  const stored = await query<{ key: string; observed_at: Date; value: number }>(
    cluster.urls.primary,
    `SELECT m.key, s.observed_at, s.value FROM measurement s JOIN metric m ON m.id = s.metric_id WHERE m.key = ANY($1)`,
    [keys],
  );
  const byKey = new Map(stored.map((r) => [`${r.key}|${r.observed_at.toISOString()}`, Number(r.value)]));
  const missing = [...expected].filter(([k, v]) => byKey.get(k) !== v);
  const [{ n: revisions }] = await query<{ n: number }>(
    cluster.urls.primary,
    `SELECT count(*)::int AS n FROM measurement_revision r JOIN measurement s ON s.id = r.measurement_id JOIN metric m ON m.id = s.metric_id WHERE m.key = ANY($1)`,
    [keys],
  );
  const balancer = await cluster.balancer();
  console.log(
    `kill under load: ${outcomes.length} batches, kill after ${ackedAtKill}, b back in rotation after ${ackedAtRestart}; ` +
      `client resends ${outcomes.reduce((s, o) => s + o.attempts - 1, 0)}, answers lost in the kill ${outcomes.filter((o) => o.lostResponse).length}; ` +
      `HAProxy retries ${balancer.BACKEND?.retries}, redispatches ${balancer.BACKEND?.redispatches}`,
  );

  expect(outcomes.length).toBeGreaterThanOrEqual(ackedAtRestart + CLIENTS * BATCHES_AFTER_RESTART);
  expect(outcomes.length * ITEMS_PER_BATCH).toBe(expected.size);
  expect(outcomes.filter((o) => !o.lostResponse && o.inserted !== ITEMS_PER_BATCH)).toEqual([]);
  expect({ stored: stored.length, missing: missing.length, revisions }).toEqual({ stored: expected.size, missing: 0, revisions: 0 });
  // the kill can have cut off at most the answers in flight at that moment
  expect(outcomes.filter((o) => o.lostResponse).length).toBeLessThanOrEqual(CLIENTS);
  expect(balancer.a.status).toBe("UP");
  expect(balancer.b.status).toBe("UP");
});
