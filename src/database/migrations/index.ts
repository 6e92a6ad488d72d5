import { Initial1795647346383 } from "./1795647346383-Initial";
import { AccessControl1795647836782 } from "./1795647836782-AccessControl";
import { Prioritization1795648727041 } from "./1795648727041-Prioritization";
import { History1796221029037 } from "./1796221029037-History";
import { Retraction1796221500000 } from "./1796221500000-Retraction";
import { KnownAt1796227940443 } from "./1796227940443-KnownAt";
import { Decisions1796230130128 } from "./1796230130128-Decisions";
import { Idempotency1796240000000 } from "./1796240000000-Idempotency";
import { PartitionMeasurements1796250000000 } from "./1796250000000-PartitionMeasurements";

/** Every migration, oldest first. */
export const migrations: Function[] = [
  Initial1795647346383,
  AccessControl1795647836782,
  Prioritization1795648727041,
  History1796221029037,
  Retraction1796221500000,
  KnownAt1796227940443,
  Decisions1796230130128,
  Idempotency1796240000000,
  PartitionMeasurements1796250000000,
];
