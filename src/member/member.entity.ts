import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { Portfolio } from "../portfolio/portfolio.entity";
import { PortfolioRole } from "../access/roles";
import { WritableColumns } from "../database/write";
import { KnownFromColumn } from "../common/entity-base";

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

  @KnownFromColumn()
  knownFrom!: Date;
}

/** How each column is written (database/write.ts). */
export const MEMBER_COLUMNS: WritableColumns<PortfolioMember> = {
  portfolioId: "system",
  subject: "input",
  role: "input",
  createdBy: "system",
};
