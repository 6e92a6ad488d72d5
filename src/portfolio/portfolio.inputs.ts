import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { IsOptional, Length, Max, Min } from "class-validator";
import { MAX_MONEY } from "../common/money";
import { OrderInput } from "../common/order";
import { ConnectionType } from "../common/connection";
import { Portfolio } from "./portfolio.entity";

export enum PortfolioOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(PortfolioOrderField, {
  name: "PortfolioOrderField",
  description: "Fields a portfolio list can be sorted by.",
  valuesConfig: {
    NAME: { description: "By name." },
    CREATED_AT: { description: "By creation time." },
    UPDATED_AT: { description: "By last change." },
  },
});
export const PortfolioOrder = OrderInput(PortfolioOrderField, "Portfolio", PortfolioOrderField.NAME);
export type PortfolioOrder = InstanceType<typeof PortfolioOrder>;

export const PortfolioConnection = ConnectionType(Portfolio, "Portfolio");

@InputType({ description: "Narrows a portfolio list; all given conditions must hold." })
export class PortfolioFilter {
  @Field(() => String, { nullable: true, description: "Name contains this text (case-insensitive)." })
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: "Only direct children of this portfolio." })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only portfolios without a parent (tree roots)." })
  rootsOnly?: boolean | null;

  @Field(() => Boolean, { defaultValue: false, description: "Include archived portfolios." })
  includeArchived!: boolean;
}

@InputType({ description: "A new portfolio." })
export class CreatePortfolioInput {
  @Field(() => String, { description: "Display name, 1–200 characters." })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: "What the portfolio covers." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Who is accountable (free text)." })
  owner?: string | null;

  @Field(() => ID, { nullable: true, description: "Parent portfolio; omit for a tree root." })
  parentId?: string | null;

  @Field(() => Float, { nullable: true, description: "Planned investment capacity (≥ 0)." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  budget?: number | null;
}

@InputType({ description: "Changes to a portfolio; omitted fields stay as they are, null clears." })
export class UpdatePortfolioInput {
  @Field(() => ID, { description: "The portfolio to change." })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Fail with CONFLICT unless the portfolio is at this version." })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: "New name, 1–200 characters." })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "New owner." })
  owner?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Move under this parent; null makes it a root. A move into its own subtree is rejected.",
  })
  parentId?: string | null;

  @Field(() => Float, { nullable: true, description: "New budget (≥ 0); null clears it." })
  @IsOptional()
  @Min(0)
  @Max(MAX_MONEY)
  budget?: number | null;
}

@InputType({ description: "Archive or restore a portfolio." })
export class ArchivePortfolioInput {
  @Field(() => ID, { description: "The portfolio." })
  id!: string;

  @Field(() => Int, { nullable: true, description: "Fail with CONFLICT unless the portfolio is at this version." })
  expectedVersion?: number | null;

  @Field(() => Boolean, { defaultValue: true, description: "true archives, false restores." })
  archived!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "Result of createPortfolio." })
export class CreatePortfolioPayload {
  @Field(() => Portfolio, { description: "The new portfolio." })
  portfolio!: Portfolio;
}

@ObjectType({ simpleResolvers: true, description: "Result of updatePortfolio." })
export class UpdatePortfolioPayload {
  @Field(() => Portfolio, { description: "The changed portfolio." })
  portfolio!: Portfolio;
}

@ObjectType({ simpleResolvers: true, description: "Result of archivePortfolio." })
export class ArchivePortfolioPayload {
  @Field(() => Portfolio, { description: "The archived or restored portfolio." })
  portfolio!: Portfolio;
}
