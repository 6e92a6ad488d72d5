import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Length } from "class-validator";
import { ConnectionType } from "../common/connection";
import { Portfolio } from "../portfolio/portfolio.entity";
import { PortfolioMember } from "./member.entity";
import { PortfolioRole } from "../access/roles";

export const PortfolioMemberConnection = ConnectionType(PortfolioMember, "PortfolioMember");

@InputType({ description: "Grant a person a role on a portfolio (replacing the role they had there)." })
export class AddPortfolioMemberInput {
  @Field(() => ID, { description: "The portfolio." })
  portfolioId!: string;

  @Field(() => String, { description: "The person: the `sub` claim their identity-provider token carries." })
  @Length(1, 200)
  subject!: string;

  @Field(() => PortfolioRole, { description: "The role, inherited by every portfolio below." })
  role!: PortfolioRole;
}

@InputType({ description: "Take a person's role on a portfolio away." })
export class RemovePortfolioMemberInput {
  @Field(() => ID, { description: "The portfolio." })
  portfolioId!: string;

  @Field(() => String, { description: "The person's subject." })
  @Length(1, 200)
  subject!: string;
}

@ObjectType({ simpleResolvers: true, description: "Result of addPortfolioMember." })
export class AddPortfolioMemberPayload {
  @Field(() => PortfolioMember, { description: "The membership as it now is." })
  member!: PortfolioMember;

  @Field(() => Portfolio, { description: "The portfolio." })
  portfolio!: Portfolio;
}

@ObjectType({ simpleResolvers: true, description: "Result of removePortfolioMember." })
export class RemovePortfolioMemberPayload {
  @Field(() => Boolean, { description: "False when the person had no role on this portfolio." })
  removed!: boolean;

  @Field(() => Portfolio, { description: "The portfolio." })
  portfolio!: Portfolio;
}
