import "reflect-metadata";
import pg from "pg";
import { DataSource } from "typeorm";
import { migrations } from "./migrations";
import { SnakeNamingStrategy } from "./naming-strategy";
import { CountingLogger } from "./sql-logger";
import { timestamptzParser } from "./timestamptz";

// numeric (money) and bigint (counts, measurement ids) come back from pg as strings by
// default; every such value we expose fits a JS number. `date` stays 'YYYY-MM-DD' text
// so a LocalDate never shifts across time zones.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => parseFloat(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// timestamptz: the same Dates as pg's parser, without its regular expressions (timestamptz.ts)
const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ;
pg.types.setTypeParser(TIMESTAMPTZ, timestamptzParser(pg.types.getTypeParser(TIMESTAMPTZ, "text")));

export interface DataSourceOptions {
  url: string;
  /** Every entity class (src/entities.ts); passed in, since this layer knows no feature. */
  entities: Function[];
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Send `-c jit=off` at connect (default true); off for a pooler that refuses the `options` parameter. */
  jitOff?: boolean;
  logQueries?: boolean;
  /** `application_name` (default rmo-api). */
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: options.entities,
    migrations,
    migrationsTableName: "migration",
    migrationsTransactionMode: "each",
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+: no extension to install (STACK.md)
    uuidExtension: "pgcrypto",
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new CountingLogger(options.logQueries ?? false),
    extra: {
      max: options.poolSize ?? 10,
      // never wait forever for a connection, a statement or an abandoned transaction
      connectionTimeoutMillis: 10_000,
      // (0: no limit, for the migrator: converting a large table takes as long as it takes)
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      // and a client-side limit too: a database that stopped answering (frozen, or a network
      // that drops packets) never enforces its own statement_timeout
      query_timeout: options.statementTimeoutMs === 0 ? undefined : (options.statementTimeoutMs ?? 30_000) + 2_000,
      keepAlive: true,
      idle_in_transaction_session_timeout: 60_000,
      // no JIT compilation: this service's statements are short, but a partitioned plan can be
      // estimated above jit_above_cost, and a portfolio rollup at a past knownAt then spent 82 ms
      // of its 208 ms compiling expressions (Postgres 15 with LLVM), on every request
      options: options.jitOff === false ? undefined : "-c jit=off",
      application_name: options.applicationName ?? "rmo-api",
    },
  });
}
