import path from "node:path";
import fs from "node:fs";
import { parseEnv } from "node:util";

/**
 * The service's whole configuration, read and validated once at start.
 * A bad value stops the process with a message that names the variable.
 */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  /** Postgres URL; undefined means "start the embedded Postgres". */
  databaseUrl: string | undefined;
  /**
   * The primary without a pooler in between (DATABASE_DIRECT_URL), for work that needs a
   * session of its own: migrations, the liveness lock, export cursors. Unset: DATABASE_URL.
   */
  databaseDirectUrl: string | undefined;
  /** Read replicas (DATABASE_REPLICA_URLS, comma-separated): read-only requests go to them (docs/scaling.md). */
  replicaUrls: string[];
  /** A replica further behind than this is out of rotation until it catches up (RMO_REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
  /** How often each replica's replay position and health is checked (RMO_REPLICA_CHECK_MS). */
  replicaCheckMs: number;
  dataDir: string;
  /** Load the demo dataset into an empty embedded database at start. */
  demoData: boolean;
  reportingCurrency: string;
  poolSize: number;
  statementTimeoutMs: number;
  /** Ask Postgres for `jit = off` in every connection's startup packet (RMO_DB_JIT_OFF, default on). */
  jitOff: boolean;
  maxMeasurementsPerCall: number;
  /** Add `extensions.sqlStatements` to every response (off in production unless asked). */
  exposeSqlStats: boolean;
  logQueries: boolean;
  /** Requests per second per credential, and failed authentications per minute per client address (0: no limit). */
  rateLimits: { perSecond: number; failedAuthPerMinute: number };
  /** On stop: how long /readyz says "draining" before new connections are refused (RMO_DRAIN_DELAY_MS). */
  drainDelayMs: number;
  /** On stop: how long requests in flight may take to finish before their connections are closed (RMO_DRAIN_TIMEOUT_MS). */
  drainTimeoutMs: number;
  /** pino level of the service's log (RMO_LOG_LEVEL: fatal, error, warn, info, debug, trace, silent). */
  logLevel: string;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  /** How operations are executed: compiled by graphql-jit (default; src/graphql/jit-executor.ts), or by graphql-js. */
  executor: "graphql-js" | "jit";
  /** Exports streaming at once (each holds a database connection of its own). */
  maxConcurrentExports: number;
  /** V8's old-generation growing factor, as 1 + percent/100 (0: V8's own heuristics). */
  heapGrowingPercent: number;
  /** Query limits, checked before any resolver runs. */
  auth: AuthConfig;
  /** Browser origins allowed to call the API from another origin (CORS); empty: same origin only. */
  corsOrigins: string[] | "*";
  /** Schema introspection (default: off in production). */
  introspection: boolean;
  /** The explorer landing page at GET /graphql (default: off in production). */
  landingPage: boolean;
  limits: { maxDepth: number; maxAliases: number; maxDirectives: number; maxTokens: number; maxCost: number; maxBatchOperations: number };
}

/** How callers prove who they are (src/auth/authenticate.ts). */
export interface AuthConfig {
  jwksUrl?: string;
  jwtSecret?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Accepted as a global-admin token; on the embedded default one is made if unset. */
  bootstrapToken?: string;
  /** Unauthenticated requests from loopback act as a local admin (never in production). */
  devOpen: boolean;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true/false or 1/0 (got "${raw}")`);
}

function corsOrigins(raw: string | undefined): string[] | "*" {
  if (!raw) return [];
  if (raw.trim() === "*") return "*";
  const origins = raw
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(o)) {
      throw new ConfigError(`RMO_CORS_ORIGINS must list origins such as https://portal.example.com (got "${o}")`);
    }
  }
  return origins;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = (env.NODE_ENV ?? "development") as Config["nodeEnv"];
  if (!["development", "production", "test"].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }
  const databaseDirectUrl = env.DATABASE_DIRECT_URL || undefined;
  if (databaseDirectUrl && !/^postgres(ql)?:\/\//.test(databaseDirectUrl)) {
    throw new ConfigError("DATABASE_DIRECT_URL must be a postgres:// or postgresql:// URL");
  }
  const replicaUrls = (env.DATABASE_REPLICA_URLS ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  for (const [i, u] of replicaUrls.entries()) {
    if (!/^postgres(ql)?:\/\//.test(u)) throw new ConfigError(`DATABASE_REPLICA_URLS: entry ${i + 1} is not a postgres:// or postgresql:// URL`);
  }
  if (replicaUrls.length && !databaseUrl) {
    throw new ConfigError("DATABASE_REPLICA_URLS needs DATABASE_URL: replicas follow a primary server, not the embedded Postgres");
  }
  const currency = env.RMO_REPORTING_CURRENCY ?? "USD";
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ConfigError(`RMO_REPORTING_CURRENCY must be an ISO 4217 code such as USD (got "${currency}")`);
  }
  const production = nodeEnv === "production";
  const auth: AuthConfig = {
    jwksUrl: env.RMO_JWKS_URL || undefined,
    jwtSecret: env.RMO_JWT_SECRET || undefined,
    jwtIssuer: env.RMO_JWT_ISSUER || undefined,
    jwtAudience: env.RMO_JWT_AUDIENCE || undefined,
    bootstrapToken: env.RMO_BOOTSTRAP_TOKEN || undefined,
    devOpen: bool(env, "RMO_DEV_OPEN", false),
  };
  if (auth.devOpen && production) {
    throw new ConfigError("RMO_DEV_OPEN must not be set with NODE_ENV=production: it would let anyone on loopback act as admin");
  }
  if (auth.jwksUrl && !/^https?:\/\//.test(auth.jwksUrl)) throw new ConfigError("RMO_JWKS_URL must be an http(s) URL");
  if (auth.jwtSecret && auth.jwtSecret.length < 32) throw new ConfigError("RMO_JWT_SECRET must be at least 32 characters");
  if (auth.bootstrapToken && auth.bootstrapToken.length < 20) {
    throw new ConfigError("RMO_BOOTSTRAP_TOKEN must be at least 20 characters");
  }
  return {
    nodeEnv,
    port: int(env, "PORT", 4000, 0, 65535),
    databaseUrl,
    databaseDirectUrl,
    replicaUrls,
    replicaMaxLagMs: int(env, "RMO_REPLICA_MAX_LAG_MS", 5_000, 0, 3_600_000),
    replicaCheckMs: int(env, "RMO_REPLICA_CHECK_MS", 500, 50, 60_000),
    dataDir: path.resolve(env.RMO_DATA_DIR || ".rmo"),
    demoData: bool(env, "RMO_DEMO_DATA", !databaseUrl),
    reportingCurrency: currency,
    poolSize: int(env, "RMO_DB_POOL_SIZE", 10, 1, 200),
    statementTimeoutMs: int(env, "RMO_STATEMENT_TIMEOUT_MS", 30000, 100, 3600000),
    jitOff: bool(env, "RMO_DB_JIT_OFF", true),
    maxMeasurementsPerCall: int(env, "RMO_MAX_MEASUREMENTS_PER_CALL", 5000, 1, 100000),
    exposeSqlStats: bool(env, "RMO_SQL_STATS", !production),
    logQueries: bool(env, "RMO_LOG_SQL", false),
    rateLimits: {
      perSecond: int(env, "RMO_RATE_LIMIT_PER_SECOND", 100, 0, 1_000_000),
      failedAuthPerMinute: int(env, "RMO_FAILED_AUTH_PER_MINUTE", 60, 0, 1_000_000),
    },
    drainDelayMs: int(env, "RMO_DRAIN_DELAY_MS", 0, 0, 600_000),
    drainTimeoutMs: int(env, "RMO_DRAIN_TIMEOUT_MS", 10_000, 0, 600_000),
    logLevel: logLevel(env.RMO_LOG_LEVEL, nodeEnv === "test" ? "warn" : "info"),
    maxBodyBytes: int(env, "RMO_MAX_BODY_BYTES", 2_000_000, 1_000, 100_000_000),
    maxConcurrentExports: int(env, "RMO_MAX_CONCURRENT_EXPORTS", 4, 1, 100),
    executor: executorOf(env.RMO_EXECUTOR),
    heapGrowingPercent: int(env, "RMO_HEAP_GROWING_PERCENT", 100, 0, 1000),
    auth,
    corsOrigins: corsOrigins(env.RMO_CORS_ORIGINS),
    introspection: bool(env, "RMO_INTROSPECTION", !production),
    landingPage: bool(env, "RMO_LANDING_PAGE", !production),
    limits: {
      maxDepth: int(env, "RMO_MAX_DEPTH", 15, 2, 100),
      maxAliases: int(env, "RMO_MAX_ALIASES", 30, 0, 1000),
      maxDirectives: int(env, "RMO_MAX_DIRECTIVES", 20, 0, 1000),
      maxTokens: int(env, "RMO_MAX_TOKENS", 5000, 100, 1_000_000),
      maxCost: int(env, "RMO_MAX_COST", 50_000, 10, 100_000_000),
      maxBatchOperations: int(env, "RMO_MAX_BATCH_OPERATIONS", 10, 1, 100),
    },
  };
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function logLevel(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw === "") return fallback;
  if (!LOG_LEVELS.includes(raw)) throw new ConfigError(`RMO_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${raw}")`);
  return raw;
}

/**
 * Reads a `.env` file (KEY=value lines, # comments, quotes as in dotenv) into `env`: a
 * variable already set in the environment wins over the file, so a deployment's settings are
 * never overridden by a file left in the directory. `RMO_ENV_FILE` names another file; a
 * missing default `.env` is fine, a missing named one is an error. Returns the file read.
 */
export function readEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const named = env.RMO_ENV_FILE;
  const file = path.resolve(cwd, named || ".env");
  if (!fs.existsSync(file)) {
    if (named) throw new ConfigError(`RMO_ENV_FILE names ${file}, which does not exist`);
    return undefined;
  }
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, "utf8")))) {
    if (env[key] === undefined && value !== undefined) env[key] = value;
  }
  return file;
}

function executorOf(raw: string | undefined): "graphql-js" | "jit" {
  if (raw === undefined || raw === "" || raw === "jit") return "jit";
  if (raw === "graphql-js") return "graphql-js";
  throw new ConfigError(`RMO_EXECUTOR must be graphql-js or jit (got "${raw}")`);
}
