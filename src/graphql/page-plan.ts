import { FieldNode, getArgumentValues, getNamedType, GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import { DataSource } from "typeorm";
import { PageArgs, pageWindow } from "../common/connection";
import { PageExtension, PagePlan } from "../common/page";
import { RequestMemo } from "../common/request-memo";
import { eachNodeField, firstSubfields, selectsCursors, subfieldNames } from "./lookahead";
import { connectionNodeType, projectedColumns } from "./projection";

/**
 * The read path's one step at the resolver edge: a connection field's selection becomes a
 * PagePlan (window, columns, computed extensions) that the service and the connection
 * builder (src/common/page.ts) read; services never see `graphql`. See docs/architecture.md.
 */

/** What the edge needs of the request. */
export interface EdgeScope {
  dataSource: DataSource;
  memo: RequestMemo;
}

/** One selection of a field on the page's nodes, as an extension factory sees it. */
export interface FieldSelection {
  /** The field's arguments, coerced (defaults applied). */
  args: Record<string, unknown>;
  /** The names of the fields selected below it (fragments included). */
  subfields: Set<string>;
  /** The columns of `entity` the selection below it needs (null: all), for a relation joined in. */
  columnsOf(entity: Function): string[] | null;
  /**
   * For a relation joined into the page as `alias`: what its selected fields compute in the
   * same statement (registered with computedInJoin), each over that alias.
   */
  joined<T>(alias: string): PageExtension<T>[];
}

type Factory<C> = (ctx: C, selection: FieldSelection) => PageExtension<never>;
const computed = new Map<string, Map<string, Factory<never>>>();
type JoinFactory<C> = (ctx: C, selection: FieldSelection, alias: string) => PageExtension<never>;
const computedOnJoin = new Map<string, Map<string, JoinFactory<never>>>();

/**
 * Declares that `field` of the nodes of type `typeName` can be computed in the page
 * statement that lists them. When a page's nodes select it, the plan carries the extension
 * `factory` builds (for the first selection: extensions use fixed aliases), and the field's
 * resolver finds the value with `prefetched` (src/common/prefetch.ts) instead of loading it.
 */
export function computedInPage<C extends EdgeScope>(
  typeName: string,
  field: string,
  factory: (ctx: C, selection: FieldSelection) => PageExtension<never>,
): void {
  let fields = computed.get(typeName);
  if (!fields) computed.set(typeName, (fields = new Map()));
  fields.set(field, factory as Factory<never>);
}

/**
 * Declares that `field` of type `typeName`, when that type is a relation a page statement
 * joins in (a PageExtension that offers its selection's `joined`), can be computed in the
 * same statement over the join's alias (the factory names its own aliases after it:
 * `<alias>_<field>`). The field's resolver finds the value with
 * `prefetched` on the joined object, as for computedInPage.
 */
export function computedInJoin<C extends EdgeScope>(
  typeName: string,
  field: string,
  factory: (ctx: C, selection: FieldSelection, alias: string) => PageExtension<never>,
): void {
  let fields = computedOnJoin.get(typeName);
  if (!fields) computedOnJoin.set(typeName, (fields = new Map()));
  fields.set(field, factory as JoinFactory<never>);
}

function selectionOf(ctx: EdgeScope, info: GraphQLResolveInfo, type: GraphQLObjectType, node: FieldNode): FieldSelection {
  const field = type.getFields()[node.name.value];
  const subfields = subfieldNames(info, [node]);
  const target = getNamedType(field.type);
  return {
    args: getArgumentValues(field, node, info.variableValues),
    subfields,
    columnsOf: (entity) => (target instanceof GraphQLObjectType ? projectedColumns(ctx.dataSource, entity, target, subfields) : null),
    joined: <T>(alias: string) => {
      const factories = target instanceof GraphQLObjectType ? computedOnJoin.get(target.name) : undefined;
      if (!factories || !(target instanceof GraphQLObjectType)) return [];
      const out: PageExtension<T>[] = [];
      for (const [name, sub] of firstSubfields(info, [node])) {
        const factory = factories.get(name);
        if (factory) out.push(factory(ctx as never, selectionOf(ctx, info, target, sub), alias) as PageExtension<T>);
      }
      return out;
    },
  };
}

/**
 * The plan for the connection field being resolved, its columns and extensions worked out
 * once per request. `entity`: the table the nodes are rows of (for projection); without one
 * (a computed list) every column is read.
 */
export function planPage<T, C extends EdgeScope>(ctx: C, info: GraphQLResolveInfo, args: PageArgs, entity?: Function): PagePlan<T> {
  const window = pageWindow(args);
  const { columns, extensions, cursors } = ctx.memo.once(info.fieldNodes, "plan", () => {
    const cursors = selectsCursors(info);
    const type = connectionNodeType(info);
    if (!type) return { columns: null, extensions: [], cursors };
    const selected = new Set<string>();
    const first = new Map<string, FieldNode>();
    eachNodeField(info, (f) => {
      selected.add(f.name.value);
      if (!first.has(f.name.value)) first.set(f.name.value, f);
    });
    const factories = computed.get(type.name);
    const extensions: PageExtension<T>[] = [];
    for (const [name, node] of first) {
      const factory = factories?.get(name);
      if (factory) extensions.push(factory(ctx as never, selectionOf(ctx, info, type, node)) as PageExtension<T>);
    }
    return { columns: entity ? projectedColumns(ctx.dataSource, entity, type, selected) : null, extensions, cursors };
  });
  return { window, columns, extensions, cursors };
}
