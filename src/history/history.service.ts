import { Context } from "../context";
import { recordTime } from "../database/known-at";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { decodeGlobalId, encodeGlobalId, expectGlobalId } from "../common/global-id";
import { nodeType } from "../common/node-registry";
import { fetchPage, fetchPageOfParent, ListQuery, PagePlan } from "../common/page";
import { subtreeIds } from "../common/portfolio-tree";
import { Sql, sql } from "../database/sql";
import { NotFoundError } from "../errors";
import { ActorKind, Change } from "./change.entity";
import { ChangeActor, ChangeFilter, FieldChange } from "./history.inputs";

/** Changes newest first; the id breaks ties within one transaction. */
function listQuery(ctx: Context, conditions: Sql[]): ListQuery<Change> {
  // as known at the operation's knownAt: the changes recorded by then
  const known = ctx.knownAt ? [...conditions, sql`t.changed_at <= ${recordTime(ctx.knownAt)}`] : conditions;
  return { entity: Change, conditions: known, sort: "t.changed_at", direction: OrderDirection.DESC };
}

/**
 * The root `changes` list for auditors. Visibility (access.ts, table `change`) keeps it to
 * what the caller may audit: everything for an ADMIN, otherwise changes of objects in
 * portfolios where they are OWNER (and their own API tokens).
 */
export async function listChanges(ctx: Context, filter: ChangeFilter | null, plan: PagePlan<Change>): Promise<ConnectionResult<Change>> {
  const conditions: Sql[] = [];
  if (filter?.entityTypes?.length) conditions.push(sql`t.entity = ANY(${filter.entityTypes}::text[])`);
  if (filter?.operations?.length) conditions.push(sql`t.operation = ANY(${filter.operations}::text[])`);
  if (filter?.actor != null) conditions.push(sql`t.actor_id = ${actorKey(filter.actor)}`);
  if (filter?.since) conditions.push(sql`t.changed_at >= ${filter.since}`);
  if (filter?.until) conditions.push(sql`t.changed_at < ${filter.until}`);
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    if ((await ctx.access.rank(key)) === 0) throw new NotFoundError(`Portfolio ${filter.portfolioId} not found`, "filter.portfolioId");
    conditions.push(sql`t.portfolio_ids && ARRAY(SELECT id FROM ${subtreeIds(key, ctx.knownAt)} s)`);
  }
  return fetchPage(ctx, listQuery(ctx, conditions), plan);
}

/** An actor as stored: an API token (given by its global ID) by its row key, everyone else as given. */
function actorKey(actor: string): string {
  const decoded = decodeGlobalId(actor);
  return decoded?.type === "ApiToken" ? decoded.key : actor;
}

/** `history` of one object (type `entity`, row key `rowId`), batched over the page of objects. */
export function historyOf(ctx: Context, entity: string, rowId: string, plan: PagePlan<Change>): Promise<ConnectionResult<Change>> {
  return fetchPageOfParent(ctx, listQuery(ctx, []), plan, (p) => sql`t.entity = ${entity} AND t.entity_id = ${p}::text`, rowId);
}

/** The changed object's global ID, when it is a Node. */
export function changedObjectId(change: Change): string | null {
  const type = nodeType(change.entity);
  return type && change.operation !== "RECORD" ? encodeGlobalId(type.name, change.entityId) : null;
}

export function actorOf(change: Change): ChangeActor {
  const kind = change.actorKind as ActorKind;
  return { kind, id: kind === ActorKind.TOKEN ? encodeGlobalId("ApiToken", change.actorId) : change.actorId };
}

/** Each field of the change, before and after, in a stable order (by field name). */
export function fieldsOf(change: Change): FieldChange[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
