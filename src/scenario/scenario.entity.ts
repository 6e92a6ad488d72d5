import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { Portfolio } from "../portfolio/portfolio.entity";

/** A saved what-if plan: the inputs, the result as it was computed, and who made it. */
@ObjectType({ simpleResolvers: true, implements: Node, description: "A saved capacity-planning scenario." })
@Entity("scenario")
@Index("scenario_portfolio_idx", ["portfolioId", "createdAt", "rowId"])
export class Scenario {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  get id(): string {
    return encodeGlobalId("Scenario", this.rowId);
  }

  @Column({ type: "uuid" })
  portfolioId!: string;

  @ManyToOne(() => Portfolio, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;

  @Field(() => String, { description: "Display name." })
  @Column({ type: "varchar", length: 200 })
  name!: string;

  /** The PlanScenarioInput as given (row keys, not global IDs). */
  @Column({ type: "jsonb" })
  input!: Record<string, unknown>;

  /** The computed plan at save time. */
  @Column({ type: "jsonb" })
  result!: Record<string, unknown>;

  @Field(() => String, { description: "Who saved it." })
  @Column({ type: "varchar", length: 200 })
  createdBy!: string;

  @Field(() => Date, { description: "When it was saved." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;
}
