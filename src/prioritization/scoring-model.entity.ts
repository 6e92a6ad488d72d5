import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from "typeorm";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Node } from "../node/node.type";
import { encodeGlobalId } from "../common/global-id";
import { Portfolio } from "../portfolio/portfolio.entity";
import { Initiative } from "../initiative/initiative.entity";
import { WritableColumns } from "../database/write";
import { KnownFromColumn } from "../common/entity-base";

@ObjectType({ simpleResolvers: true, description: "One criterion of a custom scoring model." })
export class ScoringCriterion {
  @Field(() => String, { description: "Stable handle, used by setInitiativeScores (1–50 characters)." })
  key!: string;

  @Field(() => String, { description: "Display name." })
  name!: string;

  @Field(() => Float, { description: "Relative weight (> 0)." })
  weight!: number;

  @Field(() => Float, { description: "Lowest value on the scale." })
  min!: number;

  @Field(() => Float, { description: "Highest value on the scale (> min)." })
  max!: number;
}

/**
 * A portfolio's own scoring model. Every change makes a new version (kept in
 * scoring_model_version), and a ranking names the version it used.
 */
@ObjectType({ simpleResolvers: true, implements: Node, description: "A custom scoring model of a portfolio: weighted criteria on their own scales." })
@Entity("scoring_model")
@Index("scoring_model_portfolio_idx", ["portfolioId", "name"])
@Check("scoring_model_name_length", "char_length(name) BETWEEN 1 AND 200")
export class ScoringModel {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  rowId!: string;

  @Field(() => ID, { description: "Opaque global ID." })
  get id(): string {
    return encodeGlobalId("ScoringModel", this.rowId);
  }

  @Column({ type: "uuid" })
  portfolioId!: string;

  @KnownFromColumn()
  knownFrom!: Date;

  @ManyToOne(() => Portfolio, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "portfolio_id" })
  portfolioRelation?: Portfolio;

  @Field(() => String, { description: "Display name." })
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => Int, { description: "Current version: 1 at creation, one more on every change." })
  @Column({ type: "int", default: 1 })
  version!: number;

  @Field(() => [ScoringCriterion], { description: "The criteria of the current version." })
  @Column({ type: "jsonb" })
  criteria!: ScoringCriterion[];

  @Field(() => String, { nullable: true, description: "Who created the model." })
  @Column({ type: "varchar", length: 200, nullable: true })
  createdBy!: string | null;

  @Field(() => Date, { description: "When the model was created." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field(() => Date, { description: "When the current version was made." })
  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt!: Date;
}

/** How each column is written (database/write.ts); the criteria are validated and normalised by the service. */
export const SCORING_MODEL_COLUMNS: WritableColumns<ScoringModel> = {
  portfolioId: "system",
  name: "required",
  criteria: "system",
  createdBy: "system",
};

/** Every version a scoring model has had, so a ranking's version can always be read back. */
@Entity("scoring_model_version")
@Unique("scoring_model_version_unique", ["modelId", "version"])
export class ScoringModelVersion {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  modelId!: string;

  @ManyToOne(() => ScoringModel, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "model_id" })
  modelRelation?: ScoringModel;

  @Column({ type: "int" })
  version!: number;

  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Column({ type: "jsonb" })
  criteria!: ScoringCriterion[];

  @Column({ type: "varchar", length: 200, nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;
}

/** An initiative's value on one criterion of a model, kept by criterion key across versions. */
@Entity("initiative_criterion_score")
@Index("initiative_criterion_score_model_idx", ["modelId"])
export class InitiativeCriterionScore {
  @PrimaryColumn({ type: "uuid" })
  initiativeId!: string;

  @PrimaryColumn({ type: "uuid" })
  modelId!: string;

  @PrimaryColumn({ type: "varchar", length: 50 })
  criterionKey!: string;

  @ManyToOne(() => Initiative, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "initiative_id" })
  initiativeRelation?: Initiative;

  @ManyToOne(() => ScoringModel, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "model_id" })
  modelRelation?: ScoringModel;

  @Column({ type: "double precision" })
  value!: number;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt!: Date;

  @KnownFromColumn()
  knownFrom!: Date;
}
