import express from "express";
import { ApolloServerPlugin } from "@apollo/server";
import { Context } from "../context";
import { databaseReads } from "../common/metrics";
import { REPLAYED_HEADER } from "../idempotency/idempotency";
import { parseLsn, ReadRouting, ReadRoute } from "../database/replicas";

/**
 * Read routing at the HTTP edge (docs/scaling.md): a request that may write is served by the
 * primary whole; a read-only one by a replica in rotation, unless its `RMO-Min-LSN` header
 * names a commit that replica has not replayed. Every answer says where it was read
 * (`extensions.consistency.servedBy`); a mutation's answer carries the primary's WAL position
 * after its commit (`extensions.consistency.lsn`, and the `RMO-LSN` header) for the client to
 * send back as `RMO-Min-LSN`.
 */
export const MIN_LSN_HEADER = "rmo-min-lsn";
export const LSN_HEADER = "rmo-lsn";

/**
 * Whether a request may write, decided before its document is parsed: any operation whose
 * text mentions `mutation` (a comment or a string saying it too only costs a read on the
 * primary), and a POST of a persisted query's hash alone (its text is not here to look at).
 */
export function mayWrite(req: express.Request): boolean {
  if (req.method === "GET") return false; // a mutation over GET is refused (405)
  const operations: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
  return operations.some((op) => {
    const query = (op as { query?: unknown } | null)?.query;
    return typeof query !== "string" || /\bmutation\b/.test(query);
  });
}

/** Decides where the request's reads go (`res.locals.route`) and counts it in rmo_db_reads_total when answered. */
export function routeReads(reads: ReadRouting): express.RequestHandler {
  return async (req, res, next) => {
    const given = req.headers[MIN_LSN_HEADER];
    let minLsn: bigint | null = null;
    if (given !== undefined) {
      minLsn = typeof given === "string" ? parseLsn(given) : null;
      if (minLsn === null) {
        res.status(400).json({
          errors: [
            {
              message: `The RMO-Min-LSN header must be a WAL position such as 16/B374D848, as a mutation's extensions.consistency.lsn gives it`,
              extensions: { code: "BAD_REQUEST" },
            },
          ],
        });
        return;
      }
    }
    // one process on one database (the default): every read on the primary, decided without waiting
    if (!reads.enabled) {
      res.locals.route = reads.primaryRoute("no-replica");
      counted("primary", "no-replica").inc();
      return next();
    }
    try {
      const route = await reads.route(mayWrite(req), minLsn);
      res.locals.route = route;
      // counted when answered: a replica read that fell back says "primary" by then
      res.on("finish", () => counted(route.servedBy, route.reason ?? "none").inc());
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** The rmo_db_reads_total child of a label pair, looked up once. */
const children = new Map<string, ReturnType<typeof databaseReads.labels>>();
function counted(target: string, reason: string) {
  const key = `${target}/${reason}`;
  let child = children.get(key);
  if (!child) children.set(key, (child = databaseReads.labels({ target, reason })));
  return child;
}

/** The route a request's reads took (set by `routeReads`). */
export function routeOf(res: express.Response): ReadRoute {
  return res.locals.route as ReadRoute;
}

/**
 * `extensions.consistency` on every answer: `servedBy` always, `lsn` (and the RMO-LSN header)
 * on a mutation's. A mutation answered from its Idempotency-Key wrote nothing now: it gets
 * the position now, which is past the first answer's commit. Set before the idempotency
 * plugin stores the answer (listed before it), so a replay repeats it.
 */
export function consistencyPlugin(reads: ReadRouting): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation }) {
          if (response.body.kind !== "single") return;
          const consistency = contextValue.consistency;
          const result = response.body.singleResult;
          let lsn = consistency.lsn;
          const replayed = response.http.headers.get(REPLAYED_HEADER) === "true";
          if (operation?.operation === "mutation" && lsn === null && replayed) lsn = await reads.primaryPosition().catch(() => null);
          result.extensions = { ...result.extensions, consistency: { servedBy: consistency.read.servedBy, ...(lsn ? { lsn } : {}) } };
          if (lsn) response.http.headers.set(LSN_HEADER, lsn);
        },
      };
    },
  };
}
