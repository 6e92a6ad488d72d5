/**
 * Load with autocannon (programmatically): a fixed duration with N connections after a short
 * warm-up. Latencies are recorded from every response (autocannon's own summary has p97.5 and
 * p99 but no p95); throughput is completed responses over the measured wall time.
 */
import autocannon from "autocannon";

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  /** One request for every connection to repeat, or a sequence each connection walks in turn. */
  requests: autocannon.Request[];
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Responses whose body carried GraphQL `errors` (or was not what was asked for). */
  badBodies: number;
  timeouts: number;
  bytesPerResponse: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A body is good when it holds data and no errors (Postgres writes `"data" : {`, hence the \s*). */
const goodBody = (raw: string | Buffer | undefined) => {
  const body = String(raw ?? "");
  return /"data"\s*:/.test(body) && !/"errors"\s*:\s*\[/.test(body);
};

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  const started = performance.now();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.durationS,
        pipelining: 1,
        timeout: 60,
        headers: spec.headers,
        requests: spec.requests,
        verifyBody: goodBody,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  instance.on("response", (_client: unknown, _status: number, resBytes: number, responseTime: number) => {
    latencies.push(responseTime);
    bytes += resBytes;
  });
  const result = await done;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors: result.errors,
    non2xx: result.non2xx,
    badBodies: result.mismatches,
    timeouts: result.timeouts,
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
  };
}
