import express from "express";
import { ApolloServerPlugin } from "@apollo/server";
import { IDEMPOTENCY_HEADER } from "../idempotency/idempotency";

/**
 * What a GraphQL request over HTTP must look like before anything else looks at it
 * (API.md "HTTP", the GraphQL-over-HTTP specification): a POST body is JSON, and a batch (an
 * array of operations, as Apollo's BatchHttpLink sends) has at most `maxOperations` of them.
 * Each refusal is a 4xx that says what to send instead.
 */
export function requestShape(maxOperations: number): express.RequestHandler {
  return (req, res, next) => {
    const refuse = (status: number, message: string) => res.status(status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    if (req.method === "POST" && !req.is("application/json")) {
      return refuse(
        415,
        req.headers["content-type"]
          ? `Unsupported content-type "${req.headers["content-type"]}": send the body as JSON with content-type: application/json`
          : "Missing content-type: send the body as JSON with content-type: application/json",
      );
    }
    // (an automatic persisted query sends only its hash, in `extensions`)
    if (req.method === "GET" && req.query.query === undefined && req.query.extensions === undefined) {
      return refuse(400, "Missing query: a GET request carries the operation in its `query` parameter (and `variables`, `operationName`)");
    }
    if (Array.isArray(req.body)) {
      if (req.body.length === 0) return refuse(400, "An empty batch: send at least one operation");
      if (req.body.length > maxOperations) {
        return refuse(400, `A batch may hold at most ${maxOperations} operations (RMO_MAX_BATCH_OPERATIONS); got ${req.body.length}`);
      }
      if (req.headers[IDEMPOTENCY_HEADER] !== undefined) {
        return refuse(400, "An Idempotency-Key names one request: send a keyed mutation on its own, not in a batch");
      }
    }
    next();
  };
}

/** A browser asking for the explorer page: a GET without an operation that accepts HTML. */
export function wantsPage(req: express.Request): boolean {
  return req.method === "GET" && req.query.query === undefined && /text\/html/.test(req.headers.accept ?? "");
}

/** How many operations a request carries: its rate-limit cost. */
export function operationCount(req: express.Request): number {
  return Array.isArray(req.body) ? req.body.length : 1;
}

/** The error codes of a request that failed before execution: unparsable, invalid, or with variables that do not fit. */
const REQUEST_ERROR_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]);

/**
 * GraphQL over HTTP: a client that asks for `application/json` (the legacy media type, and not
 * `application/graphql-response+json`) gets its request errors with status 200, as the
 * specification says it SHOULD; one that asks for `application/graphql-response+json`, or sends
 * no preference (`*` `/` `*`, which the specification reads as the new media type since 2025),
 * gets 400, so a plain `curl` still sees the status.
 */
export function legacyJsonStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get("accept") ?? "";
      if (!/application\/json/.test(accept) || /application\/graphql-response\+json/.test(accept)) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.data !== undefined) return;
          if (result.errors?.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) response.http.status = 200;
        },
      };
    },
  };
}
