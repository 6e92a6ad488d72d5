import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { encodeGlobalId } from "../common/global-id";
import { ApiTokenScope } from "../access/roles";
import { WritableColumns } from "../database/write";
import { Node } from "../node/node.type";

/** A script's credential. Only a SHA-256 of the secret is stored; the secret is shown once. */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: "An API token for a script. The secret itself is only ever returned by createApiToken; `node(id:)` refetches yours.",
})
@Entity("api_token")
@Index("api_token_created_by_idx", ["createdBy"])
@Check("api_token_scope_valid", "scope IN ('READ_ONLY','WRITE_MEASUREMENTS')")
export class ApiToken {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "ID of the token (not its secret)." })
  get id(): string {
    return encodeGlobalId("ApiToken", this.rowId);
  }

  @Field(() => String, { description: "A label, e.g. the script's name; used as the default measurement source." })
  @Column({ type: "varchar", length: 100 })
  name!: string;

  @Field(() => String, { description: "The secret's first characters, to recognise it in logs and configs." })
  @Column({ type: "varchar", length: 20 })
  prefix!: string;

  @Index("api_token_secret_hash_unique", { unique: true })
  @Column({ type: "char", length: 64 })
  secretHash!: string;

  @Field(() => ApiTokenScope, { description: "What the token may do." })
  @Column({ type: "varchar", length: 20 })
  scope!: ApiTokenScope;

  @Field(() => [String], { description: "WRITE_MEASUREMENTS: metric keys it may write." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  metricKeys!: string[];

  @Column({ type: "uuid", array: true, default: () => "'{}'" })
  portfolioIds!: string[];

  @Field(() => String, { description: "Who created it; the token never sees more than they do." })
  @Column({ type: "varchar", length: 200 })
  createdBy!: string;

  @Column({ type: "boolean", default: false })
  createdByAdmin!: boolean;

  @Field(() => Date, { description: "When it was created." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it stops working; null: never." })
  @Column({ type: "timestamptz", nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was revoked; a revoked token is refused at once." })
  @Column({ type: "timestamptz", nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was last used (updated at most once a minute)." })
  @Column({ type: "timestamptz", nullable: true })
  lastUsedAt!: Date | null;
}

/** How each column is written (database/write.ts): the secret, its hash and the scope's lists are made by the service. */
export const TOKEN_COLUMNS: WritableColumns<ApiToken> = {
  name: "required",
  prefix: "system",
  secretHash: "system",
  scope: "required",
  metricKeys: "system",
  portfolioIds: "system",
  createdBy: "system",
  createdByAdmin: "system",
  expiresAt: "input",
  revokedAt: "system",
  lastUsedAt: "system",
};
