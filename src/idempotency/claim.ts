import { GraphQLResponse } from "@apollo/server";
import { ConflictError } from "../errors";
import { Tx } from "../database/write";

/**
 * A request's Idempotency-Key as the write path sees it (the plugin that fills it in and
 * answers retries is idempotency.ts).
 */

/** How long a key's claim and response are kept. */
export const IDEMPOTENCY_TTL_HOURS = 24;
export const TTL = `${IDEMPOTENCY_TTL_HOURS} hours`;

/** A request's key, once it is known to be a mutation with one; `claimed` once a write committed with it. */
export interface IdempotencyClaim {
  owner: string;
  key: string;
  hash: string;
  requestId: string;
  /** The claiming process (liveness.ts). */
  instance: number;
  claimed: boolean;
}

/** What a request carries about its key: set by the plugin once the operation is known, read by `ctx.write`. */
export interface IdempotencyState {
  claim: IdempotencyClaim | null;
  /** The stored response to answer with instead of executing. */
  replay: GraphQLResponse | null;
  /** A malformed key: the request is refused with HTTP 400. */
  malformed: boolean;
}

export function idempotencyState(): IdempotencyState {
  return { claim: null, replay: null, malformed: false };
}

/**
 * Claims the request's key inside the transaction of its first write. A claim older than the
 * TTL is taken over. Another request's live claim means the same key was applied meanwhile by a
 * concurrent request (this statement waited for it to commit): this one is rolled back.
 */
export async function claimKey(tx: Tx, claim: IdempotencyClaim): Promise<void> {
  const rows = await tx.query(
    `INSERT INTO idempotency_key (owner, key, request_hash, request_id, instance) VALUES ($1, $2, $3, $4, $6)
     ON CONFLICT (owner, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, request_id = EXCLUDED.request_id, instance = EXCLUDED.instance,
            created_at = now(), response = NULL, response_status = NULL
      WHERE idempotency_key.request_id = EXCLUDED.request_id OR idempotency_key.created_at < now() - $5::interval
     RETURNING 1`,
    [claim.owner, claim.key, claim.hash, claim.requestId, TTL, claim.instance],
  );
  if (rows.length === 0) {
    throw new ConflictError(
      "Another request with this Idempotency-Key was applied while this one ran; nothing was applied twice. " +
        "Send it again to receive that request's response.",
      undefined,
      { idempotency: "CONCURRENT" },
    );
  }
}

/** Runs a write as `ctx.write` does, claiming the request's key with the first write that commits. */
export async function writeClaiming<R>(
  state: IdempotencyState,
  run: (work: (tx: Tx) => Promise<R>) => Promise<R>,
  work: (tx: Tx) => Promise<R>,
): Promise<R> {
  const claim = state.claim;
  if (!claim || claim.claimed) return run(work);
  const result = await run(async (tx) => {
    await claimKey(tx, claim);
    return work(tx);
  });
  claim.claimed = true;
  return result;
}
