import { ArgsType, ClassType, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { BadUserInputError } from "../errors";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Ascending." }, DESC: { description: "Descending." } },
});

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return items after this one." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Return the last n items before \`before\` (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return items before this one." })
  before?: string | null;
}

@ObjectType({ simpleResolvers: true, description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean, { description: "More items follow the last edge." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "More items precede the first edge." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge." })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What every connection resolves from; `totalCount` is counted only when asked for. */
export class ConnectionResult<T> {
  constructor(
    readonly edges: Edge<T>[],
    readonly pageInfo: PageInfo,
    private readonly count: () => Promise<number>,
  ) {}
  get nodes(): T[] {
    return this.edges.map((e) => e.node);
  }
  get totalCount(): Promise<number> {
    return this.count();
  }
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node class. */
export function ConnectionType<T extends object>(NodeClass: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge in a ${name} connection.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this edge, for `after`/`before`." })
    cursor!: string;

    @Field(() => NodeClass, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} objects (Relay connection).` })
  class ConnectionTypeClass {
    @Field(() => [EdgeType], { description: "The edges of this page." })
    edges!: EdgeType[];

    @Field(() => [NodeClass], { description: "The nodes of this page (shortcut for `edges { node }`)." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Where this page sits in the whole list." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items match the filter, over all pages." })
    totalCount!: number;
  }
  return ConnectionTypeClass;
}

export interface PageWindow {
  /** Rows to return (without the look-ahead row). */
  limit: number;
  /** Walking backwards from `before` (with `last`). */
  backward: boolean;
  cursor: CursorValue | null;
}

/** A keyset cursor: the row's sort values (as text) and, last, its id. */
export type CursorValue = Array<string | null>;

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, field: string): CursorValue {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length >= 2 &&
      v.length <= 16 &&
      v.every((x) => typeof x === "string" || x === null) &&
      typeof v[v.length - 1] === "string"
    ) {
      return v as CursorValue;
    }
  } catch {
    // fall through to the typed error
  }
  throw new BadUserInputError(`${field} is not a valid cursor`, field);
}

/** Validates Relay arguments against API.md's limits. */
export function pageWindow(args: PageArgs): PageWindow {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new BadUserInputError("Pass either first or last, not both", "first");
  for (const [name, n] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (n != null && (n < 0 || n > MAX_PAGE_SIZE)) {
      throw new BadUserInputError(`${name} must be between 0 and ${MAX_PAGE_SIZE}`, name);
    }
  }
  if (last != null || (before != null && first == null)) {
    return { limit: last ?? DEFAULT_PAGE_SIZE, backward: true, cursor: before ? decodeCursor(before, "before") : null };
  }
  return { limit: first ?? DEFAULT_PAGE_SIZE, backward: false, cursor: after ? decodeCursor(after, "after") : null };
}
