import { ApolloServerPlugin, GraphQLResponse, HeaderMap } from "@apollo/server";
import { DataSource } from "typeorm";
import { Context, actorOf } from "../context";
import { BadUserInputError, ConflictError } from "../errors";
import { IDEMPOTENCY_TTL_HOURS, IdempotencyClaim, TTL } from "./claim";
import { canonicalJson, sha256 } from "../common/canonical-json";
import { log } from "../common/log";
import { Liveness } from "./liveness";

/**
 * Idempotency keys for mutations (API.md "Errors", issue 13). A mutation sent with an
 * `Idempotency-Key` header:
 * - claims the key in the same transaction as its first write (claim.ts), so the claim
 *   exists exactly when that transaction committed;
 * - stores its response beside the claim before the response is sent;
 * - a later request with the same key and the same body (query, operation name, variables) is
 *   answered with that stored response, marked `Idempotent-Replayed: true`, and applies nothing;
 * - the same key with a different body is CONFLICT (HTTP 409).
 * Keys belong to the credential that sent them and live 24 hours. A mutation that ran its
 * transaction keeps its response, per-item rejections and "unchanged" counts included (so a
 * retry never re-applies over a correction made meanwhile); one refused with an error (invalid
 * input, stale version, database unavailable) rolled back and claims nothing: sending it again
 * runs it again.
 */

/** Header names are case-insensitive; Apollo's HeaderMap keeps them in lower case. */
export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";

/** 1–255 visible ASCII characters: a UUID, a hash, a file name and row range all fit. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

interface StoredKey {
  request_hash: string;
  request_id: string;
  instance: number;
  response_status: number | null;
  response: GraphQLResponse["body"] | null;
}

/**
 * The Apollo plugin: looks the key up once the operation is known, answers a repeat with the
 * stored response, and stores the response of a request that claimed its key. A claim without
 * a response is a request still reading its payload after the commit, or one whose process was
 * killed before storing it: `liveness` tells which.
 */
export function idempotencyPlugin(dataSource: DataSource, liveness: Liveness): ApolloServerPlugin<Context> {
  let sweeper: NodeJS.Timeout | undefined;
  return {
    async serverWillStart() {
      liveness.start();
      // expired keys are ignored when read; this only keeps the table small
      sweeper = setInterval(() => {
        dataSource
          .query(`DELETE FROM idempotency_key WHERE created_at < now() - $1::interval`, [TTL])
          .catch((err) => log.warn({ err }, "expired idempotency keys not removed"));
      }, 10 * 60_000);
      sweeper.unref();
      return {
        async serverWillStop() {
          clearInterval(sweeper);
          await liveness.close();
        },
      };
    },
    async requestDidStart({ request }) {
      const given = request.http?.headers.get(IDEMPOTENCY_HEADER);
      if (given === undefined) return;
      return {
        async didResolveOperation({ operation, contextValue, source }) {
          // queries write nothing: their key is ignored
          if (operation?.operation !== "mutation") return;
          const state = contextValue.idempotency;
          if (!KEY_FORMAT.test(given)) {
            state.malformed = true;
            throw new BadUserInputError("The Idempotency-Key header must be 1 to 255 visible ASCII characters", "Idempotency-Key");
          }
          const actor = actorOf(contextValue.access.viewer, contextValue.requestId);
          const claim: IdempotencyClaim = {
            owner: `${actor.kind}:${actor.id}`,
            key: given,
            hash: sha256(canonicalJson({ query: source, operationName: request.operationName ?? null, variables: request.variables ?? {} })),
            requestId: contextValue.requestId,
            instance: liveness.instance,
            claimed: false,
          };
          const read = async () =>
            (
              await dataSource.query<StoredKey[]>(
                `SELECT request_hash, request_id, instance, response_status, response
                   FROM idempotency_key WHERE owner = $1 AND key = $2 AND created_at >= now() - $3::interval`,
                [claim.owner, claim.key, TTL],
              )
            )[0];
          let stored = await read();
          if (!stored) {
            state.claim = claim;
            liveness.answering.add(claim.requestId);
            return;
          }
          if (stored.request_hash !== claim.hash) {
            throw new ConflictError(
              `This Idempotency-Key was used with a different request in the last ${IDEMPOTENCY_TTL_HOURS} hours; use a new key for a new request`,
              "Idempotency-Key",
              { idempotency: "KEY_REUSED" },
            );
          }
          if (stored.response === null) {
            if (await liveness.answeringElsewhere(stored.instance, stored.request_id)) {
              throw new ConflictError("A request with this Idempotency-Key is still being answered; retry in a second", "Idempotency-Key", {
                idempotency: "IN_PROGRESS",
              });
            }
            // The first request stores its response and only then stops counting as answering:
            // read again, or a response stored between the two looks lost.
            stored = (await read()) ?? stored;
          }
          if (stored.response === null) {
            throw new ConflictError(
              "The request with this Idempotency-Key was applied, but the server stopped before its response was stored. " +
                "It is not applied again: treat it as done and read the current state.",
              "Idempotency-Key",
              { idempotency: "APPLIED_RESPONSE_LOST" },
            );
          }
          state.replay = {
            http: { status: stored.response_status ?? 200, headers: new HeaderMap([[REPLAYED_HEADER, "true"]]) },
            body: stored.response,
          };
        },
        async responseForOperation({ contextValue }) {
          return contextValue.idempotency.replay;
        },
        async willSendResponse({ response, contextValue }) {
          const state = contextValue.idempotency;
          if (response.body.kind !== "single") return;
          if (state.malformed) {
            response.http.status = 400;
            return;
          }
          // every refusal for the key is 409; one worth retrying at once says when
          const refusal = response.body.singleResult.errors?.find((e) => e.extensions?.idempotency)?.extensions?.idempotency;
          if (refusal) {
            response.http.status = 409;
            if (refusal === "IN_PROGRESS" || refusal === "CONCURRENT") response.http.headers.set("retry-after", "1");
          }
          const claim = state.claim;
          if (!claim) return;
          try {
            if (!claim.claimed) return;
            await dataSource.query(
              `UPDATE idempotency_key SET response = $4, response_status = $5 WHERE owner = $1 AND key = $2 AND request_id = $3`,
              [claim.owner, claim.key, claim.requestId, JSON.stringify(response.body), response.http.status ?? 200],
            );
          } catch (err) {
            // the writes are committed: answer them; a retry is told the response was lost
            log.warn({ err, requestId: claim.requestId }, "idempotent response not stored");
          } finally {
            liveness.answering.delete(claim.requestId);
          }
        },
      };
    },
  };
}
