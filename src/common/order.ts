import { ClassType, Field, InputType } from "type-graphql";
import { OrderDirection } from "./connection";

/**
 * Builds `<Name>Order { field, direction }` for a list whose sortable fields are `Fields`.
 * Every sortable field is non-null, so keyset cursors stay exact.
 */
export function OrderInput<E extends Record<string, string>>(fields: E, name: string, defaultField: E[keyof E]) {
  @InputType(`${name}Order`, { description: `How to sort a ${name} list.` })
  class Order {
    @Field(() => fields, { defaultValue: defaultField, description: "The field to sort by." })
    field!: E[keyof E];

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Sort direction." })
    direction!: OrderDirection;
  }
  return Order as ClassType<{ field: E[keyof E]; direction: OrderDirection }>;
}

/** `%text%` for ILIKE, with the pattern characters in `text` escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
}
