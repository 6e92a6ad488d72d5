import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, EmbeddedServer } from "../../src/database/embedded";

/**
 * Runs once in plain Node before the workers: with DATABASE_URL the suite uses that
 * server; without it, a throwaway embedded Postgres. Each test file then makes its own
 * database there (test/support/app.ts), so files run in parallel without sharing rows.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.RMO_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmo-test-"));
  const server = await startEmbeddedPostgres(dir);
  (globalThis as { __rmoEmbedded?: EmbeddedServer & { dir: string } }).__rmoEmbedded = { ...server, dir };
  process.env.RMO_TEST_ADMIN_URL = server.url;
}
