import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Capability } from "../access/capabilities";

/** What kind of credential a request was made with. */
export enum CallerKind {
  PERSON = "PERSON",
  API_TOKEN = "API_TOKEN",
  BOOTSTRAP = "BOOTSTRAP",
  DEV = "DEV",
}
registerEnumType(CallerKind, {
  name: "CallerKind",
  description: "The kind of credential a request was made with.",
  valuesConfig: {
    PERSON: { description: "A person, signed in with the identity provider's token (JWT)." },
    API_TOKEN: { description: "A script, with an API token (`rmo_…`) made by createApiToken." },
    BOOTSTRAP: { description: "The operator's bootstrap token (RMO_BOOTSTRAP_TOKEN, or the local admin token)." },
    DEV: { description: "An unauthenticated loopback request with RMO_DEV_OPEN (development only)." },
  },
});

/** The caller of this request, as `viewer` answers it. */
@ObjectType("Viewer", { description: "Who is calling and what they may do: read it first to tell what a portal should offer." })
export class ViewerInfo {
  @Field(() => String, { description: "Whose memberships apply: the person's `sub` claim, or the creator of the API token." })
  subject!: string;

  @Field(() => String, { description: "Recorded as who made a change, and the default `source` of the measurements recorded." })
  name!: string;

  @Field(() => CallerKind, { description: "The kind of credential used." })
  kind!: CallerKind;

  @Field(() => Boolean, { description: "A global admin: sees and may change everything (an API token made by an admin never is)." })
  admin!: boolean;

  @Field(() => [Capability], {
    description:
      "What this credential may do at all (READ; MANAGE: change the model; RECORD: record measurements). Per portfolio, `roles` and the portfolios' own rules decide.",
  })
  capabilities!: Capability[];

  /** The API token's row, when the caller is one. */
  tokenRowId?: string;
}
