import { CreateDateColumn, UpdateDateColumn, Column } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

/** `createdAt`/`updatedAt`, which every entity carries (DOMAIN.md, "Entities"). */
// Decorated so type-graphql inherits the fields; never referenced, so not emitted.
@ObjectType({ simpleResolvers: true })
export abstract class Timestamped {
  @Field(() => Date, { description: "When the object was created." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field(() => Date, { description: "When the object last changed." })
  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt!: Date;
}

/**
 * `known_from`: when the row's current version was recorded. Every table whose past versions
 * are kept (`<table>_history`, read by `<table>_at(k)`: src/database/known-at.ts) has it; the
 * history trigger sets it on update, the column default on insert. Never written by the API.
 */
export function KnownFromColumn(): PropertyDecorator {
  return Column({ type: "timestamptz", default: () => "now()" });
}

/** Editable entities: `version` guards updates (pass it back as `expectedVersion`). */
@ObjectType({ simpleResolvers: true })
export abstract class Versioned extends Timestamped {
  @Field(() => Int, {
    description: "Increases by one on every change; send it as `expectedVersion` to detect concurrent edits.",
  })
  @Column({ type: "int", default: 1 })
  version!: number;

  @KnownFromColumn()
  knownFrom!: Date;
}
