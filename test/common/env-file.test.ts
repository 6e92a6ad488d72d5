import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, loadConfig, readEnvFile } from "../../src/config";

/** `.env` at start (issue 15): the file fills in what the environment leaves unset, never more. */

function dir(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "rmo-env-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(d, name), text);
  return d;
}

describe(".env", () => {
  it("fills in unset variables, and a variable set in the environment wins over the file", () => {
    const cwd = dir({ ".env": "# settings\nPORT=4100\nRMO_REPORTING_CURRENCY='EUR'\nRMO_MAX_COST=900 # inline comment\n" });
    const env: NodeJS.ProcessEnv = { PORT: "4200" };
    expect(readEnvFile(env, cwd)).toBe(path.join(cwd, ".env"));
    expect(env).toEqual({ PORT: "4200", RMO_REPORTING_CURRENCY: "EUR", RMO_MAX_COST: "900" });
    const config = loadConfig(env);
    expect(config.port).toBe(4200);
    expect(config.reportingCurrency).toBe("EUR");
    expect(config.limits.maxCost).toBe(900);
  });

  it("an empty value in the environment still wins (it was set on purpose)", () => {
    const env: NodeJS.ProcessEnv = { RMO_BOOTSTRAP_TOKEN: "" };
    readEnvFile(env, dir({ ".env": "RMO_BOOTSTRAP_TOKEN=from-the-file-0123456789\n" }));
    expect(env.RMO_BOOTSTRAP_TOKEN).toBe("");
  });

  it("no .env is fine; RMO_ENV_FILE names another file and must exist", () => {
    const cwd = dir({ "staging.env": "PORT=4300\n" });
    const plain: NodeJS.ProcessEnv = {};
    expect(readEnvFile(plain, cwd)).toBeUndefined();
    expect(plain).toEqual({});
    const named: NodeJS.ProcessEnv = { RMO_ENV_FILE: "staging.env" };
    readEnvFile(named, cwd);
    expect(named.PORT).toBe("4300");
    expect(() => readEnvFile({ RMO_ENV_FILE: "missing.env" }, cwd)).toThrow(ConfigError);
    expect(() => readEnvFile({ RMO_ENV_FILE: "missing.env" }, cwd)).toThrow(/RMO_ENV_FILE names .*missing\.env, which does not exist/);
  });

  it("the example file is a valid .env whose values are the defaults", () => {
    const env: NodeJS.ProcessEnv = { RMO_ENV_FILE: ".env.example" };
    readEnvFile(env, path.join(__dirname, "../.."));
    delete env.RMO_ENV_FILE;
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
