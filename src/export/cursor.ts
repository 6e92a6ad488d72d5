import { once } from "node:events";
import { Client } from "pg";
import Cursor from "pg-cursor";
import { Sql } from "../database/sql";

/** Rows fetched per round trip: large enough to amortise it, small enough to keep memory flat. */
const BATCH = 2_000;

export interface CursorOptions {
  url: string;
  statementTimeoutMs: number;
}

/**
 * Runs `statement` on a connection of its own and hands its rows to `write` a batch at a time,
 * reading the next batch only once `write` has returned (it awaits the HTTP response's drain):
 * a million rows take the memory of one batch. Its own connection, because an export may run
 * for minutes and must neither hold a pool slot nor fall under the pool's client-side query
 * timeout; the server's statement_timeout still bounds each fetch. `signal` stops it.
 */
export async function streamRows(
  options: CursorOptions,
  statement: Sql,
  write: (rows: Record<string, unknown>[]) => Promise<void>,
  signal: AbortSignal,
): Promise<number> {
  const client = new Client({
    connectionString: options.url,
    application_name: "rmo-export",
    connectionTimeoutMillis: 10_000,
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
  });
  client.on("error", () => undefined);
  await client.connect();
  let count = 0;
  try {
    const { text, values } = statement.toQuery();
    const cursor = client.query(new Cursor(text, values));
    try {
      while (!signal.aborted) {
        const rows = (await cursor.read(BATCH)) as Record<string, unknown>[];
        if (rows.length === 0) break;
        count += rows.length;
        await write(rows);
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return count;
}

/** Writes to a stream, waiting for it to drain when its buffer is full; fails once it is closed. */
export async function writeDrained(out: NodeJS.WritableStream & { destroyed?: boolean }, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error("the client went away");
  if (!out.write(chunk)) await Promise.race([once(out, "drain"), once(out, "close")]);
}
