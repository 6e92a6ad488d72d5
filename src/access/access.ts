import { DataSource } from "typeorm";
import { raw, Sql, sql } from "../database/sql";
import { ForbiddenError, NotFoundError } from "../errors";
import { PortfolioRole, ROLE_RANK } from "./roles";
import { Visibility } from "../common/visibility";
import { belowCte, subtreeOf } from "../common/portfolio-tree";
import { isPerson, Viewer } from "./viewer";

/** Tables whose rows belong to a portfolio, directly or through a parent row; every table a list or loader reads must be here. */
const SCOPED_TABLES = [
  "portfolio",
  "initiative",
  "metric",
  "outcome_hypothesis",
  "measurement",
  "portfolio_member",
  "scoring_model",
  "scenario",
  "api_token",
  "change",
  "decision",
  "funding_tranche",
] as const;
export type ScopedTable = (typeof SCOPED_TABLES)[number];
const SCOPED = new Set<string>(SCOPED_TABLES);

/** A membership's role as its rank (ROLE_RANK), in SQL. */
const RANK_SQL = raw(
  `CASE role ${Object.entries(ROLE_RANK)
    .map(([role, rank]) => `WHEN '${role}' THEN ${rank}`)
    .join(" ")} END`,
);

/**
 * What the caller may see and do, per request. Roles hold for the portfolio they are
 * granted on and everything below it, so the visible set is closed downwards: a rollup
 * over a visible portfolio's subtree only ever counts visible rows.
 * What a caller may not see does not exist for them (NOT_FOUND, null, left out of lists);
 * what they see but may not change is FORBIDDEN.
 */
export class Access implements Visibility {
  private visibleRoles?: Promise<Map<string, number>>;
  private tokenScope?: Promise<Set<string>>;

  constructor(
    readonly viewer: Viewer,
    private readonly dataSource: DataSource,
  ) {}

  /** Effective role rank per visible portfolio (one statement, once per request); null for admins. */
  private roles(): Promise<Map<string, number>> | null {
    if (this.viewer.admin) return null;
    if (!this.visibleRoles) {
      const granted = belowCte("granted", sql`SELECT portfolio_id, ${RANK_SQL} FROM portfolio_member WHERE subject = ${this.viewer.subject}`, [
        "rank",
      ]);
      const q = sql`WITH RECURSIVE ${granted} SELECT id, max(rank) AS rank FROM granted GROUP BY id`.toQuery();
      this.visibleRoles = this.dataSource
        .query(q.text, q.values)
        .then((rows: Array<{ id: string; rank: number }>) => new Map(rows.map((r) => [r.id, r.rank])));
    }
    return this.visibleRoles;
  }

  /** Row ids of the visible portfolios, or null when everything is visible. */
  async portfolioIds(): Promise<string[] | null> {
    const roles = await this.roles();
    return roles ? [...roles.keys()] : null;
  }

  async rank(portfolioRowId: string): Promise<number> {
    const roles = await this.roles();
    return roles ? (roles.get(portfolioRowId) ?? 0) : ROLE_RANK.OWNER;
  }

  /**
   * The caller must hold `role` on the portfolio: NOT_FOUND when they cannot see it,
   * FORBIDDEN when they can but their role is lower. API tokens change nothing but
   * measurements, whatever their creator may do.
   */
  async require(portfolioRowId: string, role: PortfolioRole, what: string, field?: string, seen = false): Promise<void> {
    const rank = await this.rank(portfolioRowId);
    // `seen`: the caller reached the object another way (a metric through a hypothesis)
    if (rank === 0 && !seen) throw new NotFoundError(`${what} not found`, field);
    this.requirePerson();
    if (rank < ROLE_RANK[role]) throw new ForbiddenError(`Changing this needs the ${role} role on the portfolio`);
  }

  /** Every portfolio at or below those an API token names (one statement, once per request). */
  tokenPortfolios(): Promise<Set<string>> {
    const roots = this.viewer.token?.portfolioRowIds ?? [];
    if (!roots.length) return Promise.resolve(new Set());
    if (!this.tokenScope) {
      const q = sql`SELECT id FROM ${subtreeOf(sql`${roots}::uuid[]`)} s`.toQuery();
      this.tokenScope = this.dataSource.query(q.text, q.values).then((rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id)));
    }
    return this.tokenScope;
  }

  requirePerson(): void {
    if (!isPerson(this.viewer)) throw new ForbiddenError("API tokens may read and record measurements, nothing else");
  }

  requireAdmin(what: string): void {
    if (!this.viewer.admin || !isPerson(this.viewer)) throw new ForbiddenError(`${what} needs a global admin`);
  }

  /** The condition that keeps a query over `table` (alias `alias`) to visible rows; null: no restriction. */
  async condition(table: string, alias = "t"): Promise<Sql | null> {
    // a table with no rule is a programming error, never "everything visible"
    if (!SCOPED.has(table)) throw new Error(`No visibility rule for table ${table}`);
    if (table === "api_token") return this.viewer.admin ? null : sql`${raw(alias)}.created_by = ${this.viewer.subject}`;
    if (table === "change") return this.viewer.admin ? null : this.auditable(alias);
    const ids = await this.portfolioIds();
    if (ids === null) return null;
    return visibleRows(table as Exclude<ScopedTable, "api_token" | "change">, alias, ids);
  }

  /**
   * Changes the caller may audit: those of objects whose portfolios they all OWN (roles hold
   * down the tree), and those of the API tokens they created.
   */
  private async auditable(alias: string): Promise<Sql> {
    const roles = (await this.roles()) ?? new Map<string, number>();
    const owned = [...roles].filter(([, rank]) => rank >= ROLE_RANK.OWNER).map(([id]) => id);
    const a = raw(alias);
    return sql`((cardinality(${a}.portfolio_ids) > 0 AND ${a}.portfolio_ids <@ ${owned}::uuid[]) OR ${a}.owner_subject = ${this.viewer.subject})`;
  }
}

function visibleRows(table: Exclude<ScopedTable, "api_token" | "change">, a: string, ids: string[]): Sql {
  const col = (c: string) => raw(`${a}.${c}`);
  switch (table) {
    case "portfolio":
      return sql`${col("id")} = ANY(${ids}::uuid[])`;
    case "initiative":
    case "portfolio_member":
    case "scoring_model":
    case "scenario":
      return sql`${col("portfolio_id")} = ANY(${ids}::uuid[])`;
    case "decision":
    case "funding_tranche":
    case "outcome_hypothesis":
      return sql`${col("initiative_id")} IN (SELECT id FROM initiative WHERE portfolio_id = ANY(${ids}::uuid[]))`;
    case "metric":
      // a KPI is visible in its own portfolio, and wherever a visible hypothesis uses it
      return sql`(${col("portfolio_id")} = ANY(${ids}::uuid[]) OR ${col("id")} IN (
        SELECT h.metric_id FROM outcome_hypothesis h JOIN initiative i ON i.id = h.initiative_id
         WHERE i.portfolio_id = ANY(${ids}::uuid[])))`;
    case "measurement":
      return sql`${col("metric_id")} IN (SELECT m.id FROM metric m WHERE ${visibleRows("metric", "m", ids)})`;
  }
}
