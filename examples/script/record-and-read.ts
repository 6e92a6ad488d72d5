/**
 * A typed automation script: records a batch of measurements (retry-safe, with an
 * Idempotency-Key) and reads back the progress of the hypotheses on the metric. The types come
 * from `schema.graphql` through GraphQL Code Generator (`npm run examples:codegen`), so a
 * schema change that breaks this script fails `npm run typecheck` in CI.
 *
 *   RMO_URL=http://localhost:4000/graphql RMO_TOKEN=$(cat .rmo/admin-token) \
 *     npx ts-node examples/script/record-and-read.ts cs.nps 2026-11-30T00:00:00Z=41
 */
import { randomUUID } from "node:crypto";
import { ClientError, GraphQLClient } from "graphql-request";
import { graphql } from "./gql";

const Record = graphql(`
  mutation RecordKpi($input: RecordMeasurementsInput!) {
    recordMeasurements(input: $input) {
      accepted
      inserted
      updated
      unchanged
      rejected {
        index
        code
        field
        message
      }
    }
  }
`);

const Progress = graphql(`
  query KpiProgress($metricId: ID!) {
    outcomeHypotheses(first: 50, filter: { metricId: $metricId }) {
      nodes {
        id
        statement
        progress {
          asOf
          current
          ratio
          expectedRatio
          status
        }
      }
    }
  }
`);

const MetricByKey = graphql(`
  query MetricByKey($key: String!) {
    metricByKey(key: $key) {
      id
      name
      unit
    }
  }
`);

export interface Reading {
  observedAt: string;
  value: number;
}

export interface Outcome {
  metric: { id: string; name: string; unit: string | null };
  recorded: {
    accepted: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: Array<{ index: number; code: string; message: string }>;
  };
  progress: Array<{ statement: string; status: string; ratio: number | null; expectedRatio: number }>;
}

/** Whether a failed attempt may be sent again with the same key: the service was down, busy, or still running it. */
function retryable(e: unknown): boolean {
  if (!(e instanceof ClientError)) return true; // the connection failed: nothing was acknowledged
  const status = e.response.status;
  const idempotency = e.response.errors?.[0]?.extensions?.idempotency;
  return status === 429 || status === 503 || idempotency === "IN_PROGRESS" || idempotency === "CONCURRENT";
}

export async function recordAndRead(options: {
  url: string;
  token: string;
  metricKey: string;
  readings: Reading[];
  attempts?: number;
}): Promise<Outcome> {
  const client = new GraphQLClient(options.url, { headers: { authorization: `Bearer ${options.token}` } });
  const { metricByKey: metric } = await client.request(MetricByKey, { key: options.metricKey });
  if (!metric) throw new Error(`No metric with key ${options.metricKey} (or not visible to this token)`);
  // one key for this batch, on every attempt: a retry after a lost answer gets the first answer back
  const key = randomUUID();
  const input = { measurements: options.readings.map((r) => ({ metricKey: options.metricKey, observedAt: r.observedAt, value: r.value })) };
  let recorded;
  for (let attempt = 1; ; attempt++) {
    try {
      recorded = (await client.request({ document: Record, variables: { input }, requestHeaders: { "idempotency-key": key } })).recordMeasurements;
      break;
    } catch (e) {
      if (attempt >= (options.attempts ?? 5) || !retryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
  }
  const { outcomeHypotheses } = await client.request(Progress, { metricId: metric.id });
  return {
    metric: { id: metric.id, name: metric.name, unit: metric.unit ?? null },
    recorded,
    progress: outcomeHypotheses.nodes.map((h) => ({
      statement: h.statement,
      status: h.progress.status,
      ratio: h.progress.ratio ?? null,
      expectedRatio: h.progress.expectedRatio,
    })),
  };
}

async function main(): Promise<void> {
  const [metricKey, ...pairs] = process.argv.slice(2);
  const url = process.env.RMO_URL ?? "http://localhost:4000/graphql";
  const token = process.env.RMO_TOKEN;
  if (!metricKey || !pairs.length || !token) {
    console.error("usage: RMO_TOKEN=… [RMO_URL=…] record-and-read.ts <metricKey> <observedAt>=<value> …");
    process.exit(2);
  }
  const readings = pairs.map((p) => {
    const [observedAt, value] = p.split("=");
    return { observedAt, value: Number(value) };
  });
  const outcome = await recordAndRead({ url, token, metricKey, readings });
  console.log(JSON.stringify(outcome, null, 2));
}

if (require.main === module) void main();
