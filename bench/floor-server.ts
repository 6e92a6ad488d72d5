/**
 * The floor server, run as its own child process (like the API server, so neither shares an
 * event loop with the load generator): a bare node:http handler per read scenario that sends
 * one statement from floor-sql.ts and writes the text Postgres built. Same database, same
 * pool size as the API server. Started by floor.ts with BENCH_FLOOR (JSON) in its environment;
 * prints `FLOOR_READY <port>` once listening.
 */
import http from "node:http";
import pg from "pg";
import { floorStatements } from "./floor-sql";
import { ScenarioParams } from "./scenarios";

interface FloorConfig {
  url: string;
  poolSize: number;
  params: ScenarioParams;
}

function main() {
  const config = JSON.parse(process.env.BENCH_FLOOR ?? "null") as FloorConfig | null;
  if (!config) throw new Error("BENCH_FLOOR is not set (floor-server.js is started by the bench)");
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize, application_name: "rmo-bench-floor" });
  const statements = floorStatements(config.params);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://floor");
    const name = url.pathname.slice(1);
    if (name === "healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    const statement = statements[name];
    if (!statement) {
      res.writeHead(404).end();
      return;
    }
    pool.query<{ body: string }>(statement(url.searchParams.get("after"))).then(
      (result) => {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(result.rows[0]?.body ?? '{"data":null}');
      },
      (e: Error) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: e.message }] }));
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    console.log(`FLOOR_READY ${port}`);
  });
  process.on("SIGTERM", () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

main();
