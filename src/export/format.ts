/**
 * CSV (RFC 4180) and NDJSON lines for the exports. A CSV cell is quoted when it holds a comma,
 * quote or line break; a text cell that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) gets a leading apostrophe (OWASP "CSV injection"); numbers
 * are written as JSON writes them, dates as ISO 8601 UTC, lists joined with "; ", null as empty.
 */
import { formatIsoUtc } from "../graphql/date-time";

export type Cell = string | number | boolean | Date | null | undefined | readonly string[];

export interface Column<T> {
  /** The header: the GraphQL field's name. */
  name: string;
  value: (row: T) => Cell;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return formatIsoUtc(cell);
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  let text = Array.isArray(cell) ? cell.join("; ") : (cell as string);
  if (FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

export function ndjsonLine<T>(columns: readonly Column<T>[], row: T): string {
  const object: Record<string, unknown> = {};
  for (const c of columns) {
    const value = c.value(row) ?? null;
    object[c.name] = value instanceof Date ? formatIsoUtc(value) : value;
  }
  return JSON.stringify(object) + "\n";
}

export type Format = "csv" | "ndjson";

export const CONTENT_TYPES: Record<Format, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/** The header line (CSV only) and a writer of one row, for a format. */
export function formatter<T>(format: Format, columns: readonly Column<T>[]): { head: string; line: (row: T) => string } {
  if (format === "ndjson") return { head: "", line: (row) => ndjsonLine(columns, row) };
  return { head: csvLine(columns.map((c) => c.name)), line: (row) => csvLine(columns.map((c) => c.value(row))) };
}
