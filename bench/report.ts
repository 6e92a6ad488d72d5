/**
 * The bench's output: a table on stdout and the whole run as JSON in bench/results/.
 */
import fs from "node:fs";
import path from "node:path";

export interface Target {
  label: string;
  pass: boolean;
}

export interface Side {
  /** Requests (pages, rows) per second. */
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  count: number;
  seconds: number;
  /** CPU milliseconds per request of the Node process answering, and of Postgres. */
  nodeCpuMs: number | null;
  pgCpuMs: number | null;
}

export interface ScenarioResult {
  name: string;
  unit: string;
  server: Side;
  floor: Side;
  ratio: number;
  sqlPerRequest: number | null;
  cost: number | null;
  connections: number;
  note: string;
  serverPeakMBAfter: number;
  targets: Target[];
  raw: Record<string, unknown>;
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  options: Record<string, unknown>;
  environment: Record<string, unknown>;
  dataset: Record<string, unknown>;
  verification: Record<string, unknown>[];
  scenarios: ScenarioResult[];
  knapsack: Record<string, unknown> | null;
  serverPeakMB: number | null;
  /** Issue 11: the later wave of changes after K, and the history tables' sizes (bench/known-at.ts). */
  history?: Record<string, unknown>;
  /** Issue 16: the in-place conversion to partitions (bench/partition.ts). */
  partition?: Record<string, unknown>;
  floorPeakMB: number | null;
  targets: Target[];
  errors: string[];
}

const num = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x)
    ? "-"
    : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    "| " + cells.map((c, i) => (i === 0 || i >= cells.length - 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  return [line(header), "| " + widths.map((w) => "-".repeat(w)).join(" | ") + " |", ...rows.map(line)].join("\n");
}

export function formatReport(r: RunReport): string {
  const rows = r.scenarios.map((s) => [
    s.name,
    `${num(s.server.perSecond, s.server.perSecond >= 1000 ? 0 : 1)} ${s.unit}`,
    num(s.floor.perSecond, s.floor.perSecond >= 1000 ? 0 : 1),
    num(s.ratio, 2),
    num(s.server.p50),
    num(s.server.p95),
    num(s.server.p99),
    s.sqlPerRequest === null ? "-" : String(s.sqlPerRequest),
    s.targets.map((t) => t.label).join("; "),
    s.targets.every((t) => t.pass) ? "PASS" : "FAIL",
  ]);
  if (r.knapsack) {
    const k = r.knapsack as { items: number; ms: number; heapMB: number; capacityUnits: number };
    rows.push([
      "knapsack",
      `${num(k.ms, 0)} ms`,
      "-",
      "-",
      "-",
      "-",
      "-",
      "-",
      `${k.items} candidates × ${k.capacityUnits.toLocaleString("en-US")} units, ${num(k.heapMB)} MB`,
      "info",
    ]);
  }
  if (r.serverPeakMB !== null) {
    const t = r.targets.find((x) => x.label.startsWith("server peak"));
    rows.push([
      "memory",
      `${num(r.serverPeakMB)} MB`,
      num(r.floorPeakMB),
      "-",
      "-",
      "-",
      "-",
      "-",
      t?.label ?? "",
      t ? (t.pass ? "PASS" : "FAIL") : "",
    ]);
  }
  const main = table(["scenario", "server", "floor", "ratio", "p50 ms", "p95 ms", "p99 ms", "SQL/req", "target", "result"], rows);
  const cpu = table(
    [
      "scenario",
      "conns",
      "server node ms/req",
      "server pg ms/req",
      "floor node ms/req",
      "floor pg ms/req",
      "floor p50 ms",
      "floor p95 ms",
      "note",
      "",
    ],
    r.scenarios.map((s) => [
      s.name,
      String(s.connections),
      num(s.server.nodeCpuMs, 2),
      num(s.server.pgCpuMs, 2),
      num(s.floor.nodeCpuMs, 2),
      num(s.floor.pgCpuMs, 2),
      num(s.floor.p50),
      num(s.floor.p95),
      s.note,
      "",
    ]),
  );
  const passed = r.targets.filter((t) => t.pass).length;
  return [
    main,
    "",
    "Where the CPU goes (CPU time per request from /proc, both sides of each ratio):",
    cpu,
    "",
    `Targets: ${passed} of ${r.targets.length} met.${r.errors.length ? ` Errors: ${r.errors.length}.` : ""}`,
  ].join("\n");
}

export function writeReport(r: RunReport, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.startedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + "\n");
  return file;
}
