import { ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { Client } from "pg";

/**
 * `kill -9` of the API while batches are in flight (issue 13). Two scripts post batches of
 * measurements, each with its own Idempotency-Key, and retry every batch until it is
 * acknowledged: on a dropped connection, a 503, or a 409 that says "retry". Meanwhile the
 * service is killed with SIGKILL three times, mid-batch, and started again on the same port.
 * Afterwards every acknowledged item is stored once with its value (0 lost), no item was
 * written twice (no revision, no extra row), and each batch's acknowledgement reports all its
 * items as inserted: a retry of a batch that had committed got the first answer back instead
 * of being run again.
 */

const root = path.resolve(__dirname, "..", "..");
const TOKEN = "kill-mid-batch-token-0123456789abcdef";
const ITEMS_PER_BATCH = 400;
const KILLS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the service from source in its own process; resolves once it listens. */
async function startService(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(root, "src", "main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      TS_NODE_SWC: "true",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      RMO_BOOTSTRAP_TOKEN: TOKEN,
      NODE_ENV: "production",
      RMO_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service not ready in 100 s:\n${log}`)), 100_000);
    child.stdout!.on("data", () => {
      if (/ready at/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code, signal) => reject(new Error(`service exited (${code ?? signal}) before it was ready:\n${log}`)));
  });
  return child;
}

interface Ack {
  inserted: number;
  lostResponse: boolean;
}

/** Posts one batch until it is acknowledged, like a careful script: same key and body on every try. */
async function postUntilAcknowledged(url: string, body: string, key: string, inFlight: { n: number }): Promise<Ack> {
  // a restart from source takes seconds, more when the machine is busy with other tests
  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    inFlight.n++;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, "idempotency-key": key },
        body,
      });
      const json = (await res.json()) as { data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> };
      const idempotency = json.errors?.[0]?.extensions?.idempotency;
      if (res.status === 200 && !json.errors) return { inserted: json.data.recordMeasurements.inserted, lostResponse: false };
      // applied before a kill, its answer not stored: done, and not applied again
      if (idempotency === "APPLIED_RESPONSE_LOST") return { inserted: 0, lostResponse: true };
      last = `${res.status} ${JSON.stringify(json)}`;
      if (!(res.status === 503 || idempotency === "IN_PROGRESS" || idempotency === "CONCURRENT")) {
        throw new Error(`unexpected answer ${last}`);
      }
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("unexpected answer")) throw e;
      last = String(e);
      // connection refused or dropped: the service is down or was killed; retry
    } finally {
      inFlight.n--;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`batch ${key} never acknowledged; last answer: ${last}`);
}

it("kill -9 mid-batch with retrying scripts: every acknowledged item stored once, none written twice", async () => {
  const adminUrl = process.env.RMO_TEST_ADMIN_URL!;
  const database = `rmo_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  let service = await startService(dbUrl.toString(), port);
  const db = new Client({ connectionString: dbUrl.toString() });
  try {
    await db.connect();
    const [portfolio] = (await db.query(`INSERT INTO portfolio (name) VALUES ('faults') RETURNING id`)).rows;
    await db.query(
      `INSERT INTO metric (key, name, direction, portfolio_id) VALUES ('kill.a', 'A', 'INCREASE', $1), ('kill.b', 'B', 'INCREASE', $1)`,
      [portfolio.id],
    );

    const inFlight = { n: 0 };
    const acks: Ack[] = [];
    const expected = new Map<string, number>();
    let kills = 0;
    // each script posts batches until the last kill, then two more
    const script = async (metricKey: string) => {
      for (let b = 0, after = 0; after < 2; b++) {
        if (kills >= KILLS) after++;
        const measurements = Array.from({ length: ITEMS_PER_BATCH }, (_, i) => {
          const observedAt = new Date(Date.UTC(2025, 0, 1) + (b * ITEMS_PER_BATCH + i) * 60_000).toISOString();
          const value = b * 10_000 + i + 0.5;
          expected.set(`${metricKey}|${observedAt}`, value);
          return { metricKey, observedAt, value, source: "loader" };
        });
        const body = JSON.stringify({
          query: `mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted updated unchanged } }`,
          variables: { input: { measurements, atomic: true } },
        });
        acks.push(await postUntilAcknowledged(url, body, randomUUID(), inFlight));
      }
    };
    const scripts = Promise.all([script("kill.a"), script("kill.b")]);

    const done = { value: false };
    void scripts.finally(() => (done.value = true));
    while (kills < KILLS && !done.value) {
      // let some batches land, then kill while one is in flight
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
      while (inFlight.n === 0 && !done.value) await new Promise((r) => setTimeout(r, 2));
      if (done.value) break;
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      service.kill("SIGKILL");
      await new Promise((r) => service.once("exit", r));
      kills++;
      service = await startService(dbUrl.toString(), port);
    }
    await scripts;
    expect(kills).toBe(KILLS);

    const rows = (await db.query(`SELECT m.key, s.observed_at, s.value FROM measurement s JOIN metric m ON m.id = s.metric_id`)).rows as Array<{
      key: string;
      observed_at: Date;
      value: number;
    }>;
    const stored = new Map(rows.map((r) => [`${r.key}|${r.observed_at.toISOString()}`, r.value]));
    const missing = [...expected].filter(([k, v]) => stored.get(k) !== v);
    expect({ rows: rows.length, missing: missing.length }).toEqual({ rows: expected.size, missing: 0 });
    const [{ n: revisions }] = (await db.query(`SELECT count(*)::int AS n FROM measurement_revision`)).rows;
    expect(revisions).toBe(0);
    // every batch acknowledged; its answer is the first run's (all inserted), unless that answer was lost in a kill
    expect(acks.length * ITEMS_PER_BATCH).toBe(expected.size);
    const answered = acks.filter((a) => !a.lostResponse);
    expect(answered.every((a) => a.inserted === ITEMS_PER_BATCH)).toBe(true);
    expect(acks.filter((a) => a.lostResponse).length).toBeLessThanOrEqual(KILLS);
  } finally {
    service.kill("SIGKILL");
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}, 400_000);
