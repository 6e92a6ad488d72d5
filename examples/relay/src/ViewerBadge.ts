import { graphql } from "./graphql";

/** Who is signed in and where they hold roles: a portal reads it first to decide what to offer. */
export const ViewerBadge = graphql`
  query ViewerBadgeQuery {
    viewer {
      subject
      kind
      capabilities
      roles {
        role
        portfolio {
          id
          name
        }
      }
    }
  }
`;
