import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";

/**
 * `npm start` stopped as systemd or `docker stop` stop it: SIGTERM to npm. The service drains
 * and exits 0, and nothing is left running (the port is closed); before, npm's shell kept the
 * node server alive, and Apollo's own signal handler held the exit for 10 s.
 */

const root = path.resolve(__dirname, "..", "..");

it("npm start: SIGTERM to npm stops the service within seconds and leaves nothing running", async () => {
  const adminUrl = process.env.RMO_TEST_ADMIN_URL!;
  const database = `rmo_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  try {
    const npm = spawn("npm", ["start"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: "0",
        RMO_BOOTSTRAP_TOKEN: "start-stop-token-0123456789abcdef",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    npm.stdout.on("data", (d) => (log += d));
    npm.stderr.on("data", (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
    // a first start may compile (a minute at most here); later ones only start
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 100 s:\n${log}`)), 100_000);
      npm.stdout.on("data", () => {
        const m = /ready at http:\/\/localhost:(\d+)\//.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    // the service is npm's child (no shell in between: `exec`)
    const service = Number(
      execFileSync("ps", ["-o", "pid=", "--ppid", String(npm.pid)], { encoding: "utf8" })
        .trim()
        .split(/\s+/)[0],
    );
    expect(service).toBeGreaterThan(0);
    const stopAsked = Date.now();
    npm.kill("SIGTERM");
    await exited;
    // npm may exit before its child has finished draining: wait for the service itself
    const alive = () => {
      try {
        process.kill(service, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive() && Date.now() - stopAsked < 15_000) await new Promise((r) => setTimeout(r, 50));
    const stopMs = Date.now() - stopAsked;
    await new Promise((r) => setTimeout(r, 100)); // its last lines
    if (!/Stopped: requests drained/.test(log)) console.log(`npm start output:\n${log}`);
    expect({ alive: alive(), drained: /Stopped: requests drained/.test(log) }).toEqual({ alive: false, drained: true });
    expect(stopMs).toBeLessThan(8_000);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.on("connect", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    expect(open).toBe(false);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}, 150_000);
