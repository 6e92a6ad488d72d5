import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { Config } from "./config";
import { Loaders } from "./common/loaders";
import { RequestMemo } from "./common/request-memo";
import { Actor, Tx, writeTransaction } from "./database/write";
import { Access } from "./access/access";
import { Viewer } from "./access/viewer";
import { KnownAt } from "./database/known-at";
import { ServedBy, walPosition } from "./database/replicas";
import { IdempotencyState, idempotencyState, writeClaiming } from "./idempotency/claim";

/** What every resolver receives; built fresh for each request, and all per-request state lives here. */
export interface Context {
  requestId: string;
  config: Config;
  dataSource: DataSource;
  loaders: Loaders;
  /** Who is calling and what they may see and change. */
  access: Access;
  /** Name recorded as `recordedBy` and the default measurement `source`. */
  callerName: string;
  /** "Now" for this request, fixed once: the default `asOf` of every value field of one response. */
  now: Date;
  /**
   * The operation's record time (`query … @knownAt(at: …)`, set once the operation is known:
   * src/graphql/known-at-directive.ts): every object and list is read as known then. Null: now.
   */
  knownAt: KnownAt;
  /** Values worked out once per request (page plans, read-ahead): see common/request-memo.ts. */
  memo: RequestMemo;
  /** What the access log and the metrics say of this request (server.ts): filled in as it runs. */
  trace: RequestTrace;
  /** Query cost spent by this HTTP request: the operations of a batch share it (graphql/limits.ts). */
  spent: { cost: number };
  /** The request's `Idempotency-Key`, once known (src/idempotency): claimed by its first write. */
  idempotency: IdempotencyState;
  /**
   * Where the request's reads went and, once it wrote, the primary's WAL position after its
   * commit (`extensions.consistency`, docs/scaling.md "Read your writes").
   */
  consistency: Consistency;
  /** Runs `work` in one transaction on the one write path, as this caller. */
  write<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
}

/** What a response says of where it was read and written (`extensions.consistency`). */
export interface Consistency {
  /** Where its reads went: the request's route, which says "primary" once a replica read fell back. */
  read: { readonly servedBy: ServedBy };
  /** The primary's WAL position after the request's last commit ("16/B374D848"); null until it writes. */
  lsn: string | null;
}

/** The operation and outcome of a request, for its access-log line and metrics. */
export interface RequestTrace {
  operation: string | null;
  /** "ok", or the code of the first error. */
  outcome: string;
}

/** Who a change is recorded as (database/write.ts). */
export function actorOf(viewer: Viewer, requestId: string): Actor {
  const kind = viewer.kind === "token" ? "TOKEN" : viewer.kind === "person" ? "PERSON" : viewer.kind.toUpperCase();
  return { kind, id: viewer.kind === "token" ? viewer.token!.rowId : viewer.subject, requestId };
}

export function createContext(
  config: Config,
  dataSource: DataSource,
  viewer: Viewer,
  requestId: string = randomUUID(),
  trace: RequestTrace = { operation: null, outcome: "ok" },
  primary: DataSource = dataSource,
  consistency: Consistency = { read: { servedBy: "primary" }, lsn: null },
): Context {
  const access = new Access(viewer, dataSource);
  const actor = actorOf(viewer, requestId);
  // one object shared with the shallow copy Apollo hands to resolvers
  const idempotency = idempotencyState();
  return {
    requestId,
    config,
    dataSource,
    access,
    loaders: new Loaders(dataSource, access),
    callerName: viewer.name,
    now: new Date(),
    knownAt: null,
    memo: new RequestMemo(),
    trace,
    spent: { cost: 0 },
    idempotency,
    consistency,
    // writes go to the primary even when the request's reads were routed to a replica
    write: async (work) => {
      const result = await writeClaiming(idempotency, (w) => writeTransaction(primary, actor, w), work);
      // the write stands even if its position cannot be read: the answer then has none
      consistency.lsn = await walPosition(primary).catch(() => null);
      return result;
    },
  };
}

/**
 * Answers the operation as known at `k` (null: now): its resolvers read `ctx.knownAt`, its
 * loaders their own copy. Set once the operation is known (the server's knownAt plugin); the
 * context Apollo hands to resolvers is a shallow copy of the one made here, so the loaders
 * cannot read it from the original.
 */
export function readAsKnownAt(ctx: Context, k: KnownAt): void {
  ctx.knownAt = k;
  ctx.loaders.knownAt = k;
}
