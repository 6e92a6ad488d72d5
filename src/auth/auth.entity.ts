import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Portfolio } from "../portfolio/portfolio.entity";
import { encodeGlobalId } from "../node/global-id";

export enum PortfolioRole {
  VIEWER = "VIEWER",
  CONTRIBUTOR = "CONTRIBUTOR",
  OWNER = "OWNER",
}
registerEnumType(PortfolioRole, {
  name: "PortfolioRole",
  description: "A member's role on a portfolio; it holds for every portfolio below it too.",
  valuesConfig: {
    VIEWER: { description: "Reads the portfolio, its initiatives, metrics, hypotheses and measurements." },
    CONTRIBUTOR: { description: "Also records measurements of its metrics and edits its hypotheses." },
    OWNER: { description: "Also edits the portfolio, its initiatives, metrics and members." },
  },
});

/** Higher rank, more rights; a role includes every lower one. */
export const ROLE_RANK: Record<PortfolioRole, number> = { VIEWER: 1, CONTRIBUTOR: 2, OWNER: 3 };

@ObjectType({ simpleResolvers: true, description: "A person's role on a portfolio (and, by inheritance, on everything below it)." })
@Entity("portfolio_member")
@Unique("portfolio_member_unique", ["portfolioId", "subject"])
@Index("portfolio_member_subject_idx", ["subject"])
@Check("portfolio_member_role_valid", "role IN ('VIEWER','CONTRIBUTOR','OWNER')")
export class PortfolioMember {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  portfolioId!: string;

  @ManyToOne(() => Portfolio, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;

  @Field(() => String, { description: "The person: the `sub` claim of their identity-provider token." })
  @Column({ type: "varchar", length: 200 })
  subject!: string;

  @Field(() => PortfolioRole, { description: "Their role here and below." })
  @Column({ type: "varchar", length: 12 })
  role!: PortfolioRole;

  @Field(() => Date, { description: "When the membership was granted." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: "Who granted it." })
  @Column({ type: "varchar", length: 200, nullable: true })
  createdBy!: string | null;
}

export enum ApiTokenScope {
  READ_ONLY = "READ_ONLY",
  WRITE_MEASUREMENTS = "WRITE_MEASUREMENTS",
}
registerEnumType(ApiTokenScope, {
  name: "ApiTokenScope",
  description: "What an API token may do, always within what its creator may see.",
  valuesConfig: {
    READ_ONLY: { description: "Read only." },
    WRITE_MEASUREMENTS: {
      description: "Read, and record measurements of the named metrics or of the metrics of the named portfolios (and below).",
    },
  },
});

/** A script's credential. Only a SHA-256 of the secret is stored; the secret is shown once. */
@ObjectType({ simpleResolvers: true, description: "An API token for a script. The secret itself is only ever returned by createApiToken." })
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
