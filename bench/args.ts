/**
 * Command-line options of `npm run bench` (after `--`):
 *   --quick                 small scale and short runs (under two minutes)
 *   --scale=quick|default   dataset size preset
 *   --portfolios=N --initiatives=N --hypotheses=N --metrics=N --measurements=N
 *                           explicit counts (override the preset)
 *   --duration=S --warmup=S seconds of load per run and of warm-up before it
 *   --connections=N         connections for dashboard, rollup and series (default 10)
 *   --report-connections=N  concurrent walkers of the value report (default 4)
 *   --ingest-clients=N --ingest-batches=N --batch-size=N
 *                           ingestion: clients, batches per client, rows per batch
 *   --only=a,b              run only these scenarios (dashboard,rollup,series,report,export,ingestion,knownAt;
 *                           partition, issue 16's in-place conversion on a database of its own, only when named)
 *   --keep                  keep the database (and the embedded data directory) at the end
 *   --cpu-prof[=DIR]        run the server child under `node --cpu-prof` (profile written to DIR,
 *                           default <tmp>/rmo-bench-cpu-prof) and print a summary at the end
 *   --server-node-args="…"  extra node flags for the API server child (e.g. --max-semi-space-size=64)
 *   --no-knapsack           skip the knapsack timing
 *   --peer=postgraphile     also ask PostGraphile v5 the four peer questions on the same database
 *                           (../shared/peers/postgraphile, or RMO_PEER_POSTGRAPHILE_DIR), verified
 *                           equal first, timed in alternating rounds; skipped with a message when
 *                           it cannot be started
 *   --peer-rounds=N         rounds per side and question (default 4: A B B A A B B A …)
 *   --cluster               instead of the above: dashboard and report on one API process vs the local
 *                           cluster (two API processes, replica, PgBouncer, HAProxy), with the CPU split
 *                           (bench/cluster.ts; needs what `npm run cluster` needs)
 */

import os from "node:os";
import path from "node:path";

export const SCENARIOS = ["dashboard", "rollup", "series", "report", "export", "ingestion", "knownAt"] as const;
/** Run only when named in --only: the partition conversion builds a second dataset (bench/partition.ts). */
export const NAMED_ONLY_SCENARIOS = ["partition"] as const;
export type ScenarioName = (typeof SCENARIOS)[number] | (typeof NAMED_ONLY_SCENARIOS)[number];

export interface Scale {
  portfolios: number;
  initiatives: number;
  hypotheses: number;
  metrics: number;
  measurements: number;
}

export interface Options {
  scaleName: string;
  scale: Scale;
  durationS: number;
  warmupS: number;
  connections: number;
  reportConnections: number;
  ingestClients: number;
  ingestBatches: number;
  batchSize: number;
  only: ScenarioName[];
  keep: boolean;
  cpuProfDir: string | null;
  serverNodeArgs: string[];
  knapsack: boolean;
  peer: "postgraphile" | null;
  peerRounds: number;
  cluster: boolean;
}

export const SCALES: Record<string, Scale> = {
  default: { portfolios: 20, initiatives: 2_000, hypotheses: 6_000, metrics: 1_000, measurements: 1_000_000 },
  quick: { portfolios: 6, initiatives: 300, hypotheses: 900, metrics: 100, measurements: 100_000 },
};

function positiveInt(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got "${raw}")`);
  return n;
}

function positiveNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${raw}")`);
  return n;
}

export function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument "${arg}" (see bench/args.ts)`);
    flags.set(m[1], m[2] ?? "true");
  }
  const known = new Set([
    "quick",
    "scale",
    "portfolios",
    "initiatives",
    "hypotheses",
    "metrics",
    "measurements",
    "duration",
    "warmup",
    "connections",
    "report-connections",
    "ingest-clients",
    "ingest-batches",
    "batch-size",
    "only",
    "keep",
    "cpu-prof",
    "server-node-args",
    "no-knapsack",
    "peer",
    "peer-rounds",
    "cluster",
  ]);
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`Unknown option --${name} (see bench/args.ts)`);

  const quick = flags.has("quick");
  const scaleName = flags.get("scale") ?? (quick ? "quick" : "default");
  const preset = SCALES[scaleName];
  if (!preset) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(", ")} (got "${scaleName}")`);
  const scale: Scale = { ...preset };
  for (const key of Object.keys(scale) as (keyof Scale)[]) {
    const raw = flags.get(key);
    if (raw !== undefined) scale[key] = positiveInt(key, raw);
  }
  if (scale.portfolios < 2) throw new Error("--portfolios must be at least 2 (a root and one child)");
  const custom = Object.keys(scale).some((k) => flags.has(k));

  const get = (name: string, fallback: number, parse = positiveInt) => {
    const raw = flags.get(name);
    return raw === undefined ? fallback : parse(name, raw);
  };
  const only = (flags.get("only")?.split(",") ?? [...SCENARIOS]).map((s) => s.trim()) as ScenarioName[];
  const scenarioNames: readonly string[] = [...SCENARIOS, ...NAMED_ONLY_SCENARIOS];
  for (const s of only) if (!scenarioNames.includes(s)) throw new Error(`--only: unknown scenario "${s}"`);
  const cpuProf = flags.get("cpu-prof");
  return {
    scaleName: custom ? `${scaleName}+custom` : scaleName,
    scale,
    durationS: get("duration", quick ? 3 : 10, positiveNumber),
    warmupS: get("warmup", quick ? 1 : 2, positiveNumber),
    connections: get("connections", 10),
    reportConnections: get("report-connections", quick ? 2 : 4),
    ingestClients: get("ingest-clients", 4),
    ingestBatches: get("ingest-batches", quick ? 2 : 10),
    batchSize: get("batch-size", 5_000),
    only,
    keep: flags.has("keep"),
    cpuProfDir: cpuProf === undefined ? null : cpuProf === "true" ? path.join(os.tmpdir(), "rmo-bench-cpu-prof") : cpuProf,
    serverNodeArgs: (flags.get("server-node-args") ?? "").split(/\s+/).filter(Boolean),
    knapsack: !flags.has("no-knapsack"),
    peer: peerOf(flags.get("peer")),
    peerRounds: get("peer-rounds", 4),
    cluster: flags.has("cluster"),
  };
}

function peerOf(raw: string | undefined): "postgraphile" | null {
  if (raw === undefined) return null;
  if (raw === "postgraphile" || raw === "true") return "postgraphile";
  throw new Error(`--peer must be postgraphile (got "${raw}")`);
}
