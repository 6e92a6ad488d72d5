import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client/core";
import { BatchHttpLink } from "@apollo/client/link/batch-http";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { createHash } from "node:crypto";
import { Client as UrqlClient, fetchExchange } from "@urql/core";
import { GraphQLClient } from "graphql-request";
import { useTestApp } from "../support/app";

/**
 * The common clients with their default settings (issue 15, API.md "HTTP"): urql (GET for
 * queries), Apollo Client (POST, GET, batched), graphql-request (POST and GET), and plain
 * HTTP the way curl sends it. Each reads real data and records a measurement.
 */

const app = useTestApp();

const PORTFOLIOS = `query Portfolios($first: Int) { portfolios(first: $first) { nodes { id name } } }`;
const CREATE = `mutation Create($name: String!) { createPortfolio(input: { name: $name }) { portfolio { id name } } }`;

let names: string[] = [];
beforeAll(async () => {
  names = ["Clients A", "Clients B"];
  for (const name of names) await app.ok(CREATE, { name });
});

const auth = () => ({ authorization: `Bearer ${app.adminToken}` });

/** The names a portfolios answer holds, sorted. */
const namesOf = (data: { portfolios: { nodes: Array<{ name: string }> } }) => data.portfolios.nodes.map((n) => n.name).sort();

describe("urql with default settings", () => {
  it("queries with GET and mutates with POST", async () => {
    const methods: string[] = [];
    const client = new UrqlClient({
      url: app.url,
      exchanges: [fetchExchange],
      fetchOptions: () => ({ headers: auth() }),
      fetch: (input, init) => {
        methods.push(init?.method ?? "GET");
        return fetch(input, init);
      },
    });
    const read = await client.query(PORTFOLIOS, { first: 10 }).toPromise();
    expect(read.error).toBeUndefined();
    expect(namesOf(read.data)).toEqual(expect.arrayContaining(names));
    const write = await client.mutation(CREATE, { name: "From urql" }).toPromise();
    expect(write.error).toBeUndefined();
    expect(write.data.createPortfolio.portfolio.name).toBe("From urql");
    expect(methods).toEqual(["GET", "POST"]);
  });
});

describe("Apollo Client", () => {
  it("works with HttpLink's defaults (POST) and with GET for queries", async () => {
    for (const useGETForQueries of [false, true]) {
      const client = new ApolloClient({ link: new HttpLink({ uri: app.url, headers: auth(), useGETForQueries }), cache: new InMemoryCache() });
      const { data } = await client.query({ query: gql(PORTFOLIOS), variables: { first: 10 } });
      expect(namesOf(data as never)).toEqual(expect.arrayContaining(names));
      const created = await client.mutate({ mutation: gql(CREATE), variables: { name: `From Apollo ${useGETForQueries}` } });
      expect((created.data as { createPortfolio: { portfolio: { name: string } } }).createPortfolio.portfolio.name).toBe(
        `From Apollo ${useGETForQueries}`,
      );
    }
  });

  it("sends automatic persisted queries, hashed GETs included, and the second time only the hash", async () => {
    const sent: string[] = [];
    const fetchLogged: typeof fetch = (input, init) => {
      const withQuery = String(input).includes("query=") || String(init?.body ?? "").includes('"query"');
      sent.push(`${init?.method ?? "GET"} ${withQuery ? "query" : "hash"}`);
      return fetch(input, init);
    };
    for (const useGETForHashedQueries of [false, true]) {
      sent.length = 0;
      const sha256 = (q: string) => createHash("sha256").update(q).digest("hex");
      const link = new PersistedQueryLink({ sha256, useGETForHashedQueries }).concat(
        new HttpLink({ uri: app.url, headers: auth(), fetch: fetchLogged }),
      );
      const query = gql(`query ApqProbe${useGETForHashedQueries ? "Get" : "Post"} { portfolios(first: 5) { nodes { name } } }`);
      for (let i = 0; i < 2; i++) {
        const client = new ApolloClient({ link, cache: new InMemoryCache() });
        const { data } = await client.query({ query });
        expect(namesOf(data as never)).toEqual(expect.arrayContaining(names));
      }
      // first: the hash alone (not found), then hash and query; second client: the hash alone
      expect(sent).toEqual(useGETForHashedQueries ? ["GET hash", "POST query", "GET hash"] : ["POST hash", "POST query", "POST hash"]);
    }
  });

  it("batches operations with BatchHttpLink into one request", async () => {
    let requests = 0;
    const link = new BatchHttpLink({
      uri: app.url,
      headers: auth(),
      batchMax: 5,
      fetch: (input, init) => {
        requests++;
        return fetch(input as string, init);
      },
    });
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const [a, b] = await Promise.all([
      client.query({ query: gql(PORTFOLIOS), variables: { first: 1 } }),
      client.query({ query: gql(`query Info { serviceInfo { maxPageSize } }`) }),
    ]);
    expect((a.data as { portfolios: { nodes: unknown[] } }).portfolios.nodes).toHaveLength(1);
    expect((b.data as { serviceInfo: { maxPageSize: number } }).serviceInfo.maxPageSize).toBeGreaterThan(0);
    expect(requests).toBe(1);
  });
});

describe("graphql-request", () => {
  it("works with POST (its default) and GET", async () => {
    for (const method of ["POST", "GET"] as const) {
      const client = new GraphQLClient(app.url, { headers: auth(), method });
      const data = await client.request<{ portfolios: { nodes: Array<{ name: string }> } }>(PORTFOLIOS, { first: 10 });
      expect(namesOf(data)).toEqual(expect.arrayContaining(names));
    }
    const created = await new GraphQLClient(app.url, { headers: auth() }).request<{ createPortfolio: { portfolio: { name: string } } }>(CREATE, {
      name: "From graphql-request",
    });
    expect(created.createPortfolio.portfolio.name).toBe("From graphql-request");
  });
});

describe("plain HTTP, as curl sends it", () => {
  it("answers a GET with the query in the URL", async () => {
    const url = `${app.url}?query=${encodeURIComponent("{ serviceInfo { maxPageSize } }")}`;
    const res = await fetch(url, { headers: auth() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { serviceInfo: { maxPageSize: number } } }).data.serviceInfo.maxPageSize).toBeGreaterThan(0);
  });

  it("refuses a mutation sent with GET (405, Allow: POST)", async () => {
    const url = `${app.url}?query=${encodeURIComponent('mutation { createPortfolio(input: { name: "via GET" }) { portfolio { id } } }')}`;
    const res = await fetch(url, { headers: auth() });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("says which content-type to send when the body is not declared JSON", async () => {
    const body = JSON.stringify({ query: "{ serviceInfo { maxPageSize } }" });
    // curl -d without -H sends application/x-www-form-urlencoded
    const form = await fetch(app.url, { method: "POST", headers: { ...auth(), "content-type": "application/x-www-form-urlencoded" }, body });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({
      errors: [
        {
          message: 'Unsupported content-type "application/x-www-form-urlencoded": send the body as JSON with content-type: application/json',
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    });
    const none = await fetch(app.url, { method: "POST", headers: auth(), body: new Blob([body]) });
    expect(none.status).toBe(415);
    expect(((await none.json()) as { errors: Array<{ message: string }> }).errors[0].message).toMatch(/^Missing content-type/);
  });
});

describe("batched requests", () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(app.url, { method: "POST", headers: { "content-type": "application/json", ...auth(), ...headers }, body: JSON.stringify(body) });

  it("answer an array of operations with an array of results, in order", async () => {
    const res = await post([{ query: "{ serviceInfo { maxPageSize } }" }, { query: PORTFOLIOS, variables: { first: 1 } }]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Array<{ data: Record<string, unknown> }>;
    expect(body).toHaveLength(2);
    expect(Object.keys(body[0].data)).toEqual(["serviceInfo"]);
    expect(Object.keys(body[1].data)).toEqual(["portfolios"]);
  });

  it("refuse more operations than RMO_MAX_BATCH_OPERATIONS, an empty batch, and an Idempotency-Key on a batch", async () => {
    const eleven = Array.from({ length: 11 }, () => ({ query: "{ serviceInfo { maxPageSize } }" }));
    const tooMany = await post(eleven);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: Array<{ message: string }> }).errors[0].message).toBe(
      "A batch may hold at most 10 operations (RMO_MAX_BATCH_OPERATIONS); got 11",
    );
    expect((await post([])).status).toBe(400);
    expect((await post([{ query: CREATE, variables: { name: "keyed" } }], { "idempotency-key": "k1" })).status).toBe(400);
  });

  it("count the cost of all their operations against one limit", async () => {
    // each alone is within RMO_MAX_COST (50,000); together they are not
    const wide = `{ initiatives(first: 500) { nodes { id name hypotheses(first: 19) { nodes { id } } } } }`;
    const alone = (await (await post({ query: wide })).json()) as { errors?: unknown; extensions: { cost: { requested: number } } };
    expect(alone.errors).toBeUndefined();
    const cost = alone.extensions.cost.requested;
    const copies = Math.floor(50_000 / cost) + 1;
    expect(copies).toBeLessThanOrEqual(10);
    const res = (await (await post(Array.from({ length: copies }, () => ({ query: wide })))).json()) as Array<{
      errors?: Array<{ message: string; extensions: { code: string } }>;
    }>;
    const last = res[copies - 1];
    expect(last.errors![0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(last.errors![0].message).toMatch(/^The batch's operations together cost \d+, over the limit of 50000/);
    expect(res.slice(0, copies - 1).every((r) => r.errors === undefined)).toBe(true);
  });
});
