import { GraphQLObjectType, GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { getMetadataStorage as validationMetadata } from "class-validator";
import { isReadable } from "../graphql/readable";

type FieldResolverMeta = ReturnType<typeof getMetadataStorage>["fieldResolvers"][number];
type Param = NonNullable<FieldResolverMeta["params"]>[number];

function hasValidationRules(type: unknown): boolean {
  return typeof type === "function" && validationMetadata().getTargetValidationMetadatas(type, "", true, false).length > 0;
}

/** A parameter we can hand over as graphql-js gives it, without type-graphql's conversion. */
function direct(p: Param): boolean {
  if (p.kind === "root" || p.kind === "context") return p.propertyName === undefined;
  if (p.kind === "info") return true;
  if (p.kind === "arg" || p.kind === "args") return !hasValidationRules(p.getType());
  return false;
}

/**
 * Calls the nested read-only field resolvers (@Readable) straight from graphql-js. Such a
 * field has no middleware and no validation to run, yet type-graphql still converts every
 * argument into class instances and awaits a validation step per argument, per call: on a
 * dashboard page that is ~1,000 calls. Only fields whose parameters need none of that are
 * switched; the resolver methods themselves are unchanged. Returns how many were switched.
 */
export function callReadableResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  let switched = 0;
  for (const fr of storage.fieldResolvers) {
    if (!isReadable(fr.target, fr.methodName) || !fr.params?.every(direct)) continue;
    const owner = fr.getObjectType?.();
    const typeName = storage.objectTypes.find((o) => o.target === owner)?.name;
    const field = typeName ? (schema.getType(typeName) as GraphQLObjectType | undefined)?.getFields()[fr.schemaName] : undefined;
    if (!field) continue;
    const instance = new (fr.target as new () => Record<string, (...a: unknown[]) => unknown>)();
    const method = instance[fr.methodName].bind(instance);
    const params = [...fr.params].sort((a, b) => a.index - b.index);
    field.resolve = (root, args, context, info) =>
      method(
        ...params.map((p) =>
          p.kind === "root" ? root : p.kind === "context" ? context : p.kind === "info" ? info : p.kind === "arg" ? args[p.name] : args,
        ),
      );
    switched++;
  }
  return switched;
}
