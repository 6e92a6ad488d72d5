import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ReadsKeysOnly } from "../graphql/projection";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { Versioned } from "../common/entity-base";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { WritableColumns } from "../database/write";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A node in the portfolio tree (enterprise → domain → program) that holds initiatives and metrics.",
})
@Entity("portfolio")
@Check("portfolio_name_length", "char_length(name) BETWEEN 1 AND 200")
@Check("portfolio_budget_nonnegative", "budget >= 0")
@Check("portfolio_not_own_parent", "parent_id <> id")
export class Portfolio extends Versioned {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  @ReadsKeysOnly()
  get id(): string {
    return encodeGlobalId("Portfolio", this.rowId);
  }

  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the portfolio covers." })
  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Who is accountable for the portfolio (free text)." })
  @Column({ type: "text", nullable: true })
  owner!: string | null;

  @Index("portfolio_parent_id_idx")
  @Column({ type: "uuid", nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Portfolio, { onDelete: "RESTRICT", nullable: true })
  @JoinColumn({ name: "parent_id" })
  parentRelation?: Portfolio;

  @Field(() => Float, {
    nullable: true,
    description: "Planned investment capacity in the reporting currency (≥ 0).",
  })
  @Column({ type: "numeric", precision: 18, scale: 2, nullable: true })
  budget!: number | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the portfolio was archived; archived portfolios are hidden from lists unless asked for.",
  })
  @Column({ type: "timestamptz", nullable: true })
  archivedAt!: Date | null;
}

/** How each column is written (database/write.ts): inputs copy the "input" ones by name. */
export const PORTFOLIO_COLUMNS: WritableColumns<Portfolio> = {
  name: "required",
  description: "input",
  owner: "input",
  parentId: "system",
  budget: "input",
  archivedAt: "system",
};
