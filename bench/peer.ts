/**
 * Issue 14: the same four questions asked of this service and of PostGraphile v5 (amber
 * preset) on the bench's database, with ../shared/peers/postgraphile (start.sh starts it with
 * its own Node 22, questions.mjs holds the request pairs and the answer check). Answers are
 * verified equal first; then each question is timed in alternating rounds (ours, theirs,
 * theirs, ours, …) with the same autocannon settings, and each side's CPU per request is read
 * from /proc. Skipped, with the reason, when the peer cannot be installed or started.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { cpuSecondsOf, memoryOf } from "./children";
import { runLoad, LoadResult } from "./load";
import { Setup } from "./measure";
import { ScenarioResult, Side } from "./report";
import { freePort } from "../src/database/embedded";
import { Client } from "pg";

interface Questions {
  bodies(portfolioUuid: string, metricUuid: string): Record<string, { rmo: string; pg5: string }>;
  verify(bodies: Record<string, { rmo: string; pg5: string }>, ourUrl: string, token: string, theirUrl: string): Promise<string[]>;
}

export interface Peer {
  pid: number;
  port: number;
  dir: string;
  stop(): void;
}

export function peerDirectory(root: string): string {
  return process.env.RMO_PEER_POSTGRAPHILE_DIR ?? path.resolve(root, "..", "shared", "peers", "postgraphile");
}

/** Starts PostGraphile on `dbUrl`, or says why it cannot. */
export async function startPostGraphile(dir: string, dbUrl: string, log: (m: string) => void): Promise<Peer | string> {
  const script = path.join(dir, "start.sh");
  if (!fs.existsSync(script)) return `no ${script} (set RMO_PEER_POSTGRAPHILE_DIR)`;
  // PostGraphile's amber preset orders only by columns of a non-partial index; recorded_at is
  // only in the partial covering index, and the dashboard question's tie-break orders by it.
  // A smart comment allows it (the bench database only; this service reads no comments).
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`COMMENT ON COLUMN measurement.recorded_at IS E'@behavior +orderBy'`);
  await client.end();
  const port = await freePort();
  log(`peer: starting PostGraphile v5 on port ${port} (the first run installs Node 22 and postgraphile from npm) …`);
  const run = spawnSync("bash", [script, dbUrl, String(port)], { encoding: "utf8", timeout: 600_000, env: { ...process.env } });
  const pid = Number(run.stdout.trim().split("\n").pop());
  if (run.status !== 0 || !Number.isInteger(pid) || pid <= 0) {
    return `start.sh failed (${run.status ?? run.signal}): ${(run.stderr || run.stdout).trim().split("\n").slice(-3).join(" / ")}`;
  }
  return {
    pid,
    port,
    dir,
    stop: () => {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

interface Rounds {
  results: LoadResult[];
  cpuSeconds: number;
}

function sideOf(r: Rounds): Side {
  const requests = r.results.reduce((s, x) => s + x.requests, 0);
  const seconds = r.results.reduce((s, x) => s + x.seconds, 0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    perSecond: median(r.results.map((x) => x.perSecond)),
    p50: median(r.results.map((x) => x.p50)),
    p95: median(r.results.map((x) => x.p95)),
    p99: median(r.results.map((x) => x.p99)),
    count: requests,
    seconds,
    nodeCpuMs: requests ? (r.cpuSeconds * 1000) / requests : null,
    pgCpuMs: null,
  };
}

/** Verifies, then times every question against the peer; one ScenarioResult per question. */
export async function measureAgainstPeer(
  s: Setup,
  peer: Peer,
  rounds: number,
  connections: number,
  errors: string[],
  log: (m: string) => void,
): Promise<ScenarioResult[]> {
  const questions = (await import(pathToFileURL(path.join(peer.dir, "questions.mjs")).href)) as Questions;
  const bodies = questions.bodies(s.params.dashboardPortfolioId, s.params.seriesMetricId);
  const ours = `http://127.0.0.1:${s.server.port}/graphql`;
  const theirs = `http://127.0.0.1:${peer.port}/graphql`;
  const diffs = await questions.verify(bodies, ours, s.server.token, theirs);
  if (diffs.length) {
    errors.push(`peer: answers differ from PostGraphile's: ${diffs.slice(0, 5).join("; ")}`);
    return [];
  }
  log("peer: the four answers are equal to PostGraphile's");
  const out: ScenarioResult[] = [];
  for (const [name, pair] of Object.entries(bodies)) {
    const sides: Record<"ours" | "theirs", Rounds> = { ours: { results: [], cpuSeconds: 0 }, theirs: { results: [], cpuSeconds: 0 } };
    const once = async (who: "ours" | "theirs", durationS: number, record: boolean) => {
      const pid = who === "ours" ? s.server.pid : peer.pid;
      const cpu = cpuSecondsOf(pid);
      const result = await runLoad({
        url: who === "ours" ? ours : theirs,
        connections,
        durationS,
        headers: { "content-type": "application/json", ...(who === "ours" ? { authorization: `Bearer ${s.server.token}` } : {}) },
        requests: [{ method: "POST", body: who === "ours" ? pair.rmo : pair.pg5 }],
      });
      if (!record) return;
      sides[who].results.push(result);
      sides[who].cpuSeconds += cpuSecondsOf(pid) - cpu;
      if (result.errors || result.non2xx || result.badBodies)
        errors.push(`peer ${name} (${who}): ${result.errors} errors, ${result.non2xx} non-2xx, ${result.badBodies} bad bodies`);
    };
    await once("ours", s.warmupS, false);
    await once("theirs", s.warmupS, false);
    // A B B A …: drift on a shared machine falls on both sides alike
    for (let i = 0; i < rounds; i++) {
      const order: Array<"ours" | "theirs"> = i % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"];
      for (const who of order) await once(who, s.durationS, true);
    }
    const server = sideOf(sides.ours);
    const floor = sideOf(sides.theirs);
    const ratio = server.perSecond / floor.perSecond;
    log(
      `peer ${name}: ${server.perSecond.toFixed(1)} vs PostGraphile ${floor.perSecond.toFixed(1)} req/s (ratio ${ratio.toFixed(2)}), Node CPU ${server.nodeCpuMs?.toFixed(2)} vs ${floor.nodeCpuMs?.toFixed(2)} ms/req`,
    );
    out.push({
      name: `vs PostGraphile: ${name}`,
      unit: "req/s",
      server,
      floor,
      ratio,
      sqlPerRequest: null,
      cost: null,
      connections,
      note: `median of ${rounds} alternating rounds per side; floor = PostGraphile v5 (amber); Node CPU ms/req ours ${server.nodeCpuMs?.toFixed(2)} / theirs ${floor.nodeCpuMs?.toFixed(2)}`,
      serverPeakMBAfter: memoryOf(s.server.pid).peakMB,
      targets: [
        { label: "throughput ≥ 1.0× PostGraphile", pass: ratio >= 1 },
        { label: "Node CPU/req ≤ PostGraphile's", pass: (server.nodeCpuMs ?? Infinity) <= (floor.nodeCpuMs ?? 0) },
      ],
      raw: { rounds: { ours: sides.ours.results, theirs: sides.theirs.results } },
    });
  }
  return out;
}
