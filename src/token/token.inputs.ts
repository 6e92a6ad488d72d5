import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { ConnectionType } from "../common/connection";
import { ApiToken } from "./token.entity";
import { ApiTokenScope } from "../access/roles";

export const ApiTokenConnection = ConnectionType(ApiToken, "ApiToken");

@InputType({ description: "A new API token for a script." })
export class CreateApiTokenInput {
  @Field(() => String, { description: "A label, 1–100 characters; the default `source` of the measurements it records." })
  @Length(1, 100)
  name!: string;

  @Field(() => ApiTokenScope, { description: "What the token may do." })
  scope!: ApiTokenScope;

  @Field(() => [String], { nullable: true, description: "WRITE_MEASUREMENTS: keys of the metrics it may write." })
  @IsOptional()
  @ArrayMaxSize(1000)
  metricKeys?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "WRITE_MEASUREMENTS: portfolios whose metrics (and those below) it may write." })
  @IsOptional()
  @ArrayMaxSize(100)
  portfolioIds?: string[] | null;

  @Field(() => Date, { nullable: true, description: "When it stops working; omit for no expiry." })
  expiresAt?: Date | null;
}

@InputType({ description: "Revoke an API token; it is refused from the next request on." })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: "The token's ID (not its secret)." })
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: "Result of createApiToken." })
export class CreateApiTokenPayload {
  @Field(() => ApiToken, { description: "The token's record." })
  apiToken!: ApiToken;

  @Field(() => String, { description: "The secret, shown this once and never stored: send it as `Authorization: Bearer <secret>`." })
  secret!: string;
}

@ObjectType({ simpleResolvers: true, description: "Result of revokeApiToken." })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { description: "The revoked token." })
  apiToken!: ApiToken;
}
