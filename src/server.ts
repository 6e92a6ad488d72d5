import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import cors from "cors";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";

import { GraphQLSchema } from "graphql";
import { DataSource } from "typeorm";
import { Config } from "./config";
import { Context, createContext, readAsKnownAt, RequestTrace } from "./context";
import { configureLogging, log } from "./common/log";
import { inFlight, operationLabel, registry, requests, requestSeconds, watchPool } from "./common/metrics";
import { formatError, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "./graphql/format-error";
import { isDatabaseUnavailable } from "./database/db-errors";

/** How long /readyz waits for the database. */
const READY_TIMEOUT_MS = 1_000;
/** How often a process counts the API processes sharing the database (and the rate limits). */
const PROCESS_COUNT_REFRESH_MS = 2_000;
import { REQUEST_ID, requestScope } from "./request-scope";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { buildAppSchema } from "./schema";
import { armor, costLimitPlugin } from "./graphql/limits";
import { explorerAssets, explorerPage } from "./explorer/explorer";
import { jitGateway } from "./graphql/jit-executor";
import { exportRoute } from "./export/export.route";
import { jsonBody } from "./http/json-body";
import { apolloHandler } from "./http/apollo-handler";
import { legacyJsonStatusPlugin, operationCount, requestShape, wantsPage } from "./http/http-rules";
import { Authenticator } from "./auth/authenticate";
import { RateLimits } from "./auth/rate-limits";
import { UnauthenticatedError } from "./errors";
import { Viewer } from "./access/viewer";
import { operationKnownAt } from "./graphql/known-at";
import { formatIsoUtc } from "./graphql/date-time";
import { pastOnly } from "./database/known-at";
import { IDEMPOTENCY_HEADER, idempotencyPlugin, REPLAYED_HEADER } from "./idempotency/idempotency";
import { Liveness } from "./idempotency/liveness";
import { consistencyPlugin, LSN_HEADER, MIN_LSN_HEADER, routeOf, routeReads } from "./http/consistency";
import { ReadRouting } from "./database/replicas";

/** Tags every error with the request's id, so formatError can name it and log it. */
function requestIdPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) (e as unknown as Record<symbol, string>)[REQUEST_ID] = contextValue.requestId;
        },
      };
    },
  };
}

/**
 * The operation's record time (`@knownAt`, src/graphql/known-at.ts): set on the context
 * before any field runs, and stated in `extensions.knownAt` of every query's answer (the
 * instant to store beside its figures to reproduce them).
 */
function knownAtPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (operation) readAsKnownAt(contextValue, pastOnly(operationKnownAt(schema, operation, request.variables), contextValue.now));
        },
        async willSendResponse({ response, contextValue, operation }) {
          if (operation?.operation === "query" && response.body.kind === "single") {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              knownAt: formatIsoUtc(contextValue.knownAt ?? contextValue.now),
            };
          }
        },
      };
    },
  };
}

/** A request that failed because the database is unavailable is answered 503 with Retry-After: a script retries it later. */
function unavailablePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** Notes the operation's name and outcome on the request's trace (the access log and the metrics read it). */
function tracePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, contextValue }) {
          contextValue.trace.operation = operationName ?? null;
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const code = response.body.singleResult.errors?.[0]?.extensions?.code;
          contextValue.trace.outcome = typeof code === "string" ? code : response.body.singleResult.errors ? "ERROR" : "ok";
        },
      };
    },
  };
}

/**
 * One access line per GraphQL request (request id, operation, caller kind, HTTP status,
 * outcome, duration, SQL statements when counted) and its metrics, when the response is sent.
 */
function accessLog(config: Config, isDraining: () => boolean): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const trace: RequestTrace = { operation: null, outcome: "ok" };
    res.locals.trace = trace;
    inFlight.inc();
    res.on("close", () => inFlight.dec());
    // while draining, no response invites a client to reuse its connection: one that did could
    // have its next request read just as the drain closes the connection (decided when the
    // response starts, so requests that came in before the drain are covered too)
    const writeHead = res.writeHead;
    res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
      if (isDraining() && !this.headersSent) this.setHeader("connection", "close");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (res.statusCode >= 400 && trace.outcome === "ok") trace.outcome = `HTTP_${res.statusCode}`;
      const labels = { operation: operationLabel(trace.operation), outcome: trace.outcome };
      requests.inc(labels);
      requestSeconds.observe(labels, seconds);
      log.info(
        {
          requestId: res.locals.requestId,
          operation: trace.operation,
          caller: (res.locals.viewer as Viewer | undefined)?.kind ?? null,
          status: res.statusCode,
          outcome: trace.outcome,
          ms: Math.round(seconds * 10_000) / 10,
          ...(config.exposeSqlStats ? { sql: res.locals.sqlStatements ?? null } : {}),
        },
        "request",
      );
    });
    next();
  };
}

/** The database answers within `ms`, or not. */
async function databaseAnswers(dataSource: DataSource, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const ok = dataSource.query("SELECT 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ok, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The body and headers of a 503 for a request the database could not serve. */
function sendUnavailable(res: express.Response): void {
  res.status(503).setHeader("retry-after", String(RETRY_AFTER_SECONDS));
  res.json({
    errors: [
      {
        message: UNAVAILABLE_MESSAGE,
        extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: RETRY_AFTER_SECONDS },
      },
    ],
  });
}

/** 429 with Retry-After (seconds) and RATE_LIMITED. */
function sendRateLimited(res: express.Response, seconds: number, message: string): void {
  res.status(429).setHeader("retry-after", String(seconds));
  res.json({ errors: [{ message, extensions: { code: "RATE_LIMITED", retryAfterSeconds: seconds } }] });
}

/** Adds `extensions.sqlStatements`, the statements this request sent (for tests and the bench). */
function sqlStatsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const scope = requestScope.getStore();
          if (scope && response.body.kind === "single") {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: scope.statements,
            };
          }
        },
      };
    },
  };
}

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  /**
   * Drains: /readyz answers 503 at once; after `RMO_DRAIN_DELAY_MS` (for a balancer to notice)
   * no new connection is accepted, requests in flight finish (at most `RMO_DRAIN_TIMEOUT_MS`),
   * then it resolves. The caller closes the database afterwards.
   */
  stop(): Promise<void>;
}

/**
 * Serves the API on `port`. `dataSource` is the primary; `reads` routes read-only requests to
 * replicas (src/database/replicas.ts); without it every read goes to the primary.
 */
export async function startServer(
  config: Config,
  dataSource: DataSource,
  port = config.port,
  reads: ReadRouting = ReadRouting.primaryOnly(dataSource),
): Promise<RunningServer> {
  const app = express();
  // no ETag: it hashed every response body (SHA-1 of 86 KB on a dashboard), and GraphQL
  // answers are POSTed, which no cache revalidates
  app.set("etag", false);
  const httpServer = http.createServer(app);
  const production = config.nodeEnv === "production";
  configureLogging({ pretty: config.nodeEnv === "development", level: config.logLevel });
  // TypeORM's postgres driver keeps its pg.Pool as `master`
  const unwatchPool = watchPool(
    () => (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master,
  );
  const schema = buildAppSchema();
  const protection = armor(config.limits, production);
  // which API processes are alive on this database: keyed retries and shared rate limits ask it
  const liveness = new Liveness(dataSource, reads.primaryUrl);
  const apollo = new ApolloServer<Context>({
    ...(config.executor === "jit" ? { gateway: jitGateway(schema) } : { schema }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Credentials travel only in the Authorization header, never in cookies: a cross-site
    // request cannot carry them, so it is refused as UNAUTHENTICATED whatever it does.
    // Apollo's CSRF rule (a GET needs a non-simple header) only blocked spec-following
    // clients (urql's GETs, curl).
    csrfPrevention: false,
    // Apollo's BatchHttpLink; at most RMO_MAX_BATCH_OPERATIONS, one cost limit for all (http-rules.ts)
    allowBatchedHttpRequests: true,
    // main.ts drains and closes the database on SIGTERM/SIGINT; Apollo's own handler raced it
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: production,
    introspection: config.introspection,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    plugins: [
      // cache hints are unused (no CDN or response cache); the plugin wraps every field resolver
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin(),
      tracePlugin(),
      unavailablePlugin(),
      knownAtPlugin(schema),
      // before the idempotency plugin, which stores the answer it completes
      consistencyPlugin(reads),
      idempotencyPlugin(dataSource, liveness),
      ...protection.plugins,
      costLimitPlugin(schema, config.limits),
      legacyJsonStatusPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.drainTimeoutMs }),
      // the explorer is ours (src/explorer), served from the package rather than Apollo's CDN
      ApolloServerPluginLandingPageDisabled(),
      ...(config.exposeSqlStats ? [sqlStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  // A request read from a connection the drain has already half-closed can never be answered:
  // never start it (the client sees its connection closed, nothing was done, and retries).
  app.use((req, _res, next) => {
    if (req.socket.writableEnded) req.socket.destroy();
    else next();
  });
  // liveness: the process answers (a restart would not help a database outage)
  app.get("/livez", (_req, res) => {
    res.json({ status: "ok" });
  });
  // readiness: the database answers within a second; a balancer stops sending traffic otherwise
  let draining = false;
  let stopped: Promise<void> | undefined;
  const ready = async (_req: express.Request, res: express.Response) => {
    if (draining) res.status(503).json({ status: "draining" });
    else if (await databaseAnswers(dataSource, READY_TIMEOUT_MS)) res.json({ status: "ok" });
    else res.status(503).setHeader("retry-after", String(RETRY_AFTER_SECONDS)).json({ status: "database unavailable" });
  };
  app.get("/readyz", ready);
  app.get("/healthz", ready);
  // Prometheus text format (src/common/metrics.ts); keep it on the internal network
  app.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", registry.contentType);
    res.send(await registry.metrics());
  });
  if (config.landingPage) app.use(explorerAssets());
  const showExplorer = explorerPage("/graphql");
  const authenticator = new Authenticator(config.auth, dataSource);
  const limits = new RateLimits(config.rateLimits);
  // the per-credential budget is shared by every API process on this database (rate-limits.ts)
  const shareBudget = () =>
    liveness
      .processes()
      .then((n) => (limits.processes = n))
      .catch(() => undefined);
  const sharing = setInterval(shareBudget, PROCESS_COUNT_REFRESH_MS);
  sharing.unref();
  void shareBudget();
  // Who is calling is settled before Apollo (or an export) sees the request: bad or missing
  // credentials are refused here, so no resolver ever runs for them.
  const authenticated: express.RequestHandler = async (req, res, next) => {
    const address = req.socket.remoteAddress ?? "unknown";
    try {
      // an address that used up its failed attempts is refused before any credential is looked at
      const blocked = await limits.failuresBlocked(address);
      if (blocked) return sendRateLimited(res, blocked, "Too many failed authentications from this address; wait and retry");
      const viewer = await authenticator.authenticate(req.headers.authorization, req.socket.remoteAddress);
      const wait = await limits.take(viewer, operationCount(req));
      if (wait) return sendRateLimited(res, wait, "Too many requests with this credential; wait and retry");
      res.locals.viewer = viewer;
      next();
    } catch (e) {
      if (isDatabaseUnavailable(e)) return sendUnavailable(res);
      if (!(e instanceof UnauthenticatedError)) return next(e);
      await limits.failed(address);
      res.status(401).setHeader("www-authenticate", 'Bearer realm="rmo"');
      res.json({ errors: [{ message: e.message, extensions: { code: "UNAUTHENTICATED" } }] });
    }
  };

  // Portals on another origin: only the listed origins, with the Authorization header (no cookies).
  const corsRules = cors({
    origin: config.corsOrigins === "*" ? true : config.corsOrigins,
    allowedHeaders: ["authorization", "content-type", "apollo-require-preflight", "x-request-id", IDEMPOTENCY_HEADER, MIN_LSN_HEADER],
    exposedHeaders: ["x-request-id", REPLAYED_HEADER, "content-disposition", LSN_HEADER],
    maxAge: 600,
  });
  // A browser sends Origin on every cross-origin request and preflight; a request without one
  // (a script, a server) gets no CORS headers to read, only the Vary that keeps a cache from
  // serving its answer to a browser (the cors package's work cost 15 µs a request).
  const crossOrigin: express.RequestHandler = (req, res, next) => {
    if (req.headers.origin !== undefined) return corsRules(req, res, next);
    res.setHeader("vary", "Origin");
    next();
  };
  const requestIdentity: express.RequestHandler = (req, res, next) => {
    const given = String(req.headers["x-request-id"] ?? "");
    const requestId = /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    if (!config.exposeSqlStats) return next();
    const scope = { statements: 0 };
    res.on("finish", () => (res.locals.sqlStatements = scope.statements));
    requestScope.run(scope, next);
  };
  // CSV and NDJSON files of the value report, measurements and series (src/export)
  app.get(
    "/export/:file",
    crossOrigin,
    requestIdentity,
    accessLog(config, () => draining),
    authenticated,
    routeReads(reads),
    exportRoute(config, { unavailable: sendUnavailable, rateLimited: sendRateLimited }),
  );
  app.use(
    "/graphql",
    crossOrigin,
    requestIdentity,
    accessLog(config, () => draining),
    // a browser opening the endpoint gets the explorer (src/explorer), when it is on
    (req, res, next) => (config.landingPage && wantsPage(req) ? showExplorer(req, res, next) : next()),
    jsonBody(config.maxBodyBytes),
    requestShape(config.limits.maxBatchOperations),
    authenticated,
    routeReads(reads),
    apolloHandler(apollo, async ({ res }) => {
      const route = routeOf(res);
      return createContext(
        config,
        route.dataSource,
        res.locals.viewer as Viewer,
        res.locals.requestId as string,
        res.locals.trace as RequestTrace,
        dataSource,
        {
          read: route,
          lsn: null,
        },
      );
    }),
  );
  // Body-parser and other HTTP-level failures answer in GraphQL's error shape, never as an HTML stack page.
  app.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isDatabaseUnavailable(err)) return sendUnavailable(res);
    const requestId = String(res.getHeader("x-request-id") ?? "unknown");
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err.type === "entity.too.large"
        ? `Request body larger than ${config.maxBodyBytes} bytes (RMO_MAX_BODY_BYTES)`
        : status < 500
          ? "Malformed request body: send JSON"
          : `Internal server error (request id ${requestId})`;
    if (status === 500) log.error({ requestId, err }, "request failed (HTTP)");
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR" } }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const address = httpServer.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}/graphql`,
    httpServer,
    // once: a second call (a second signal, a test's clean-up) waits for the same drain
    stop: () =>
      (stopped ??= (async () => {
        draining = true;
        if (config.drainDelayMs > 0) await new Promise((r) => setTimeout(r, config.drainDelayMs));
        unwatchPool();
        clearInterval(sharing);
        await apollo.stop();
      })()),
  };
}
