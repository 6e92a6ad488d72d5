import { registerEnumType } from "type-graphql";

export enum PortfolioRole {
  VIEWER = "VIEWER",
  CONTRIBUTOR = "CONTRIBUTOR",
  OWNER = "OWNER",
}
registerEnumType(PortfolioRole, {
  name: "PortfolioRole",
  description: "A member's role on a portfolio; it holds for every portfolio below it too.",
  valuesConfig: {
    VIEWER: { description: "Reads the portfolio, its initiatives, metrics, hypotheses and measurements." },
    CONTRIBUTOR: { description: "Also records measurements of its metrics and edits its hypotheses." },
    OWNER: { description: "Also edits the portfolio, its initiatives, metrics and members." },
  },
});

/** Higher rank, more rights; a role includes every lower one. */
export const ROLE_RANK: Record<PortfolioRole, number> = { VIEWER: 1, CONTRIBUTOR: 2, OWNER: 3 };

export enum ApiTokenScope {
  READ_ONLY = "READ_ONLY",
  WRITE_MEASUREMENTS = "WRITE_MEASUREMENTS",
}
registerEnumType(ApiTokenScope, {
  name: "ApiTokenScope",
  description: "What an API token may do, always within what its creator may see.",
  valuesConfig: {
    READ_ONLY: { description: "Read only." },
    WRITE_MEASUREMENTS: {
      description: "Read, and record measurements of the named metrics or of the metrics of the named portfolios (and below).",
    },
  },
});
