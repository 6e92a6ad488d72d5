import { serverAudits } from "graphql-http";
import { useTestApp } from "../support/app";

/**
 * The GraphQL-over-HTTP specification's own audit (graphql-http's `serverAudits`), run against
 * the real server with a credential. Every MUST and SHOULD passes, and no audit warns.
 */

const app = useTestApp();

it("passes every audit of the GraphQL-over-HTTP specification without a warning", async () => {
  const audits = serverAudits({
    url: () => app.url,
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${app.adminToken}`);
      return fetch(input, { ...init, headers });
    },
  });
  const results = [];
  for (const audit of audits) results.push({ ...(await audit.fn()), audit: audit.name });
  const notOk = results.filter((r) => r.status !== "ok").map((r) => `${r.status}: ${r.audit} — ${r.reason}`);
  expect(notOk).toEqual([]);
  expect(results.length).toBeGreaterThanOrEqual(60);
});
