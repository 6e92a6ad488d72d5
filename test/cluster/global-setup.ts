import path from "node:path";
import { startCluster } from "../../scripts/cluster";

/**
 * One cluster for the whole run, in its own directory and ports (a development cluster of
 * `npm run cluster` on 55400 can keep running). The test files find it through
 * RMO_CLUSTER_DIR, which the workers inherit.
 *
 * RMO_REPLICA_MAX_LAG_MS is 30 s here, not 5 s: a test pauses replay on purpose and then
 * expects the replica still in rotation; a lag limit it could cross on a slow machine would
 * make that a race.
 */
export const TEST_CLUSTER_DIR = path.resolve(__dirname, "..", "..", ".rmo", "cluster-test");

export default async function globalSetup(): Promise<void> {
  const basePort = Number(process.env.RMO_TEST_CLUSTER_BASE_PORT ?? 55450);
  // a failed start stops what it started itself
  await startCluster({ dir: TEST_CLUSTER_DIR, basePort, demo: false, replicaMaxLagMs: 30_000 }).catch((e: Error) => {
    throw new Error(
      `${e.message}\n(the tests use ports ${basePort}–${basePort + 6}: set RMO_TEST_CLUSTER_BASE_PORT to move them; logs in ${TEST_CLUSTER_DIR}/logs)`,
    );
  });
  process.env.RMO_CLUSTER_DIR = TEST_CLUSTER_DIR;
}
