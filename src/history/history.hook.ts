import { onChange } from "../database/write";

/**
 * Records every change of the write path (src/database/write.ts) as a row of `change`, in
 * the transaction that made it: a change is recorded exactly when it is committed.
 * Imported for its effect by src/entities.ts, so every process that writes records.
 */

/** Columns whose values never go into a change record. */
const NEVER_RECORDED = new Set(["secretHash"]);

function scrub(values: Record<string, unknown> | null): string | null {
  if (values === null) return null;
  return JSON.stringify(Object.fromEntries(Object.entries(values).filter(([k]) => !NEVER_RECORDED.has(k))));
}

onChange(async (tx, change, row) => {
  // the portfolios the object belongs to: directly, or through its initiative or metrics
  const portfolioIds = change.entity === "Portfolio" ? [change.id] : typeof row?.portfolioId === "string" ? [row.portfolioId] : [];
  // anything that names an initiative (hypotheses, tranches, decisions, snoozes) belongs to its portfolio
  const initiativeIds =
    change.entity === "InitiativeCriterionScore"
      ? [change.id]
      : change.entity !== "Initiative" && typeof row?.initiativeId === "string"
        ? [row.initiativeId]
        : [];
  // set-based measurement writes name the metrics they touched in their scope (recordChange)
  const metricIds = Array.isArray(row?.metricIds) ? (row.metricIds as string[]) : [];
  const owner = change.entity === "ApiToken" && typeof row?.createdBy === "string" ? row.createdBy : null;
  await tx.query(
    `INSERT INTO change (entity, entity_id, version, operation, actor_kind, actor_id, request_id, portfolio_ids, owner_subject, before, after, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7,
       (SELECT coalesce(array_agg(DISTINCT x), '{}') FROM unnest($8::uuid[]
          || ARRAY(SELECT portfolio_id FROM initiative WHERE id = ANY($9::uuid[]))
          || ARRAY(SELECT portfolio_id FROM metric WHERE id = ANY($10::uuid[]))) AS x),
       $11, $12, $13, $14)`,
    [
      change.entity,
      change.id,
      change.version,
      change.operation,
      tx.actor.kind,
      tx.actor.id,
      tx.actor.requestId,
      portfolioIds,
      initiativeIds,
      metricIds,
      owner,
      scrub(change.before),
      scrub(change.after),
      change.summary ? JSON.stringify(change.summary) : null,
    ],
  );
});
