import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { JSONResolver } from "graphql-scalars";
import { encodeGlobalId } from "../common/global-id";
import { ReadsKeysOnly } from "../graphql/projection";
import { Node } from "../node/node.type";

export enum ChangeOperation {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  ARCHIVE = "ARCHIVE",
  RESTORE = "RESTORE",
  DELETE = "DELETE",
  RECORD = "RECORD",
  RETRACT = "RETRACT",
}
registerEnumType(ChangeOperation, {
  name: "ChangeOperation",
  description: "What a change did.",
  valuesConfig: {
    CREATE: { description: "Created the object." },
    UPDATE: { description: "Changed some of its fields." },
    ARCHIVE: { description: "Archived it (hidden from lists unless asked for)." },
    RESTORE: { description: "Brought it back from the archive." },
    DELETE: { description: "Removed it (memberships)." },
    RECORD: { description: "A recordMeasurements call: its counts and the metrics it wrote are in `summary`." },
    RETRACT: { description: "Measurements retracted: they no longer count." },
  },
});

export enum ActorKind {
  PERSON = "PERSON",
  TOKEN = "TOKEN",
  BOOTSTRAP = "BOOTSTRAP",
  DEV = "DEV",
  SYSTEM = "SYSTEM",
}
registerEnumType(ActorKind, {
  name: "ActorKind",
  description: "Who made a change.",
  valuesConfig: {
    PERSON: { description: "A person signed in with their identity provider; the id is their subject." },
    TOKEN: { description: "An API token; the id is the token's global ID." },
    BOOTSTRAP: { description: "The bootstrap token (RMO_BOOTSTRAP_TOKEN) or the local admin token." },
    DEV: { description: "Loopback access with RMO_DEV_OPEN (development only)." },
    SYSTEM: { description: "The service itself (the demo dataset)." },
  },
});

/**
 * One recorded change, written by the change hook (history.hook.ts) in the transaction that
 * made it, never edited afterwards (a trigger refuses UPDATE and DELETE).
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One recorded change to an object: who, when, in which request, and each field before and after.",
})
@Entity("change")
@Index("change_entity_idx", ["entity", "entityId", "at", "rowId"])
@Index("change_at_idx", ["at", "rowId"])
@Index("change_actor_idx", ["actorId", "at"])
@Index("change_portfolio_ids_idx", { synchronize: false }) // GIN, written by hand in the migration
export class Change {
  @PrimaryGeneratedColumn("increment", { type: "bigint", name: "id" })
  rowId!: number;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("Change", this.rowId);
  }

  @Field(() => String, { description: "The type of the changed object, e.g. `Initiative`, `PortfolioMember`, `Measurement`." })
  @Column({ type: "varchar", length: 60 })
  entity!: string;

  @Column({ type: "text" })
  entityId!: string;

  @Field(() => Int, { nullable: true, description: "The version the change produced, for versioned objects." })
  @Column({ type: "int", nullable: true })
  version!: number | null;

  @Field(() => ChangeOperation, { description: "What the change did." })
  @Column({ type: "varchar", length: 12 })
  operation!: ChangeOperation;

  @Column({ type: "varchar", length: 20 })
  actorKind!: string;

  @Column({ type: "varchar", length: 200 })
  actorId!: string;

  @Field(() => String, { description: "The id of the request that made it (the `x-request-id` header, or one the service made)." })
  @Column({ type: "varchar", length: 200 })
  requestId!: string;

  @Field(() => Date, { description: "When the change was made (its transaction's time)." })
  @Column({ type: "timestamptz", name: "changed_at", default: () => "now()" })
  at!: Date;

  /** The portfolios the changed object belonged to: who may audit it (access.ts). */
  @Column({ type: "uuid", array: true, default: () => "'{}'" })
  portfolioIds!: string[];

  /** For changes of API tokens: their creator, who may audit them. */
  @Column({ type: "varchar", length: 200, nullable: true })
  ownerSubject!: string | null;

  @Column({ type: "jsonb", nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: "jsonb", nullable: true })
  after!: Record<string, unknown> | null;

  @Field(() => JSONResolver, {
    nullable: true,
    description: "Set-based writes (measurement batches, criterion scores, the demo load): what the call did.",
  })
  @Column({ type: "jsonb", nullable: true })
  summary!: Record<string, unknown> | null;
}
