import { randomUUID } from "node:crypto";
import { ClusterHandle } from "../../scripts/cluster";

/** GraphQL over HTTP for the cluster tests: through HAProxy, or straight to one API process. */

export interface Answer {
  status: number;
  body: {
    data?: any;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: { consistency?: { servedBy?: string; lsn?: string } };
  };
}

export async function post(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

/** The answer's data; fails the test with the whole answer when it carries errors. */
export async function ok(url: string, token: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const answer = await post(url, token, query, variables, headers);
  if (answer.status !== 200 || answer.body.errors) throw new Error(`GraphQL call failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

export const RECORD = `mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted updated unchanged } }`;
export const READ = `query($key: String!) { metricByKey(key: $key) { measurements(first: 100) { nodes { value observedAt } } } }`;

/** A portfolio and a metric of its own, through `url`, so files and runs never share rows. */
export async function createMetric(cluster: ClusterHandle, url: string, label: string): Promise<string> {
  const key = `cluster.${label}.${randomUUID().slice(0, 8)}`;
  const portfolio = await ok(url, cluster.token, `mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id } } }`, {
    input: { name: `cluster test ${key}` },
  });
  await ok(url, cluster.token, `mutation($input: CreateMetricInput!) { createMetric(input: $input) { metric { id } } }`, {
    input: { key, name: key, direction: "INCREASE", portfolioId: portfolio.body.data.createPortfolio.portfolio.id },
  });
  return key;
}

/** The values a read of the metric's measurements returned, and where it was served. */
export async function readValues(cluster: ClusterHandle, url: string, key: string, headers: Record<string, string> = {}) {
  const answer = await ok(url, cluster.token, READ, { key }, headers);
  const nodes = (answer.body.data.metricByKey?.measurements.nodes ?? []) as Array<{ value: number }>;
  return { servedBy: answer.body.extensions?.consistency?.servedBy, values: nodes.map((n) => n.value) };
}

/** rmo_db_reads_total{target} summed over both API processes (their /metrics, straight, not through HAProxy). */
export async function readsCounted(cluster: ClusterHandle, target: "primary" | "replica"): Promise<number> {
  let total = 0;
  for (const url of Object.values(cluster.urls.api)) {
    const text = await (await fetch(url.replace(/\/graphql$/, "/metrics"))).text();
    for (const line of text.split("\n")) {
      if (line.startsWith("rmo_db_reads_total{") && line.includes(`target="${target}"`)) total += Number(line.split(" ").pop());
    }
  }
  return total;
}

/** Polls `check` until it returns true, at most `ms`; returns the last value it saw for the failure message. */
export async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | string = "nothing yet";
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${ms} ms; last seen ${JSON.stringify(last)}`);
}
