import express from "express";
import { ReadRoute } from "../database/replicas";
import { Config } from "../config";
import { createContext, RequestTrace } from "../context";
import { Viewer } from "../access/viewer";
import { DomainError } from "../errors";
import { log } from "../common/log";
import { exportRows } from "../common/metrics";
import { isDatabaseUnavailable } from "../database/db-errors";
import { CONTENT_TYPES, Format, formatter } from "./format";
import { streamRows, writeDrained } from "./cursor";
import { EXPORTS } from "./exports";
import { Params } from "./params";

const STATUS: Partial<Record<string, number>> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403 };

/**
 * GET /export/<name>.csv | .ndjson: a GraphQL list as a file a BI tool or a spreadsheet loads,
 * with the field's arguments as query parameters, the same bearer credential (the router is
 * mounted behind the same authentication and rate limit as /graphql) and the same visibility.
 * Rows stream from a Postgres cursor as the client reads them. An error before the first row
 * answers in GraphQL's error shape with a 4xx; one after it aborts the transfer, so a client
 * never takes a truncated file for a whole one.
 */
/** The server's own answers for a refused request (server.ts), so an export refuses like /graphql. */
export interface Refusals {
  unavailable(res: express.Response): void;
  rateLimited(res: express.Response, seconds: number, message: string): void;
}

export function exportRoute(config: Config, refuse: Refusals): express.RequestHandler {
  let running = 0;
  return async (req, res) => {
    const match = /^([a-z-]+)\.(csv|ndjson)$/.exec(req.params.file as string);
    const definition = match ? EXPORTS[match[1]] : undefined;
    if (!match || !definition) {
      res.status(404).json({
        errors: [
          {
            message: `No such export; there are ${Object.keys(EXPORTS)
              .map((n) => `/export/${n}.csv`)
              .join(", ")} (and .ndjson)`,
            extensions: { code: "NOT_FOUND" },
          },
        ],
      });
      return;
    }
    // each export holds a connection of its own for as long as the client reads: a bounded number at once
    if (running >= config.maxConcurrentExports) {
      return refuse.rateLimited(
        res,
        5,
        `${running} exports are running, the most this service runs at once (RMO_MAX_CONCURRENT_EXPORTS); retry in a few seconds`,
      );
    }
    running++;
    res.on("close", () => running--);
    const format = match[2] as Format;
    const trace = res.locals.trace as RequestTrace | undefined;
    if (trace) trace.operation = `export:${match[1]}`;
    const requestId = String(res.locals.requestId);
    // an export only reads: a replica serves it when one is in rotation (routeReads), its cursor too
    const route = res.locals.route as ReadRoute;
    const ctx = createContext(config, route.dataSource, res.locals.viewer as Viewer, requestId);
    const url = route.url;
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      const params = new Params(req.query as Record<string, unknown>);
      const source = await definition.open(ctx, params);
      const out = formatter(format, definition.columns);
      res.status(200).setHeader("content-type", CONTENT_TYPES[format]);
      res.setHeader("content-disposition", `attachment; filename="${match[1]}.${format}"`);
      res.setHeader("cache-control", "no-store");
      // Excel reads UTF-8 only after a byte-order mark; BI tools do not need one
      const bom = format === "csv" && req.query.bom !== undefined && req.query.bom !== "0" && req.query.bom !== "false" ? "\uFEFF" : "";
      if ("rows" in source) {
        res.end(bom + out.head + source.rows.map(out.line).join(""));
        exportRows.inc({ export: match[1] }, source.rows.length);
        return;
      }
      let started = false;
      await streamRows(
        { url, statementTimeoutMs: config.statementTimeoutMs },
        source.statement,
        async (rows) => {
          const text = rows.map((r) => out.line(source.toRow(r))).join("");
          await writeDrained(res, started ? text : bom + out.head + text);
          started = true;
          exportRows.inc({ export: match[1] }, rows.length);
        },
        abort.signal,
      );
      if (!started) res.write(bom + out.head);
      res.end();
    } catch (e) {
      if (res.headersSent) {
        // the file is incomplete: break the transfer rather than end it as if it were whole
        if (!abort.signal.aborted) log.error({ requestId, err: e }, "export failed after its first rows");
        res.destroy();
        return;
      }
      // nothing was sent yet: answer in GraphQL's error shape, not as the file it was to be
      res.removeHeader("content-type");
      res.removeHeader("content-disposition");
      if (isDatabaseUnavailable(e)) return refuse.unavailable(res);
      if (e instanceof DomainError) {
        if (trace) trace.outcome = e.code;
        res.status(STATUS[e.code] ?? 400).json({ errors: [{ message: e.message, extensions: e.extensions }] });
        return;
      }
      log.error({ requestId, err: e }, "export failed");
      res
        .status(500)
        .json({ errors: [{ message: `Internal server error (request id ${requestId})`, extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    }
  };
}
