/**
 * What the partitioning tests share: the statements a request really sends (seen through the
 * data source's logger, parameters included), the relations their plans read, and
 * fingerprints of the measurement store and of everything history keeps.
 */
import { DataSource } from "typeorm";
import type { TestApp } from "../support/app";

export const RECORD = `mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted updated unchanged rejected { index code } } }`;
export const RETRACT = `mutation($input: RetractMeasurementsInput!) { retractMeasurements(input: $input) { retracted } }`;

export interface Statement {
  text: string;
  values: unknown[];
}

/** Runs `fn` and returns what it resolved to and every statement the data source sent meanwhile. */
export async function withStatements<T>(app: TestApp, fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const logger = app.dataSource.logger;
  const logQuery = logger.logQuery;
  const statements: Statement[] = [];
  logger.logQuery = function (this: typeof logger, query, parameters, queryRunner) {
    statements.push({ text: query, values: Array.isArray(parameters) ? parameters : [] });
    return logQuery.call(this, query, parameters, queryRunner);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    logger.logQuery = logQuery;
  }
}

interface PlanNode {
  "Relation Name"?: string;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

/**
 * The measurement tables and partitions a statement's plan actually reads: partitions pruned
 * when it was planned are not in the plan, those pruned while it ran were never executed.
 */
export async function partitionsRead(ds: DataSource, statement: Statement): Promise<string[]> {
  const [row] = await ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values);
  const read = new Set<string>();
  const walk = (node: PlanNode) => {
    const name = node["Relation Name"];
    if (name?.startsWith("measurement") && (node["Actual Loops"] ?? 0) > 0) read.add(name);
    node.Plans?.forEach(walk);
  };
  walk(row["QUERY PLAN"][0].Plan);
  return [...read].sort();
}

/** Row count and an md5 of every row, in id order. */
export async function tableFingerprint(ds: DataSource, table: "measurement" | "measurement_revision"): Promise<{ rows: number; md5: string }> {
  const [row] = await ds.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS md5 FROM ${table} t`);
  return row;
}

/** Rows in `change` and in every `*_history` table: a storage move must add none. */
export async function keptStates(ds: DataSource): Promise<number> {
  const tables: Array<{ name: string }> = await ds.query(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND (relname = 'change' OR relname LIKE '%\\_history')`,
  );
  let n = 0;
  for (const { name } of tables) n += (await ds.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n;
  return n;
}

/** The partition each measurement of a metric (and each of its revisions) is stored in, by observedAt. */
export async function placement(ds: DataSource, metricRowId: string): Promise<{ measurements: string[][]; revisions: string[][] }> {
  const rows = (table: string) =>
    ds.query(
      `SELECT to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS at, tableoid::regclass::text AS part
         FROM ${table} WHERE metric_id = $1 ORDER BY observed_at, id`,
      [metricRowId],
    ) as Promise<Array<{ at: string; part: string }>>;
  return {
    measurements: (await rows("measurement")).map((r) => [r.at, r.part]),
    revisions: (await rows("measurement_revision")).map((r) => [r.at, r.part]),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An instant strictly between what was written before and what is written after. */
export async function mark(): Promise<string> {
  await sleep(5);
  const k = new Date().toISOString();
  await sleep(5);
  return k;
}
