import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Two services on one data directory (a second `npm start` in the same checkout): the second
 * used to end with "Failed to start: undefined"; it now says the embedded Postgres is already
 * running and what to do, and the first keeps serving.
 */
const root = path.resolve(__dirname, "..", "..");

function service(dataDir: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TS_NODE_SWC: "true",
    RMO_DATA_DIR: dataDir,
    PORT: "0",
    RMO_DEMO_DATA: "false",
    RMO_LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  delete env.RMO_BOOTSTRAP_TOKEN;
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(root, "src", "main.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => log, exited };
}

async function until(what: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!what() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

it("a second service on the same data directory says the first is running, and the first keeps serving", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rmo-second-start-"));
  const first = service(dataDir);
  try {
    await until(() => /ready at http:\/\/localhost:(\d+)\//.test(first.output()), 100_000);
    const port = Number(/ready at http:\/\/localhost:(\d+)\//.exec(first.output())?.[1]);
    expect(port).toBeGreaterThan(0);

    const second = service(dataDir);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/embedded Postgres in .* is already running \(pid \d+\): another `npm start` is using this data directory/);
    expect(second.output()).not.toMatch(/undefined/);

    const live = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(live.status).toBe(200);
  } finally {
    first.child.kill("SIGTERM");
    await first.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 240_000);
