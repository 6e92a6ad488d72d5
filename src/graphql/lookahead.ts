import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * Reading ahead in the query: what the field being resolved, or the nodes of the connection
 * being resolved, select below it. The page plan (page-plan.ts) uses it to compute in a page
 * statement what every node would otherwise load in a statement of its own (a PageExtension,
 * src/common/page.ts), and to read only the columns the selection needs (projection.ts).
 */

/** Calls `visit` for every field in `set`, through fragments and inline fragments. */
function eachField(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, visit: (f: FieldNode) => void, seen = new Set<string>()) {
  for (const s of set?.selections ?? []) {
    if (s.kind === "Field") visit(s);
    else if (s.kind === "InlineFragment") eachField(info, s.selectionSet, visit, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      eachField(info, info.fragments[s.name.value]?.selectionSet, visit, seen);
    }
  }
}

/** Every field selected on the nodes of the connection being resolved (`nodes`, `edges { node }`). */
export function eachNodeField(info: GraphQLResolveInfo, visit: (f: FieldNode) => void) {
  for (const connection of info.fieldNodes) {
    eachField(info, connection.selectionSet, (f) => {
      if (f.name.value === "nodes") eachField(info, f.selectionSet, visit);
      else if (f.name.value === "edges") eachField(info, f.selectionSet, (e) => e.name.value === "node" && eachField(info, e.selectionSet, visit));
    });
  }
}

/** The names of the fields selected below `fields` (e.g. a relation's own fields). */
export function subfieldNames(info: GraphQLResolveInfo, fields: readonly FieldNode[]): Set<string> {
  const names = new Set<string>();
  for (const f of fields) eachField(info, f.selectionSet, (s) => names.add(s.name.value));
  return names;
}

/** Whether the connection being resolved is asked for a cursor: `edges { cursor }` or `pageInfo { startCursor | endCursor }`. */
export function selectsCursors(info: GraphQLResolveInfo): boolean {
  let found = false;
  for (const connection of info.fieldNodes) {
    eachField(info, connection.selectionSet, (f) => {
      if (f.name.value === "edges") eachField(info, f.selectionSet, (e) => (found ||= e.name.value === "cursor"));
      else if (f.name.value === "pageInfo")
        eachField(info, f.selectionSet, (p) => (found ||= p.name.value === "startCursor" || p.name.value === "endCursor"));
    });
  }
  return found;
}

/** The first selection of each field selected below `fields`, by name (aliases and repeats: the first wins). */
export function firstSubfields(info: GraphQLResolveInfo, fields: readonly FieldNode[]): Map<string, FieldNode> {
  const first = new Map<string, FieldNode>();
  for (const f of fields) eachField(info, f.selectionSet, (s) => first.has(s.name.value) || first.set(s.name.value, s));
  return first;
}
