import { Sql } from "../database/sql";

/**
 * Which rows the caller may see, as list and loader statements need it. The request's
 * Access (src/access/access.ts) implements it; this layer only knows the shape.
 */
export interface Visibility {
  /** The condition keeping rows of `table` (alias `alias`) to visible ones; null: no restriction. */
  condition(table: string, alias?: string): Promise<Sql | null>;
}
