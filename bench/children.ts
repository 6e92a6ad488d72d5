/**
 * The two child processes under load: the built API server (`node dist/src/main.js`, production
 * mode) and the floor server (floor-server.ts), with what /proc tells about them: peak and
 * current resident memory, and CPU time (to split a run's CPU between Node and Postgres).
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ScenarioParams } from "./scenarios";
import { freePort } from "../src/database/embedded";

const DIST = path.resolve(__dirname, "..");
const CLK_TCK = 100;

export interface Child {
  name: string;
  pid: number;
  port: number;
  process: ChildProcess;
  /** The last lines the child printed (shown when it fails). */
  output: string[];
  stop(): Promise<void>;
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv, port: number | null): Child {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) output.push(line);
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    pid: child.pid!,
    port: port ?? 0,
    process: child,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitFor(child: Child, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) break;
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  await child.stop();
  throw new Error(`${child.name} did not become ready:\n${child.output.slice(-30).join("\n")}`);
}

export interface ServerOptions {
  url: string;
  poolSize: number;
  maxCost: number;
  cpuProfDir: string | null;
  nodeArgs: string[];
  /** RMO_SQL_STATS: on for the verification server only (it costs the timed server CPU). */
  sqlStats: boolean;
}

export async function startApiServer(o: ServerOptions): Promise<Child & { token: string }> {
  const port = await freePort();
  const token = `bench-${randomBytes(24).toString("hex")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: o.url,
    PORT: String(port),
    RMO_SQL_STATS: o.sqlStats ? "1" : "0",
    RMO_BOOTSTRAP_TOKEN: token,
    RMO_MAX_COST: String(o.maxCost),
    RMO_DB_POOL_SIZE: String(o.poolSize),
    RMO_DEMO_DATA: "0",
    RMO_LOG_SQL: "0",
  };
  const args = [...o.nodeArgs, ...(o.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(o.cpuProfDir)}`] : [])];
  const child = start("API server", [...args, path.join(DIST, "src", "main.js")], env, port);
  await waitFor(child, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);
  return { ...child, token };
}

export async function startFloorServer(url: string, poolSize: number, params: ScenarioParams): Promise<Child> {
  const env = { ...process.env, BENCH_FLOOR: JSON.stringify({ url, poolSize, params }) };
  const child = start("floor server", [path.join(DIST, "bench", "floor-server.js")], env, null);
  await waitFor(child, async () => child.output.some((l) => l.startsWith("FLOOR_READY")), 30_000);
  child.port = Number(child.output.find((l) => l.startsWith("FLOOR_READY"))!.split(" ")[1]);
  return child;
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB. */
export function memoryOf(pid: number): { peakMB: number; rssMB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { peakMB: kb("VmHWM") / 1024, rssMB: kb("VmRSS") / 1024 };
}

/** User + system CPU seconds a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by the Postgres backends serving the bench database (from
 * pg_stat_activity, so other databases and clusters on a shared machine do not count).
 * A backend that ends during a run takes its CPU with it; the pools keep theirs open.
 */
export class PostgresCpu {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresCpu> {
    const client = new pg.Client({ connectionString: url, application_name: "rmo-bench-monitor" });
    await client.connect();
    return new PostgresCpu(client);
  }

  /** CPU seconds per backend pid. */
  async snapshot(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return new Map(rows.map((r) => [r.pid, cpuSecondsOf(r.pid)]));
  }

  static delta(before: Map<number, number>, after: Map<number, number>): number {
    let total = 0;
    for (const [pid, s] of after) total += Math.max(0, s - (before.get(pid) ?? 0));
    return total;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
