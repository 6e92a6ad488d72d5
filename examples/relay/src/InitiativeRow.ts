import { graphql } from "./graphql";

/** One initiative of the board: its stage, money and the progress of its hypotheses. */
export const InitiativeRow = graphql`
  fragment InitiativeRow_initiative on Initiative @argumentDefinitions(asOf: { type: "DateTime" }) {
    name
    stage
    budget
    actualCost
    hypotheses(first: 10) {
      nodes {
        id
        statement
        metric {
          key
          unit
        }
        progress(asOf: $asOf) {
          current
          ratio
          expectedRatio
          status
        }
      }
    }
  }
`;
