import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { DataSource } from "typeorm";
import { Config } from "./config";
import { Context, createContext } from "./context";
import { formatError } from "./format-error";
import { requestScope, RequestScope } from "./request-scope";
import { buildAppSchema } from "./schema";
import { armor, costLimitPlugin } from "./limits";

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
  stop(): Promise<void>;
}

export async function startServer(config: Config, dataSource: DataSource, port = config.port): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const production = config.nodeEnv === "production";
  const schema = buildAppSchema();
  const protection = armor(config.limits, production);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      costLimitPlugin(schema, config.limits),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false, includeCookies: false }),
      ...(config.exposeSqlStats ? [sqlStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  app.use(
    "/graphql",
    express.json({ limit: config.maxBodyBytes }),
    (req, res, next) => {
      const scope: RequestScope = { requestId: String(req.headers["x-request-id"] ?? randomUUID()).slice(0, 100), statements: 0 };
      res.setHeader("x-request-id", scope.requestId);
      requestScope.run(scope, next);
    },
    expressMiddleware(apollo, {
      context: async () => createContext(config, dataSource, requestScope.getStore()?.requestId),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const address = httpServer.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}/graphql`,
    httpServer,
    stop: () => apollo.stop(),
  };
}
