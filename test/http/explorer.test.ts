import { JSDOM, ResourceLoader, VirtualConsole } from "jsdom";
import { useTestApp } from "../support/app";

/**
 * The explorer is served from the package (issue 15): a browser behind a firewall gets a working
 * GraphiQL with every script and style from this server, and nothing from anywhere else.
 */

const app = useTestApp();

/** Loads only from the test server; any other address fails the test. */
class LocalOnly extends ResourceLoader {
  readonly asked: string[] = [];
  override fetch(url: string, options: Parameters<ResourceLoader["fetch"]>[1]) {
    this.asked.push(url);
    if (!url.startsWith(new URL(app.url).origin)) throw new Error(`the explorer asked for ${url}`);
    return super.fetch(url, options);
  }
}

describe("the explorer", () => {
  it("is a GraphiQL page whose scripts and styles all come from this server, under a strict content policy", async () => {
    const res = await fetch(app.url, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const source of sources) {
      expect(source).toMatch(/^\/explorer\//);
      const asset = await fetch(new URL(source, app.url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toMatch(/javascript|css/);
    }
    const config = JSON.parse(/<script id="rmo-explorer-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    expect(JSON.parse(config.headers)).toEqual({ authorization: "Bearer <paste your token here>" });
    expect(config.query).toContain(".rmo/admin-token");
    // the operation it opens with runs as it stands
    const run = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ query: config.query }),
    });
    const answer = await run.json();
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toBeDefined();
  });

  it("mounts GraphiQL in a browser, which asks this endpoint for the schema with the pre-filled header", async () => {
    const loader = new LocalOnly();
    const errors: string[] = [];
    const calls: { url: string; headers: Headers; status: number }[] = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on("jsdomError", (e) => errors.push(String(e.message)));
    const page = await fetch(app.url, { headers: { accept: "text/html" } });
    const dom = new JSDOM(await page.text(), {
      url: app.url,
      runScripts: "dangerously",
      resources: loader,
      pretendToBeVisual: true,
      virtualConsole,
      // what every browser has and jsdom leaves out
      beforeParse(window) {
        Object.assign(window, { TextDecoder, TextEncoder, Headers, Request, Response });
        window.fetch = async (input: string | URL | Request, init?: RequestInit) => {
          const url = String(input instanceof Request ? input.url : input);
          const answer = await fetch(new URL(url, app.url), init);
          calls.push({ url, headers: new Headers(init?.headers), status: answer.status });
          return answer;
        };
        // CodeMirror measures text through ranges, which jsdom does not lay out
        const empty = () => ({ x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON() {} });
        window.Range.prototype.getBoundingClientRect = empty as never;
        window.Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as never;
        window.matchMedia ??= () =>
          ({ matches: false, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} }) as never;
      },
    });
    try {
      const window = dom.window;
      const deadline = Date.now() + 20_000;
      while (!(window.document.querySelector(".graphiql-container") && calls.length > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(errors).toEqual([]);
      expect(window.document.querySelector(".graphiql-container")).not.toBeNull();
      expect(loader.asked.every((url) => url.startsWith(new URL(app.url).origin))).toBe(true);
      expect(loader.asked.filter((url) => url.includes("/explorer/")).length).toBe(4 + 1);
      // GraphiQL asked this endpoint for the schema with the pre-filled header, and was told what a token is
      expect(calls[0]).toMatchObject({ url: "/graphql", status: 401 });
      expect(calls[0].headers.get("authorization")).toBe("Bearer <paste your token here>");
    } finally {
      dom.window.close();
    }
  });
});
