/**
 * HAProxy in front of the two API processes: HTTP mode, round robin, /readyz as the health
 * check, and retries of requests that failed because an API process died.
 */
import fs from "node:fs";
import path from "node:path";
import { programPath, SpawnSpec } from "./processes";
import { API_NAMES, ClusterState, logFile } from "./state";

/**
 * Why each setting:
 * - `retry-on conn-failure empty-response response-timeout`, `retries 3`, `option redispatch 1`:
 *   a request whose process refused the connection, closed it without answering (killed
 *   mid-request) or stopped answering (frozen) is sent again, to another process on every
 *   retry. Not on a 5xx: the API answers 503 when the database is down, which the other
 *   process shares; the client retries that itself after Retry-After.
 * - `http-request disable-l7-retry` for a POST without an Idempotency-Key: such a POST may be a
 *   mutation that already committed, and sending it again could apply it twice (a second
 *   createPortfolio). With a key a repeat is answered from the key, never applied again
 *   (README "Retrying"); keys are ignored on queries, so a client can send one on a query to
 *   have it retried too. GETs are always retried. A connection failure is retried whatever
 *   the request: nothing was sent.
 * - `option http-buffer-request` and `tune.bufsize 65536`: an L7 retry re-sends the request
 *   from HAProxy's buffer, so the whole body must be read first and fit in one buffer (a
 *   batch of a few hundred measurements; a larger body is forwarded but never retried).
 * - `timeout server 40s`: longer than the API's own limits (statement 30 s, client-side query
 *   32 s), so a slow request ends with the API's answer, not a retry.
 * - Health checks every 500 ms, down after 2 failures: a killed process leaves the rotation
 *   within about a second; the retries cover the requests sent to it meanwhile.
 * - `option dontlog-normal`: only anomalies are logged (retries, redispatches, 5xx, timeouts);
 *   a line per request would cost the benchmark CPU.
 */
export function writeHaproxyConfig(state: ClusterState): string {
  const file = path.join(state.settings.dir, "haproxy.cfg");
  const servers = API_NAMES.map((n) => `  server ${n} 127.0.0.1:${state.ports.api[n]} check`);
  fs.writeFileSync(
    file,
    [
      "global",
      "  log stdout format raw local0",
      "  nbthread 1",
      "  maxconn 1000",
      "  tune.bufsize 65536",
      "",
      "defaults",
      "  mode http",
      "  log global",
      "  option httplog",
      "  option dontlog-normal",
      "  timeout connect 1s",
      "  timeout client 60s",
      "  timeout server 40s",
      "  timeout http-request 10s",
      "  timeout http-keep-alive 10s",
      "  timeout queue 10s",
      "  timeout check 2s",
      "",
      "frontend api",
      `  bind 127.0.0.1:${state.ports.haproxy}`,
      "  default_backend apis",
      "",
      "backend apis",
      "  balance roundrobin",
      "  option http-buffer-request",
      "  retries 3",
      "  option redispatch 1",
      "  retry-on conn-failure empty-response response-timeout",
      "  http-request disable-l7-retry if METH_POST !{ req.hdr(idempotency-key) -m found }",
      "  option httpchk GET /readyz",
      "  http-check expect status 200",
      "  default-server inter 500ms fall 2 rise 2",
      ...servers,
      "",
      // the state of each server and its retry counters: /;csv for scripts
      "listen stats",
      `  bind 127.0.0.1:${state.ports.stats}`,
      "  stats enable",
      "  stats uri /",
      "  stats refresh 2s",
      "",
    ].join("\n"),
  );
  return file;
}

/** In the foreground (-db), so the pid we keep is HAProxy's, its log on stdout: our log file. */
export function haproxySpec(state: ClusterState, cfg: string): SpawnSpec {
  return { command: programPath("haproxy") ?? "haproxy", args: ["-db", "-f", cfg], log: logFile(state.settings.dir, "haproxy") };
}

export interface ServerStats {
  /** UP, DOWN, "UP 1/2" (going up), … */
  status: string;
  /** The last health check's result: L7OK once /readyz answered 200. */
  check: string;
  /** Requests retried and redispatched to another server. */
  retries: number;
  redispatches: number;
}

/** The backend's servers as HAProxy sees them, from the stats page's CSV. */
export async function haproxyServers(state: ClusterState): Promise<Record<string, ServerStats>> {
  const res = await fetch(`http://127.0.0.1:${state.ports.stats}/;csv`);
  const [header, ...rows] = (await res.text()).trim().split("\n");
  const columns = header.replace(/^# /, "").split(",");
  const at = (row: string[], name: string) => row[columns.indexOf(name)];
  const servers: Record<string, ServerStats> = {};
  for (const row of rows.map((r) => r.split(","))) {
    if (at(row, "pxname") !== "apis") continue;
    servers[at(row, "svname")] = {
      status: at(row, "status"),
      check: at(row, "check_status"),
      retries: Number(at(row, "wretr")),
      redispatches: Number(at(row, "wredis")),
    };
  }
  return servers;
}
