import { DataSource } from "typeorm";
import { Tx, writeTransaction } from "../database/write";
import { Viewer } from "../access/viewer";
import { loadConfig } from "../config";
import { createContext } from "../context";
import { encodeGlobalId } from "../common/global-id";
import { GateNotMetError } from "../errors";
import { Initiative } from "../initiative/initiative.entity";
import { PlanTranchesInput, RecordDecisionInput } from "../decision/decision.inputs";
import { initiativeSignals, planTranches, recordDecision } from "../decision/decision.service";
import { DecisionKind } from "../decision/stage-moves";
import { SignalKind, SignalState } from "../prioritization/prioritization.types";
import { valueTime } from "../value/as-of";
import {
  CORRECTIONS,
  DAY,
  DEMO_SOURCE,
  DemoHypothesis,
  DemoMetric,
  DemoStatus,
  HYPOTHESES,
  INITIATIVES,
  SCORES,
  METRICS,
  PORTFOLIOS,
  SeriesPlan,
  clamp,
  generateSeries,
  round,
  startOfDay,
  trendAt,
  valueDp,
} from "./demo-data";

/**
 * The demo dataset: builds it in memory from the tables in demo-data.ts (pure and
 * deterministic for a given `now`), then writes it in one transaction with set-based SQL.
 */

const ROWS_PER_INSERT = 10_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface DemoOptions {
  /** The instant the dataset is built around (default: now). Same `now`, same data. */
  now?: Date;
  /**
   * 1 for the first copy. A further copy (n > 1) gets metric keys suffixed `-n` and a root
   * named "Acme Group (demo n)", since metric keys are unique across the database.
   */
  instance?: number;
}

export interface DemoCounts {
  portfolios: number;
  initiatives: number;
  metrics: number;
  hypotheses: number;
  measurements: number;
  revisions: number;
  /** Recorded through the decision service after the bulk load. */
  decisions?: number;
}

export interface DemoPlan {
  portfolios: Array<{ name: string; parent: string | null; owner: string; budget: number; description: string; depth: number }>;
  initiatives: Array<{
    name: string;
    portfolio: string;
    stage: string;
    owner: string;
    sponsor: string;
    budget: number | null;
    actualCost: number | null;
    startDate: string | null;
    targetDate: string | null;
    tags: string[];
    description: string;
    createdAt: number;
  }>;
  metrics: Array<DemoMetric & { createdAt: number }>;
  series: SeriesPlan[];
  /** Measurements first stored with `wrong`, then corrected to `value`. */
  corrections: Array<{ key: string; observedAt: number; wrong: number; value: number; note: string; recordedAt: number }>;
  hypotheses: Array<{
    initiative: string;
    metricKey: string;
    statement: string;
    baseline: number;
    baselineAt: number;
    target: number;
    targetDate: number;
    weight: number;
    benefit: number;
    state: string;
    status?: DemoStatus;
  }>;
}

export function demoMetricKey(baseKey: string, instance = 1): string {
  return instance > 1 ? `${baseKey}-${instance}` : baseKey;
}

function statusOf(c: number | null, b: number, t: number, e: number, past: boolean): DemoStatus {
  if (c === null) return "NO_DATA";
  const r = (c - b) / (t - b);
  if (r >= 1) return "ACHIEVED";
  if (past) return "MISSED";
  if (r >= e - 0.1) return "ON_TRACK";
  return r >= e - 0.25 ? "AT_RISK" : "OFF_TRACK";
}

/** The progress ratio that puts a hypothesis safely inside its designed status band. */
function designedRatio(h: DemoHypothesis, e: number): number {
  if (h.r !== undefined) return h.r;
  switch (h.status) {
    case "ACHIEVED":
      return 1.12;
    case "MISSED":
      return 0.6;
    case "ON_TRACK":
      return Math.min(e + 0.04, 0.94);
    case "AT_RISK":
      return e - 0.17;
    default:
      throw new Error(`demo data: ${h.initiative} / ${h.metric} needs a target or a ratio`);
  }
}

/** One formatter per precision: building an Intl.NumberFormat per call dominates plan time. */
const formatters = new Map<number, Intl.NumberFormat>();

function format(x: number, m: DemoMetric): string {
  const d = Math.max(m.dp, 0);
  if (!formatters.has(d)) formatters.set(d, new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }));
  const n = formatters.get(d)!.format(x);
  return m.unit === "%" ? `${n}%` : `${n} ${m.unit}`;
}

const formatDate = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/**
 * Builds the whole dataset in memory. Hypothesis targets are derived from the generated
 * measurements and the designed status, then checked: a design mistake in demo-data.ts
 * throws here instead of showing a demo with a wrong-side target or a missing status.
 */
export function buildDemoPlan(now: Date, instance = 1): DemoPlan {
  const nowMs = now.getTime();
  const day0 = startOfDay(nowMs);
  const depth = (name: string): number => {
    const p = PORTFOLIOS.find((x) => x.name === name)?.parent;
    return p ? depth(p) + 1 : 0;
  };
  const renamed = (name: string) => (instance > 1 && !PORTFOLIOS.find((p) => p.name === name)?.parent ? `${name} (demo ${instance})` : name);
  const portfolios = PORTFOLIOS.map((p) => ({ ...p, name: renamed(p.name), parent: p.parent ? renamed(p.parent) : null, depth: depth(p.name) }));

  const initiatives = INITIATIVES.map((i) => ({
    ...i,
    portfolio: renamed(i.portfolio),
    startDate: i.start === null ? null : isoDate(day0 + i.start * DAY),
    targetDate: i.target === null ? null : isoDate(day0 + i.target * DAY),
    createdAt: day0 - (i.start === null ? 20 : Math.max(30, 30 - i.start)) * DAY,
  }));

  const series = new Map<string, SeriesPlan>();
  const metrics = METRICS.map((m) => {
    const key = demoMetricKey(m.key, instance);
    const s = generateSeries(m, key, now);
    series.set(m.key, s);
    return { ...m, key, portfolio: renamed(m.portfolio), createdAt: s.times[0] - 7 * DAY };
  });

  const corrections = CORRECTIONS.map((c) => {
    const s = series.get(c.metric)!;
    const i = s.times.findLastIndex((t) => t <= nowMs - c.daysAgo * DAY);
    const m = METRICS.find((x) => x.key === c.metric)!;
    return {
      key: s.key,
      observedAt: s.times[i],
      value: s.values[i],
      wrong: round(s.values[i] * c.wrongBy, valueDp(m)),
      note: c.note,
      recordedAt: s.times[i] + 3 * DAY,
    };
  });

  const hypotheses = HYPOTHESES.map((h) => {
    const m = METRICS.find((x) => x.key === h.metric)!;
    const s = series.get(h.metric)!;
    const where = `demo data: ${h.initiative} / ${h.metric}`;
    const baselineAt = day0 - h.since * DAY;
    const targetDate = day0 + h.by * DAY;
    const better = m.direction === "INCREASE" ? 1 : -1;
    const b = round(trendAt(m.trend, h.since), m.dp);
    const last = s.times.findLastIndex((t) => t >= baselineAt && t <= nowMs);
    const c = last >= 0 ? s.values[last] : null;
    const e = clamp((nowMs - baselineAt) / (targetDate - baselineAt), 0, 1);
    let target = h.target;
    if (target === undefined) {
      if (c === null) throw new Error(`${where}: no measurement to derive a target from`);
      const r = designedRatio(h, e);
      // the KPI must have moved beyond its noise, the way the designed status says
      if (Math.sign((c - b) * better) !== Math.sign(r) || Math.abs(c - b) < 2 * m.sd * Math.abs(b)) {
        throw new Error(`${where}: the trend does not support ${h.status} (baseline ${b}, current ${c})`);
      }
      target = round(b + (c - b) / r, m.dp);
    }
    if ((target - b) * better <= 0) throw new Error(`${where}: target ${target} is not on the better side of ${b}`);
    if (target < 0 || target > (m.max ?? Infinity)) throw new Error(`${where}: target ${target} is out of range`);
    const status = statusOf(c, b, target, e, nowMs > targetDate);
    if (h.status && status !== h.status) throw new Error(`${where}: designed ${h.status} but computes ${status}`);
    const statement = `We believe that ${h.initiative} will move ${lowerFirst(m.name)} from ${format(b, m)} to ${format(target, m)} by ${formatDate(targetDate)}, because ${h.because}.`;
    return {
      initiative: h.initiative,
      metricKey: s.key,
      statement,
      baseline: b,
      baselineAt,
      target,
      targetDate,
      weight: h.weight ?? 1,
      benefit: h.benefit,
      state: h.state ?? "ACTIVE",
      status: h.status,
    };
  });

  return { portfolios, initiatives, metrics, series: [...series.values()], corrections, hypotheses };
}

const iso = (t: number) => new Date(t).toISOString();

/** [column, Postgres type, value of a row, optional wrapper around the unnested column]. */
type Column<T> = [string, string, (row: T) => unknown, ((c: string) => string)?];

/** One INSERT … SELECT FROM unnest(arrays) for all rows: set-based, whatever their number. */
async function insertRows<T>(tx: Tx, table: string, columns: Column<T>[], rows: T[], returning = ""): Promise<any[]> {
  const names = columns.map(([name]) => name).join(", ");
  const select = columns.map(([, , , wrap], i) => (wrap ? wrap(`c${i}`) : `c${i}`)).join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  return tx.query(
    `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${arrays}) AS u(${aliases})${returning && ` RETURNING ${returning}`}`,
    columns.map(([, , get]) => rows.map(get)),
  );
}

async function insertPlan(tx: Tx, plan: DemoPlan, now: Date): Promise<DemoCounts> {
  const at = now.toISOString();
  const portfolioIds = new Map<string, string>();
  // level by level, so every parent's id is known before its children go in
  for (let d = 0; plan.portfolios.some((p) => p.depth === d); d++) {
    const level = plan.portfolios.filter((p) => p.depth === d);
    const rows = await insertRows(
      tx,
      "portfolio",
      [
        ["name", "text", (p) => p.name],
        ["description", "text", (p) => p.description],
        ["owner", "text", (p) => p.owner],
        ["parent_id", "uuid", (p) => (p.parent ? portfolioIds.get(p.parent) : null)],
        ["budget", "numeric", (p) => p.budget],
        ["created_at", "timestamptz", () => iso(startOfDay(now.getTime()) - 760 * DAY)],
        // known since it was created, so the demo can be read as known at any day of its history
        ["known_from", "timestamptz", () => iso(startOfDay(now.getTime()) - 760 * DAY)],
        ["updated_at", "timestamptz", () => at],
      ],
      level,
      "id, name",
    );
    for (const r of rows) portfolioIds.set(r.name, r.id);
  }

  const initiativeRows = await insertRows(
    tx,
    "initiative",
    [
      ["portfolio_id", "uuid", (i) => portfolioIds.get(i.portfolio)],
      ["name", "text", (i) => i.name],
      ["description", "text", (i) => i.description],
      ["owner", "text", (i) => i.owner],
      ["sponsor", "text", (i) => i.sponsor],
      ["stage", "text", (i) => i.stage],
      ["budget", "numeric", (i) => i.budget],
      ["actual_cost", "numeric", (i) => i.actualCost],
      ["start_date", "date", (i) => i.startDate],
      ["target_date", "date", (i) => i.targetDate],
      // unnest flattens a 2-D array, so tags travel as one comma-joined string per row
      ["tags", "text", (i) => i.tags.join(","), (c) => `string_to_array(${c}, ',')`],
      ["business_value", "int", (i) => SCORES[i.name].wsjf[0]],
      ["time_criticality", "int", (i) => SCORES[i.name].wsjf[1]],
      ["risk_reduction", "int", (i) => SCORES[i.name].wsjf[2]],
      ["job_size", "int", (i) => SCORES[i.name].wsjf[3]],
      ["reach", "float8", (i) => SCORES[i.name].rice[0]],
      ["impact", "float8", (i) => SCORES[i.name].rice[1]],
      ["confidence", "float8", (i) => SCORES[i.name].rice[2]],
      ["effort", "float8", (i) => SCORES[i.name].rice[3]],
      ["created_at", "timestamptz", (i) => iso(i.createdAt)],
      // known since it was created, so the demo can be read as known at any day of its history
      ["known_from", "timestamptz", (i) => iso(i.createdAt)],
      ["updated_at", "timestamptz", () => at],
    ],
    plan.initiatives,
    "id, name",
  );
  const initiativeIds = new Map<string, string>(initiativeRows.map((r) => [r.name, r.id]));

  const metricRows = await insertRows(
    tx,
    "metric",
    [
      ["key", "text", (m) => m.key],
      ["name", "text", (m) => m.name],
      ["description", "text", (m) => m.description],
      ["unit", "text", (m) => m.unit],
      ["direction", "text", (m) => m.direction],
      ["aggregation", "text", (m) => m.aggregation],
      ["cadence", "text", (m) => m.cadence],
      ["portfolio_id", "uuid", (m) => portfolioIds.get(m.portfolio)],
      ["created_at", "timestamptz", (m) => iso(m.createdAt)],
      // known since it was created, so the demo can be read as known at any day of its history
      ["known_from", "timestamptz", (m) => iso(m.createdAt)],
      ["updated_at", "timestamptz", () => at],
    ],
    plan.metrics,
    "id, key",
  );
  const metricIds = new Map<string, string>(metricRows.map((r) => [r.key, r.id]));

  await insertRows(
    tx,
    "outcome_hypothesis",
    [
      ["initiative_id", "uuid", (h) => initiativeIds.get(h.initiative)],
      ["metric_id", "uuid", (h) => metricIds.get(h.metricKey)],
      ["statement", "text", (h) => h.statement],
      ["baseline", "float8", (h) => h.baseline],
      ["baseline_at", "timestamptz", (h) => iso(h.baselineAt)],
      ["target", "float8", (h) => h.target],
      ["target_date", "timestamptz", (h) => iso(h.targetDate)],
      ["weight", "float8", (h) => h.weight],
      ["expected_benefit", "numeric", (h) => h.benefit],
      ["state", "text", (h) => h.state],
      ["created_at", "timestamptz", (h) => iso(Math.min(h.baselineAt + DAY, now.getTime()))],
      // known since it was created, so the demo can be read as known at any day of its history
      ["known_from", "timestamptz", (h) => iso(Math.min(h.baselineAt + DAY, now.getTime()))],
      ["updated_at", "timestamptz", () => at],
    ],
    plan.hypotheses,
  );

  // The corrected observations are first stored wrong, so the UPDATE below leaves revisions.
  const wrong = new Map(plan.corrections.map((c) => [`${c.key}@${c.observedAt}`, c.wrong]));
  const rows = plan.series.flatMap((s) =>
    s.times.map((t, i) => ({ metricId: metricIds.get(s.key), t, value: wrong.get(`${s.key}@${t}`) ?? s.values[i] })),
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await insertRows(
      tx,
      "measurement",
      [
        ["metric_id", "uuid", (r) => r.metricId],
        ["observed_at", "timestamptz", (r) => iso(r.t)],
        ["value", "float8", (r) => r.value],
        ["source", "text", () => DEMO_SOURCE],
        ["recorded_by", "text", () => DEMO_SOURCE],
        ["recorded_at", "timestamptz", (r) => iso(Math.min(r.t + 3_600_000, now.getTime()))],
      ],
      rows.slice(i, i + ROWS_PER_INSERT),
    );
  }
  const cor = plan.corrections;
  await tx.query(
    `UPDATE measurement m SET value = c.value, note = c.note, recorded_at = c.recorded_at, recorded_by = 'RMO data steward'
     FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::text[], $5::timestamptz[]) AS c(metric_id, observed_at, value, note, recorded_at)
     WHERE m.metric_id = c.metric_id AND m.observed_at = c.observed_at AND m.source = $6`,
    [
      cor.map((c) => metricIds.get(c.key)),
      cor.map((c) => iso(c.observedAt)),
      cor.map((c) => c.value),
      cor.map((c) => c.note),
      cor.map((c) => iso(c.recordedAt)),
      DEMO_SOURCE,
    ],
  );

  const counts = {
    portfolios: portfolioIds.size,
    initiatives: initiativeIds.size,
    metrics: metricIds.size,
    hypotheses: plan.hypotheses.length,
    measurements: rows.length,
    revisions: cor.length,
  };
  // a set-based load with backdated rows: one change for the whole dataset, on the write path
  await tx.recordChange({
    entity: "DemoDataset",
    table: "portfolio",
    id: String(now.getTime()),
    operation: "CREATE",
    version: null,
    before: null,
    after: null,
    summary: counts,
  });
  return counts;
}

/**
 * The demo's decisions, recorded through the decision service like any other (so their
 * evidence is real): a CONTINUE taken 45 days ago whose review is now overdue (REVIEW_DUE),
 * a PIVOT today that acknowledges an open signal, an APPROVE through the default gate, and
 * funding tranches planned (not released) on an APPROVED initiative, whose START the gate
 * refuses until one is released (the README's walkthrough).
 */
async function recordDemoDecisions(dataSource: DataSource, plan: DemoPlan, now: Date): Promise<number> {
  const viewer: Viewer = { kind: "system", subject: "demo-data", name: "RMO demo", admin: true };
  const ctx = createContext(loadConfig(), dataSource, viewer, "seed-decisions");
  // this load's initiatives: those below its root (a further copy has a root of its own name)
  const rows: Array<{ id: string; name: string; stage: string; portfolio_id: string }> = await dataSource.query(
    `WITH RECURSIVE sub(id) AS (
       (SELECT id FROM portfolio WHERE name = $1 AND parent_id IS NULL ORDER BY created_at DESC, id LIMIT 1)
       UNION ALL SELECT p.id FROM portfolio p JOIN sub ON p.parent_id = sub.id)
     SELECT id, name, stage, portfolio_id FROM initiative WHERE portfolio_id IN (SELECT id FROM sub) ORDER BY name, id`,
    [plan.portfolios.find((p) => p.parent === null)!.name],
  );
  const gid = (id: string) => encodeGlobalId("Initiative", id);
  // the backfilled decision sits in the demo's history; today's are taken now (a test's `now` may be another day)
  const day = (n: number) => new Date(startOfDay(now.getTime()) + n * DAY).toISOString().slice(0, 10);
  const fromToday = (n: number) => new Date(startOfDay(ctx.now.getTime()) + n * DAY).toISOString().slice(0, 10);
  const input = (initiativeId: string, kind: DecisionKind, rationale: string, reviewBy: string | null, acknowledges: SignalKind[] = []) =>
    Object.assign(new RecordDecisionInput(), { initiativeId: gid(initiativeId), kind, rationale, reviewBy, acknowledges, trancheIds: [] });
  let n = 0;
  const inDelivery = rows.filter((r) => r.stage === "IN_DELIVERY");
  // 45 days ago: carry on, review in a month; nobody came back to it
  if (inDelivery[0]) {
    const at = new Date(startOfDay(now.getTime()) - 45 * DAY + 10 * 3_600_000);
    await recordDecision(ctx, input(inDelivery[0].id, DecisionKind.CONTINUE, "On plan at the quarterly review; look again in a month.", day(-15)), {
      decidedAt: at,
    });
    n++;
  }
  // today: answer an open signal on another initiative in delivery
  for (const r of inDelivery.slice(1)) {
    const subject = Object.assign(new Initiative(), { rowId: r.id, portfolioId: r.portfolio_id });
    const open = (await initiativeSignals(ctx, subject, valueTime(ctx, null, null), null, [SignalState.OPEN]))[0];
    if (!open) continue;
    await recordDecision(
      ctx,
      input(r.id, DecisionKind.PIVOT, `Answering ${open.kind}: narrow the scope to the channel that moves the KPI.`, fromToday(60), [open.kind]),
    );
    n++;
    break;
  }
  // today: approve the first proposal that passes the default gate
  for (const r of rows.filter((x) => x.stage === "PROPOSED")) {
    try {
      await recordDecision(ctx, input(r.id, DecisionKind.APPROVE, "Funded at the portfolio board: outcome and benefit are stated.", fromToday(90)));
      n++;
      break;
    } catch (e) {
      if (!(e instanceof GateNotMetError)) throw e;
    }
  }
  // today: move the first that passes its gate to the next stage (DELIVER, then CLOSE)
  for (const [stage, kind, rationale] of [
    ["IN_DELIVERY", DecisionKind.DELIVER, "Rolled out everywhere; the outcomes are now measured in production."],
    ["DELIVERED", DecisionKind.CLOSE, "Every hypothesis has its verdict; nothing left to learn here."],
  ] as const) {
    for (const r of rows.filter((x) => x.stage === stage && x.id !== inDelivery[0]?.id)) {
      try {
        await recordDecision(ctx, input(r.id, kind, rationale, kind === DecisionKind.CLOSE ? null : fromToday(90)));
        n++;
        break;
      } catch (e) {
        if (!(e instanceof GateNotMetError)) throw e;
      }
    }
  }
  // funding in two tranches for an approved initiative: START needs one released
  const approved = rows.find((r) => r.stage === "APPROVED");
  if (approved) {
    await planTranches(
      ctx,
      Object.assign(new PlanTranchesInput(), {
        initiativeId: gid(approved.id),
        add: [
          { amount: 150_000, plannedDate: day(14) },
          { amount: 250_000, plannedDate: day(120) },
        ],
        cancel: [],
      }),
    );
  }
  return n;
}

/** Loads the demo dataset in one transaction; see DemoOptions for `now` and `instance`. */
export async function seedDemo(dataSource: DataSource, log: (m: string) => void, options: DemoOptions = {}): Promise<DemoCounts> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const plan = buildDemoPlan(now, options.instance ?? 1);
  const actor = { kind: "SYSTEM", id: "demo-data", requestId: "seed" };
  const counts = await writeTransaction(dataSource, actor, (tx) => insertPlan(tx, plan, now));
  const decisions = await recordDemoDecisions(dataSource, plan, now);
  log(
    `Demo data loaded in ${Date.now() - started} ms: ${counts.portfolios} portfolios, ${counts.initiatives} initiatives, ` +
      `${counts.metrics} metrics, ${counts.hypotheses} hypotheses, ${counts.measurements} measurements, ${counts.revisions} corrections, ` +
      `${decisions} decisions`,
  );
  return { ...counts, decisions };
}

/** Loads the demo dataset when the database holds no portfolio yet. */
export async function seedDemoIfEmpty(dataSource: DataSource, log: (m: string) => void): Promise<boolean> {
  const [{ n }] = await dataSource.query("SELECT count(*)::int AS n FROM portfolio");
  if (n > 0) return false;
  log("Empty database: loading the demo dataset (RMO_DEMO_DATA=false turns this off)");
  await seedDemo(dataSource, log);
  return true;
}

/** The first instance number whose metric keys are all free, for a copy beside existing data. */
export async function freeDemoInstance(dataSource: DataSource): Promise<number> {
  for (let n = 1; ; n++) {
    const [{ taken }] = await dataSource.query(`SELECT count(*)::int AS taken FROM metric WHERE key = ANY($1::text[])`, [
      METRICS.map((m) => demoMetricKey(m.key, n)),
    ]);
    if (taken === 0) return n;
  }
}
