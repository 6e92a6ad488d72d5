import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * The fields named `name` selected on the nodes of the connection being resolved, through
 * `nodes { … }` and `edges { node { … } }`, fragments and inline fragments included. A
 * connection resolver uses it to compute, in its own page statement, what every node
 * would otherwise ask for in a statement of its own (see PageExtension in keyset.ts).
 */
export function nodeFieldsNamed(info: GraphQLResolveInfo, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const fieldsOf = (set: SelectionSetNode | undefined, visit: (f: FieldNode) => void) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === "Field") visit(s);
      else if (s.kind === "InlineFragment") fieldsOf(s.selectionSet, visit);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        fieldsOf(info.fragments[s.name.value]?.selectionSet, visit);
      }
    }
  };
  const onNode = (f: FieldNode) => {
    if (f.name.value === name) found.push(f);
  };
  for (const connection of info.fieldNodes) {
    fieldsOf(connection.selectionSet, (f) => {
      if (f.name.value === "nodes") fieldsOf(f.selectionSet, onNode);
      else if (f.name.value === "edges") fieldsOf(f.selectionSet, (e) => e.name.value === "node" && fieldsOf(e.selectionSet, onNode));
    });
  }
  return found;
}
