import { getNamedType, GraphQLInterfaceType, GraphQLObjectType, GraphQLUnionType } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { Capability } from "../../src/access/capabilities";
import { isReadable } from "../../src/graphql/readable";
import { buildAppSchema } from "../../src/schema";

/**
 * Issue 4: "a test walks the schema and fails if any root field, mutation or field that
 * crosses to another object has no access rule". The rule is `@Authorized(Capability.X)`,
 * read back from type-graphql's metadata; the built schema says which fields exist and
 * what they return.
 */
const schema = buildAppSchema();
const storage = getMetadataStorage();
const CAPABILITIES = new Set<string>(Object.values(Capability));

type Handler = { target: Function; methodName: string; schemaName: string };

/** The capabilities on a resolver method (or on its whole class); empty when it has none. */
function rulesOf(h: Handler): string[] {
  const onMethod = storage.authorizedFields.filter((a) => a.target === h.target && a.fieldName === h.methodName).flatMap((a) => a.roles);
  const onClass = storage.authorizedResolver.filter((a) => a.target === h.target).flatMap((a) => a.roles);
  // @Readable(): READ declared on a field resolver without a per-call check (src/graphql/readable.ts)
  const readable = isReadable(h.target, h.methodName) ? [Capability.READ] : [];
  return [...onMethod, ...onClass, ...readable];
}

function describeRule(h: Handler, typeName: string) {
  const rules = rulesOf(h);
  return {
    field: `${typeName}.${h.schemaName}`,
    resolver: `${h.target.name}.${h.methodName}`,
    hasRule: rules.length > 0,
    unknown: rules.filter((r) => !CAPABILITIES.has(r)),
  };
}

const crossesToObject = (typeName: string, fieldName: string): boolean => {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const named = getNamedType(type.getFields()[fieldName].type);
  return named instanceof GraphQLObjectType || named instanceof GraphQLInterfaceType || named instanceof GraphQLUnionType;
};

/** The GraphQL type a field resolver's class resolves fields of. */
function ownerTypeName(h: (typeof storage.fieldResolvers)[number]): string {
  const cls = (h.getObjectType?.() ?? h.resolverClassMetadata?.getObjectType?.()) as Function;
  const meta = storage.objectTypes.find((o) => o.target === cls) ?? storage.interfaceTypes.find((i) => i.target === cls);
  return meta?.name ?? cls.name;
}

describe("every entry point and every crossing to another object has an access rule", () => {
  it.each([
    ["Query", () => storage.queries],
    ["Mutation", () => storage.mutations],
  ] as const)("%s: every field of the built schema is a resolver with an @Authorized capability", (typeName, handlers) => {
    const fields = Object.keys((typeName === "Query" ? schema.getQueryType() : schema.getMutationType())!.getFields()).sort();
    const rules = handlers().map((h) => describeRule(h, typeName));
    // no field reaches the schema around the metadata this test reads
    expect(rules.map((r) => r.field.slice(typeName.length + 1)).sort()).toEqual(fields);
    expect(rules.filter((r) => !r.hasRule || r.unknown.length)).toEqual([]);
  });

  it("no subscriptions exist without rules", () => {
    expect(storage.subscriptions.filter((h) => rulesOf(h).length === 0)).toEqual([]);
  });

  it("every field resolver that returns an object, interface or connection has an @Authorized capability", () => {
    const crossing = storage.fieldResolvers
      .map((h) => ({ h, typeName: ownerTypeName(h) }))
      .filter(({ h, typeName }) => schema.getType(typeName) && crossesToObject(typeName, h.schemaName));
    // the walk sees the relations it is meant to guard
    expect(crossing.map(({ h, typeName }) => `${typeName}.${h.schemaName}`)).toEqual(
      expect.arrayContaining([
        "Portfolio.parent",
        "Portfolio.children",
        "Portfolio.members",
        "Initiative.portfolio",
        "Metric.measurements",
        "OutcomeHypothesis.metric",
        "Measurement.metric",
      ]),
    );
    const rules = crossing.map(({ h, typeName }) => describeRule(h, typeName));
    expect(rules.filter((r) => !r.hasRule || r.unknown.length)).toEqual([]);
  });

  it("on every Node type, every field leading to another node or to a connection is a guarded field resolver", () => {
    // Other object-typed fields (payloads, edges, value objects) only hold what a guarded
    // resolver already returned; a field that loads another node must be a resolver with a rule.
    const node = schema.getType("Node") as GraphQLInterfaceType;
    const isNodeType = (t: unknown) => t === node || (t instanceof GraphQLObjectType && t.getInterfaces().includes(node));
    const resolved = new Set(storage.fieldResolvers.filter((h) => rulesOf(h).length > 0).map((h) => `${ownerTypeName(h)}.${h.schemaName}`));
    const types = schema.getPossibleTypes(node);
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(["Portfolio", "Initiative", "Metric", "OutcomeHypothesis", "Measurement"]));
    const unguarded: string[] = [];
    for (const type of types) {
      for (const [name, field] of Object.entries(type.getFields())) {
        const target = getNamedType(field.type);
        const leads = isNodeType(target) || (target instanceof GraphQLObjectType && target.name.endsWith("Connection"));
        if (leads && !resolved.has(`${type.name}.${name}`)) unguarded.push(`${type.name}.${name}`);
      }
    }
    expect(unguarded).toEqual([]);
  });
});
