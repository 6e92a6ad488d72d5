import { useTestApp } from "../support/app";
import { seedDemo } from "../../src/seed/demo";
import { Caller, grant, holding, Holding, person } from "../support/auth-factories";
import { insertMeasurements } from "../support/factories";
import { asCsvCell, csvObjects, parseCsv } from "./csv";

/**
 * BI exports (issue 15): GET /export/<name>.csv|.ndjson give the same rows as the GraphQL
 * field they mirror, with the same parameters, credential and visibility.
 */
const app = useTestApp({ RMO_MAX_CONCURRENT_EXPORTS: "2" });
const NOW = new Date("2026-06-01T00:00:00Z");
const origin = () => new URL(app.url).origin;

async function download(path: string, token = app.adminToken): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${origin()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const REPORT_FIELDS = `asOf knownAt portfolioId portfolioName portfolioPath initiativeId initiativeName stage tags budget actualCost
  hypothesisId statement state weight metricKey metricName metricUnit baseline baselineAt target targetDate current ratio
  expectedRatio status expectedBenefit realizedBenefit forecastAtTarget forecastRatio forecastAchievedAt`;

/** Every row of valueReport, page after page. */
async function reportPages(caller: Pick<Caller, "ok">, args: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let after: string | null = null;
  do {
    const data: any = await caller.ok(
      `query($portfolioId: ID, $asOf: DateTime, $knownAt: DateTime, $filter: ValueReportFilter, $after: String) {
        valueReport(portfolioId: $portfolioId, asOf: $asOf, knownAt: $knownAt, filter: $filter, first: 7, after: $after) {
          pageInfo { hasNextPage endCursor } nodes { ${REPORT_FIELDS} }
        }
      }`,
      { ...args, after },
    );
    rows.push(...data.valueReport.nodes);
    after = data.valueReport.pageInfo.hasNextPage ? data.valueReport.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

let rootId: string;

beforeAll(async () => {
  await seedDemo(app.dataSource, () => {}, { now: NOW });
  rootId = (await app.ok(`{ portfolios(filter: { rootsOnly: true }) { nodes { id } } }`)).portfolios.nodes[0].id;
});

describe("GET /export/value-report", () => {
  const asOf = "2026-05-01T00:00:00.000Z";

  it("CSV: the GraphQL report's rows, row for row and cell for cell, header = field names", async () => {
    const expected = await reportPages(app, { portfolioId: rootId, asOf });
    expect(expected.length).toBeGreaterThanOrEqual(30);
    const csv = await download(`/export/value-report.csv?portfolioId=${rootId}&asOf=${asOf}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const [header] = parseCsv(csv.text);
    expect(header).toEqual(REPORT_FIELDS.split(/\s+/));
    const rows = csvObjects(csv.text);
    expect(rows.length).toBe(expected.length);
    rows.forEach((row, i) => {
      const want = Object.fromEntries(Object.entries(expected[i]).map(([k, v]) => [k, asCsvCell(v)]));
      // the record time of each answer is its own "now"
      expect({ ...row, knownAt: "" }).toEqual({ ...want, knownAt: "" });
    });
    // the figures BI needs are there, not empty columns
    expect(rows.some((r) => r.forecastRatio !== "")).toBe(true);
    expect(rows.every((r) => r.portfolioPath.startsWith("Acme Group"))).toBe(true);
    expect(rows.every((r) => r.statement.length > 10 && r.metricName !== "" && r.stage !== "")).toBe(true);
  });

  it("NDJSON: one JSON object per line, equal to the GraphQL nodes; filters and knownAt as in GraphQL", async () => {
    const knownAt = "2026-05-15T00:00:00.000Z";
    const filter = { statuses: ["ON_TRACK", "AT_RISK"], states: ["ACTIVE"] };
    const expected = await reportPages(app, { portfolioId: rootId, asOf, knownAt, filter });
    expect(expected.length).toBeGreaterThan(0);
    const nd = await download(
      `/export/value-report.ndjson?portfolioId=${rootId}&asOf=${asOf}&knownAt=${knownAt}&statuses=ON_TRACK,AT_RISK&states=ACTIVE`,
    );
    expect(nd.type).toMatch(/^application\/x-ndjson/);
    const lines = nd.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(expected);
  });

  it("covers every portfolio the caller sees when no portfolioId is given (GraphQL too)", async () => {
    const everything = await reportPages(app, { asOf });
    const root = await reportPages(app, { portfolioId: rootId, asOf });
    expect(everything.map((r) => r.hypothesisId)).toEqual(root.map((r) => r.hypothesisId));
    const csv = csvObjects((await download(`/export/value-report.csv?asOf=${asOf}`)).text);
    expect(csv.map((r) => r.hypothesisId)).toEqual(everything.map((r) => r.hypothesisId));
  });
});

describe("GET /export/measurements and /export/series", () => {
  const key = "checkout.conversion_rate";

  it("measurements: Metric.measurements in observedAt order, with its filters", async () => {
    const from = "2026-03-01T00:00:00.000Z";
    const to = "2026-04-01T00:00:00.000Z";
    const data = await app.ok(
      `query($key: String!, $from: DateTime, $to: DateTime) { metricByKey(key: $key) {
        measurements(first: 500, filter: { from: $from, to: $to }, orderBy: { field: OBSERVED_AT, direction: ASC }) {
          nodes { id observedAt value source note recordedAt recordedBy retractedAt retractedBy } } } }`,
      { key, from, to },
    );
    const expected = data.metricByKey.measurements.nodes;
    expect(expected.length).toBeGreaterThanOrEqual(28);
    const csv = csvObjects((await download(`/export/measurements.csv?metricKey=${key}&from=${from}&to=${to}`)).text);
    const columns = ["id", "metricKey", "observedAt", "value", "source", "note", "recordedAt", "recordedBy", "retractedAt", "retractedBy"];
    const want = expected.map((m: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, asCsvCell(c === "metricKey" ? key : m[c])])));
    expect(csv).toEqual(want);
  });

  it("measurements of every visible metric when no key is given: all of them, grouped by key", async () => {
    const csv = csvObjects((await download(`/export/measurements.csv`)).text);
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM measurement WHERE retracted_at IS NULL");
    expect(csv.length).toBe(n);
    const keys = csv.map((r) => r.metricKey);
    expect(keys).toEqual([...keys].sort());
  });

  it("series: Metric.series bucket for bucket, for several metrics at once", async () => {
    const args = { from: "2026-01-01T00:00:00.000Z", to: "2026-05-01T00:00:00.000Z" };
    const data = await app.ok(
      `query($from: DateTime!, $to: DateTime!) {
        a: metricByKey(key: "checkout.conversion_rate") { series(from: $from, to: $to, interval: WEEK) { start value count } }
        b: metricByKey(key: "cs.nps") { series(from: $from, to: $to, interval: WEEK) { start value count } }
      }`,
      args,
    );
    const csv = csvObjects(
      (await download(`/export/series.csv?metricKey=checkout.conversion_rate,cs.nps&from=${args.from}&to=${args.to}&interval=WEEK`)).text,
    );
    const cells = (k: string, points: Array<Record<string, unknown>>) =>
      points.map((p) => ({ metricKey: k, start: asCsvCell(p.start), value: asCsvCell(p.value), count: asCsvCell(p.count) }));
    expect(csv).toEqual([...cells("checkout.conversion_rate", data.a.series), ...cells("cs.nps", data.b.series)]);
  });
});

describe("who sees what", () => {
  let R: Holding;
  let S: Holding;
  let vera: Caller;

  beforeAll(async () => {
    R = await holding(app, "Export R");
    S = await holding(app, "Export S");
    for (const h of [R, S]) await insertMeasurements(app, h.metricKey, [{ value: 12, observedAt: "2025-06-01T00:00:00Z" }]);
    await grant(app, R.portfolio, "vera", "VIEWER");
    vera = await person(app, "vera");
  });

  it("a viewer's whole-organisation report holds their portfolios' rows and nothing else", async () => {
    const rows = csvObjects((await download(`/export/value-report.csv`, vera.token)).text);
    expect(rows.map((r) => r.hypothesisId)).toEqual([R.hypothesis]);
    expect(rows[0].portfolioPath).toBe("Export R");
    expect((await reportPages(vera, {})).map((r) => r.hypothesisId)).toEqual([R.hypothesis]);
  });

  it("a hidden portfolio is NOT_FOUND, hidden metrics' measurements are left out", async () => {
    const hidden = await download(`/export/value-report.csv?portfolioId=${S.portfolio}`, vera.token);
    expect(hidden.status).toBe(404);
    expect(JSON.parse(hidden.text).errors[0].extensions.code).toBe("NOT_FOUND");
    const mine = csvObjects((await download(`/export/measurements.csv`, vera.token)).text);
    expect(new Set(mine.map((r) => r.metricKey))).toEqual(new Set([R.metricKey]));
    const asked = csvObjects((await download(`/export/measurements.csv?metricKey=${S.metricKey}`, vera.token)).text);
    expect(asked).toEqual([]);
    expect((await download(`/export/series.csv?metricKey=${S.metricKey}&from=2025-01-01&to=2025-12-31&interval=MONTH`, vera.token)).status).toBe(404);
  });

  it("needs the bearer credential", async () => {
    const res = await fetch(`${origin()}/export/value-report.csv`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
  });
});

describe("bad requests change nothing and say what is wrong", () => {
  it.each([
    ["/export/value-report.csv?asOf=yesterday", 400, "asOf"],
    ["/export/value-report.csv?statuses=GREAT", 400, "statuses"],
    ["/export/value-report.csv?portfolio=x", 400, "portfolio"],
    ["/export/value-report.csv?portfolioId=nonsense", 400, "portfolioId"],
    ["/export/measurements.csv?from=2026-02-01&to=2026-01-01", 400, "to"],
    ["/export/series.csv?metricKey=cs.nps&from=2020-01-01&to=2026-01-01&interval=DAY", 400, "interval"],
    ["/export/series.csv?from=2020-01-01&to=2026-01-01&interval=DAY", 400, "metricKey"],
    ["/export/nothing.csv", 404, undefined],
    ["/export/value-report.xlsx", 404, undefined],
  ])("%s → %i", async (path, status, field) => {
    const res = await download(path);
    expect(res.status).toBe(status);
    const error = JSON.parse(res.text).errors[0];
    expect(error.extensions.field).toBe(field);
    expect(error.message).not.toMatch(/select|from \w+ where|at \w+ \(/i);
  });
});

describe("spreadsheet safety and Excel", () => {
  it("a text cell that a spreadsheet would run as a formula is written as text", async () => {
    await app.ok(`mutation($i: CreateInitiativeInput!) { createInitiative(input: $i) { initiative { id } } }`, {
      i: { portfolioId: rootId, name: '=HYPERLINK("http://evil","x")' },
    });
    const id = (await app.ok(`{ initiatives(first: 500) { nodes { id name } } }`)).initiatives.nodes.find((n: any) => n.name.startsWith("=")).id;
    const metricId = (await app.ok(`{ metricByKey(key: "cs.nps") { id } }`)).metricByKey.id;
    await app.ok(`mutation($h: CreateOutcomeHypothesisInput!) { createOutcomeHypothesis(input: $h) { outcomeHypothesis { id } } }`, {
      h: {
        initiativeId: id,
        metricId,
        statement: "+1 NPS, said the sponsor",
        baseline: 10,
        baselineAt: "2026-01-01T00:00:00Z",
        target: 20,
        targetDate: "2027-01-01T00:00:00Z",
        expectedBenefit: 1,
      },
    });
    const text = (await download(`/export/value-report.csv?initiativeId=${id}`)).text;
    const [row] = csvObjects(text);
    expect(row.initiativeName).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(row.statement).toBe("'+1 NPS, said the sponsor");
    // and the NDJSON, which no spreadsheet runs, keeps the text as it is
    const [line] = (await download(`/export/value-report.ndjson?initiativeId=${id}`)).text.trimEnd().split("\n");
    expect(JSON.parse(line).initiativeName).toBe('=HYPERLINK("http://evil","x")');
  });

  it("bom=1 starts the CSV with a byte-order mark, for Excel", async () => {
    const res = await fetch(`${origin()}/export/series.csv?metricKey=cs.nps&from=2026-01-01&to=2026-03-01&interval=MONTH&bom=1`, {
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("streaming", () => {
  const exportConnections = async () =>
    (
      await app.dataSource.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'rmo-export' AND datname = current_database()",
      )
    )[0].n as number;

  beforeAll(async () => {
    const [{ id }] = await app.dataSource.query("SELECT id FROM metric WHERE key = 'cs.nps'");
    await app.dataSource.query(
      `INSERT INTO measurement (metric_id, value, observed_at, source)
       SELECT $1, i % 97, timestamptz '2010-01-01' + i * interval '1 minute', 'bulk' FROM generate_series(1, 60000) i`,
      [id],
    );
  });

  it("streams a large export whole and in order, over more than one cursor batch", async () => {
    const text = (await download(`/export/measurements.ndjson?metricKey=cs.nps&sources=bulk`)).text;
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBe(60000);
    const first = JSON.parse(lines[0]);
    const last = JSON.parse(lines[lines.length - 1]);
    expect(first).toMatchObject({ metricKey: "cs.nps", observedAt: "2010-01-01T00:01:00.000Z", value: 1, source: "bulk" });
    expect(last).toMatchObject({ observedAt: new Date(Date.UTC(2010, 0, 1) + 60000 * 60_000).toISOString(), value: 60000 % 97 });
    expect(await exportConnections()).toBe(0);
  });

  it("runs at most RMO_MAX_CONCURRENT_EXPORTS at once; one more is told to retry", async () => {
    const aborts = [new AbortController(), new AbortController()];
    const open = await Promise.all(
      aborts.map((a) =>
        fetch(`${origin()}/export/measurements.csv?metricKey=cs.nps&sources=bulk`, {
          headers: { authorization: `Bearer ${app.adminToken}` },
          signal: a.signal,
        }),
      ),
    );
    for (const res of open) await res.body!.getReader().read();
    const third = await fetch(`${origin()}/export/series.csv?metricKey=cs.nps&from=2026-01-01&to=2026-02-01&interval=DAY`, {
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("5");
    expect((await third.json()).errors[0].extensions.code).toBe("RATE_LIMITED");
    for (const a of aborts) a.abort();
    const deadline = Date.now() + 10_000;
    while ((await exportConnections()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const after = await fetch(`${origin()}/export/series.csv?metricKey=cs.nps&from=2026-01-01&to=2026-02-01&interval=DAY`, {
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    expect(after.status).toBe(200);
  });

  it("a client that goes away mid-file stops the export and frees its connection", async () => {
    const abort = new AbortController();
    const res = await fetch(`${origin()}/export/measurements.csv?metricKey=cs.nps&sources=bulk`, {
      headers: { authorization: `Bearer ${app.adminToken}` },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    expect(await exportConnections()).toBe(1);
    abort.abort();
    const deadline = Date.now() + 10_000;
    while ((await exportConnections()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await exportConnections()).toBe(0);
  });
});
