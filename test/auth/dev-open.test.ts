import { ConfigError, loadConfig } from "../../src/config";
import { Authenticator } from "../../src/auth/authenticate";
import { UnauthenticatedError } from "../../src/errors";
import { useTestApp } from "../support/app";
import { post } from "../support/auth-factories";

/** RMO_DEV_OPEN=1: unauthenticated loopback requests act as a local admin, never in production. */
const app = useTestApp({ RMO_DEV_OPEN: "1" });

describe("RMO_DEV_OPEN", () => {
  it("lets a request without credentials from loopback act as an admin", async () => {
    const res = await post(app, { query: `mutation { createPortfolio(input: {name: "Local root"}) { portfolio { name } } }` }, { authorization: "" });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createPortfolio.portfolio.name).toBe("Local root");
  });

  it("still refuses bad credentials: only a missing header is let through", async () => {
    const res = await post(app, { query: `{ serviceInfo { reportingCurrency } }` }, { authorization: "Bearer not-a-valid-token" });
    expect(res.status).toBe(401);
    expect(res.body.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
  });

  it("does not open the service to other addresses", async () => {
    const authenticator = new Authenticator(app.config.auth, app.dataSource);
    for (const address of ["10.0.0.7", "192.168.1.20", "::ffff:10.0.0.7", "2001:db8::1", undefined]) {
      await expect(authenticator.authenticate(undefined, address)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      await expect(authenticator.authenticate(undefined, address)).resolves.toMatchObject({ admin: true, kind: "dev" });
    }
  });

  it("is refused at start with NODE_ENV=production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", RMO_DEV_OPEN: "1" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", RMO_DEV_OPEN: "true" })).toThrow(/RMO_DEV_OPEN/);
    expect(loadConfig({ NODE_ENV: "production" }).auth.devOpen).toBe(false);
    expect(loadConfig({ NODE_ENV: "development" }).auth.devOpen).toBe(false);
    expect(loadConfig({ NODE_ENV: "development", RMO_DEV_OPEN: "1" }).auth.devOpen).toBe(true);
  });
});
