import { graphql } from "./graphql";

/**
 * A portfolio board as a Relay app would build it: a query by global ID through `node`, a
 * paginated and refetchable fragment over `initiatives` (a Relay connection), and a row
 * fragment per initiative with its hypotheses' progress. relay-compiler checks every
 * selection against schema.graphql (`npm run examples:relay`, in CI).
 */
export const PortfolioBoardQuery = graphql`
  query PortfolioBoardQuery($id: ID!, $asOf: DateTime) {
    node(id: $id) {
      ... on Portfolio {
        name
        valueSummary(asOf: $asOf) {
          expectedBenefit
          realizedBenefit
          weightedProgress
          statusCounts {
            status
            count
          }
        }
        ...PortfolioBoard_initiatives @arguments(asOf: $asOf)
      }
    }
  }
`;

export const PortfolioBoardInitiatives = graphql`
  fragment PortfolioBoard_initiatives on Portfolio
  @refetchable(queryName: "PortfolioBoardInitiativesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }, asOf: { type: "DateTime" }) {
    initiatives(first: $count, after: $cursor, filter: { includeDescendants: true }) @connection(key: "PortfolioBoard_initiatives") {
      totalCount
      edges {
        node {
          id
          ...InitiativeRow_initiative @arguments(asOf: $asOf)
        }
      }
    }
  }
`;
