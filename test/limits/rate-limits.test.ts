import { useTestApp } from "../support/app";
import { createToken, person } from "../support/auth-factories";
import { startServer } from "../../src/server";

/**
 * Request budgets (issue 13): a credential's requests per second, and failed authentications
 * per client address (2,500 bad tokens used to run at full speed). Over budget: RATE_LIMITED,
 * HTTP 429 and Retry-After.
 */
const app = useTestApp({ RMO_RATE_LIMIT_PER_SECOND: "5", RMO_FAILED_AUTH_PER_MINUTE: "4" });

async function post(authorization: string) {
  const res = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({ query: "{ serviceInfo { reportingCurrency } }" }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any };
}

describe("rate limits", () => {
  it("give each credential its own budget per second; over it, 429 RATE_LIMITED with Retry-After; the bootstrap admin is not limited", async () => {
    const alice = await person(app, "rate-alice");
    const token = await createToken(app, alice, { scope: "READ_ONLY" });
    const results = await Promise.all(Array.from({ length: 12 }, () => post(`Bearer ${token.secret}`)));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(5 + 1);
    expect(limited.length).toBeGreaterThanOrEqual(6);
    expect(limited[0]).toMatchObject({ retryAfter: "1", body: { errors: [{ extensions: { code: "RATE_LIMITED", retryAfterSeconds: 1 } }] } });
    const admin = await Promise.all(Array.from({ length: 12 }, () => post(`Bearer ${app.adminToken}`)));
    expect(admin.every((r) => r.status === 200)).toBe(true);
  });

  it("refuse an address after its failed authentications, before looking at the credential", async () => {
    const bad = await Promise.all(Array.from({ length: 4 }, (_, i) => post(`Bearer rmo_not-a-real-token-${i}`)));
    expect(bad.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const blocked = await post(`Bearer rmo_not-a-real-token-5`);
    expect(blocked).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: "RATE_LIMITED" } }] } });
    expect(Number(blocked.retryAfter)).toBeGreaterThan(1);
    // the whole address waits, valid credentials too (a guess that happens to be right must not get through)
    expect((await post(`Bearer ${app.adminToken}`)).status).toBe(429);
  });
});

describe("rate limits across API processes", () => {
  const shared = useTestApp({ RMO_RATE_LIMIT_PER_SECOND: "5" });
  it("share a credential's budget between the processes on one database: two processes grant half each", async () => {
    const bob = await person(shared, "rate-bob");
    const token = await createToken(shared, bob, { scope: "READ_ONLY" });
    const burst = async (url: string) =>
      (
        await Promise.all(
          Array.from({ length: 5 }, () =>
            fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${token.secret}` },
              body: JSON.stringify({ query: "{ serviceInfo { reportingCurrency } }" }),
            }).then((r) => r.status),
          ),
        )
      ).filter((s) => s === 200).length;
    // alone, the process grants the whole budget of 5
    expect(await burst(shared.url)).toBe(5);
    // a second API process on the same database: each counts both within 2 s and grants half
    const second = await startServer(shared.config, shared.dataSource, 0);
    try {
      const deadline = Date.now() + 10_000;
      let granted = [5, 5];
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1_100)); // a full bucket again
        granted = [await burst(shared.url), await burst(second.url)];
        if (granted[0] < 5 && granted[1] < 5) break;
      }
      expect(granted).toEqual([2, 2]);
    } finally {
      await second.stop();
    }
  }, 30_000);
});
