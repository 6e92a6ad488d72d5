import { useTestApp } from "../support/app";
import { ConfigError, loadConfig } from "../../src/config";

/** Portals on another origin reach the API only from the origins the deployment lists. */
const app = useTestApp({ RMO_CORS_ORIGINS: "https://portal.example.com" });

async function preflight(origin: string) {
  return fetch(app.url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
  });
}

describe("CORS", () => {
  it("answers a preflight from a listed origin, allowing the Authorization header", async () => {
    const res = await preflight("https://portal.example.com");
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://portal.example.com");
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it("gives an unlisted origin no CORS headers, so browsers block it", async () => {
    const res = await preflight("https://evil.example.com");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("exposes the request id to a listed origin on an ordinary request", async () => {
    const res = await fetch(app.url, {
      method: "POST",
      headers: { origin: "https://portal.example.com", "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ query: "{ serviceInfo { reportingCurrency } }" }),
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://portal.example.com");
    expect(res.headers.get("access-control-expose-headers")).toContain("x-request-id");
    expect(((await res.json()) as any).data.serviceInfo.reportingCurrency).toBe("USD");
  });

  it("refuses a malformed origin list at start", () => {
    expect(() => loadConfig({ RMO_CORS_ORIGINS: "portal.example.com" })).toThrow(ConfigError);
    expect(loadConfig({ RMO_CORS_ORIGINS: "*" }).corsOrigins).toBe("*");
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });
});

describe("RMO_HEAP_GROWING_PERCENT", () => {
  it("defaults to 100, takes 0 for V8's own heuristics, and refuses anything else", () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(100);
    expect(loadConfig({ RMO_HEAP_GROWING_PERCENT: "0" }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ RMO_HEAP_GROWING_PERCENT: "250" }).heapGrowingPercent).toBe(250);
    for (const bad of ["-1", "1001", "1.5", "lots"]) {
      expect(() => loadConfig({ RMO_HEAP_GROWING_PERCENT: bad })).toThrow(/RMO_HEAP_GROWING_PERCENT must be an integer between 0 and 1000/);
    }
  });
});
