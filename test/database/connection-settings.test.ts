import { useTestApp } from "../support/app";
import { loadConfig } from "../../src/config";
import { createDataSource } from "../../src/database/data-source";

/**
 * What every connection of the service's pool asks of Postgres (src/database/data-source.ts):
 * no JIT compilation (a rollup at a past knownAt spent 82 of its 208 ms compiling on a server
 * built with LLVM), and the time limits.
 */
const app = useTestApp();

describe("connection settings", () => {
  it("turns JIT off and sets the time limits on every pooled connection", async () => {
    // several at once, so more than one pooled connection answers
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        app.dataSource.query("SELECT current_setting('jit') AS jit, current_setting('idle_in_transaction_session_timeout') AS idle, pg_sleep(0.05)"),
      ),
    );
    for (const [row] of answers) expect(row).toMatchObject({ jit: "off", idle: "1min" });
  });
});

describe("RMO_DB_JIT_OFF", () => {
  it("is on by default; false leaves the options parameter out, for a pooler that refuses it", () => {
    expect(loadConfig({}).jitOff).toBe(true);
    expect(loadConfig({ RMO_DB_JIT_OFF: "false" }).jitOff).toBe(false);
    const extra = (jitOff: boolean) =>
      (createDataSource({ url: "postgresql://x@127.0.0.1/x", entities: [], jitOff }).options as { extra: { options?: string } }).extra;
    expect(extra(true).options).toBe("-c jit=off");
    expect(extra(false).options).toBeUndefined();
  });
});
