import { Field, ID, InputType, ObjectType } from "type-graphql";
import { JSONResolver } from "graphql-scalars";
import { ConnectionType } from "../common/connection";
import { ActorKind, Change, ChangeOperation } from "./change.entity";

export const ChangeConnection = ConnectionType(Change, "Change");

@InputType({ description: "Narrows a list of changes; all given conditions must hold." })
export class ChangeFilter {
  @Field(() => [String], { nullable: true, description: 'Only changes of these types of object, e.g. `["Initiative", "PortfolioMember"]`.' })
  entityTypes?: string[] | null;

  @Field(() => [ChangeOperation], { nullable: true, description: "Only these operations." })
  operations?: ChangeOperation[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Only changes by this actor: a person's subject, an API token's global ID, or `bootstrap`.",
  })
  actor?: string | null;

  @Field(() => Date, { nullable: true, description: "Only changes made at or after this instant." })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only changes made before this instant." })
  until?: Date | null;

  @Field(() => ID, { nullable: true, description: "Only changes of objects in this portfolio or below it." })
  portfolioId?: string | null;
}

@ObjectType({ simpleResolvers: true, description: "Who made a change." })
export class ChangeActor {
  @Field(() => ActorKind, { description: "A person, an API token, the bootstrap/local admin, or the service." })
  kind!: ActorKind;

  @Field(() => String, { description: "A person's subject, an API token's global ID, `bootstrap`, or the system's name." })
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: "One field of a change, before and after." })
export class FieldChange {
  @Field(() => String, { description: "The field's name, as in the object's type (e.g. `budget`)." })
  field!: string;

  @Field(() => JSONResolver, { nullable: true, description: "Its value before the change (null on CREATE, or when it was null)." })
  before!: unknown;

  @Field(() => JSONResolver, { nullable: true, description: "Its value after the change (null on DELETE, or when it became null)." })
  after!: unknown;
}
