import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType({ description: "An object with a globally unique, opaque ID that `node(id:)` refetches." })
export abstract class Node {
  @Field(() => ID, { description: "Opaque global ID; encodes the type and the row. Do not parse it." })
  id!: string;
}
