/**
 * PgBouncer in transaction mode in front of the primary: DATABASE_URL of the API processes.
 * Session-level work (the advisory-lock liveness, migrations, export cursors) goes straight to
 * the primary instead (DATABASE_DIRECT_URL).
 */
import fs from "node:fs";
import path from "node:path";
import { DATABASE } from "./postgres";
import { programPath, RunAs, SpawnSpec } from "./processes";
import { ClusterState, logFile } from "./state";

/**
 * - `ignore_startup_parameters`: PgBouncer 1.18 refuses a startup parameter it does not track,
 *   and the API's pg pool sends statement_timeout, idle_in_transaction_session_timeout and
 *   `options` (`-c jit=off`) (src/database/data-source.ts); extra_float_digits is what other
 *   drivers send.
 *   application_name is tracked by PgBouncer itself, so it passes.
 * - `connect_query`: the time limits and `jit = off` those parameters asked for, set on every server
 *   connection instead, before any client gets it: the API's RMO_STATEMENT_TIMEOUT_MS (30 s
 *   unless `apiEnv` sets it) and its 60 s for an abandoned transaction. Direct connections
 *   still get them from their own startup parameters.
 * - Pool sizes: two API pools of `poolSize` share `default_pool_size` server connections.
 * - `query_wait_timeout`: a client waits 15 s for a server connection, then gets an error
 *   (the API answers 503), rather than queueing for PgBouncer's default 120 s.
 */
export function writePgbouncerConfig(state: ClusterState): string {
  const dir = state.settings.dir;
  const ini = path.join(dir, "pgbouncer.ini");
  const users = path.join(dir, "pgbouncer-users.txt");
  const statementMs = Number(state.settings.apiEnv.RMO_STATEMENT_TIMEOUT_MS ?? 30_000);
  const timeouts = `SET statement_timeout = ${statementMs}; SET idle_in_transaction_session_timeout = 60000; SET jit = off`;
  fs.writeFileSync(users, `"postgres" ""\n`);
  fs.writeFileSync(
    ini,
    [
      "[databases]",
      `${DATABASE} = host=127.0.0.1 port=${state.ports.primary} dbname=${DATABASE} user=postgres connect_query='${timeouts}'`,
      "",
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${state.ports.pgbouncer}`,
      "unix_socket_dir =",
      // trust on loopback, as the Postgres behind it; the user must still be listed
      "auth_type = trust",
      `auth_file = ${users}`,
      "admin_users = postgres",
      "pool_mode = transaction",
      `default_pool_size = ${Math.max(4, state.settings.poolSize * 2)}`,
      "max_client_conn = 200",
      "ignore_startup_parameters = extra_float_digits,statement_timeout,idle_in_transaction_session_timeout,options",
      "query_wait_timeout = 15",
      "server_login_retry = 1",
      "log_connections = 0",
      "log_disconnections = 0",
      "",
    ].join("\n"),
  );
  return ini;
}

/** In the foreground (no -d), so the pid we keep is PgBouncer's; it logs to stderr, our log file. It refuses root too. */
export function pgbouncerSpec(state: ClusterState, ini: string, runAs: RunAs | undefined): SpawnSpec {
  return { command: programPath("pgbouncer") ?? "pgbouncer", args: [ini], runAs, log: logFile(state.settings.dir, "pgbouncer") };
}
