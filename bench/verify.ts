/**
 * Before any timing: ask the API server and the floor the same question once and compare
 * the answers (`data` only; the server's extensions carry cost and statement counts). The
 * report is walked page by page on both, following the server's cursors, so every page and
 * every cursor is compared.
 */
import { diff } from "./compare";
import { endCursorOf, floorPath, graphqlBody, ReadScenario, ScenarioParams } from "./scenarios";

export interface Endpoints {
  graphqlUrl: string;
  token: string;
  floorUrl: string;
}

export interface Verification {
  scenario: ReadScenario;
  diffs: string[];
  /** SQL statements the server sent for one request (for the report: per page). */
  sqlStatements: number | null;
  /** The operation's cost as the server computed it (extensions.cost.requested). */
  cost: number | null;
  responseBytes: number;
  /** Report only: pages in one full walk, and rows. */
  pages?: number;
  rows?: number;
}

interface Answer {
  status: number;
  text: string;
  json: { data?: unknown; errors?: unknown; extensions?: { sqlStatements?: number; cost?: { requested?: number } } };
}

async function fetchJson(url: string, init?: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: Answer["json"] = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [`not JSON: ${text.slice(0, 200)}`] };
  }
  return { status: res.status, text, json };
}

export function graphqlInit(token: string, body: string): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body };
}

async function askBoth(e: Endpoints, scenario: ReadScenario, p: ScenarioParams, after: string | null) {
  const server = await fetchJson(e.graphqlUrl, graphqlInit(e.token, graphqlBody(scenario, p, after)));
  const floor = await fetchJson(`${e.floorUrl}${floorPath(scenario, after)}`);
  const diffs: string[] = [];
  if (server.status !== 200 || server.json.errors) diffs.push(`server answered HTTP ${server.status}: ${server.text.slice(0, 500)}`);
  if (floor.status !== 200 || floor.json.errors) diffs.push(`floor answered HTTP ${floor.status}: ${floor.text.slice(0, 500)}`);
  if (!diffs.length) diffs.push(...diff(server.json.data, floor.json.data, "data"));
  return { server, floor, diffs };
}

export async function verify(e: Endpoints, scenario: ReadScenario, p: ScenarioParams): Promise<Verification> {
  if (scenario !== "report") {
    const { server, diffs } = await askBoth(e, scenario, p, null);
    return {
      scenario,
      diffs,
      sqlStatements: server.json.extensions?.sqlStatements ?? null,
      cost: server.json.extensions?.cost?.requested ?? null,
      responseBytes: Buffer.byteLength(server.text),
    };
  }
  let after: string | null = null;
  let pages = 0;
  let rows = 0;
  let bytes = 0;
  const first: Partial<Verification> = {};
  for (;;) {
    const { server, diffs } = await askBoth(e, scenario, p, after);
    pages++;
    bytes += Buffer.byteLength(server.text);
    if (pages === 1) {
      first.sqlStatements = server.json.extensions?.sqlStatements ?? null;
      first.cost = server.json.extensions?.cost?.requested ?? null;
    }
    if (diffs.length) return { scenario, diffs: diffs.map((d) => `page ${pages}: ${d}`), sqlStatements: null, cost: null, responseBytes: 0 };
    const page = (server.json.data as { valueReport: { nodes: unknown[]; pageInfo: { hasNextPage: boolean } } }).valueReport;
    rows += page.nodes.length;
    if (!page.pageInfo.hasNextPage) break;
    after = endCursorOf(server.text);
    if (!after) return { scenario, diffs: [`page ${pages}: hasNextPage without an endCursor`], sqlStatements: null, cost: null, responseBytes: 0 };
    if (pages > 10_000) throw new Error("report walk did not end");
  }
  return { scenario, diffs: [], sqlStatements: first.sqlStatements ?? null, cost: first.cost ?? null, responseBytes: bytes / pages, pages, rows };
}
