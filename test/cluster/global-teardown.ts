import { stopCluster } from "../../scripts/cluster";
import { TEST_CLUSTER_DIR } from "./global-setup";

/** Runs after the last file, failed or not; a run killed before it leaves the cluster to the next run's start, which stops it first. */
export default async function globalTeardown(): Promise<void> {
  await stopCluster(TEST_CLUSTER_DIR);
}
