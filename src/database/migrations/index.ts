import { Initial1795647346383 } from "./1795647346383-Initial";
import { AccessControl1795647836782 } from "./1795647836782-AccessControl";
import { Prioritization1795648727041 } from "./1795648727041-Prioritization";

/** Every migration, oldest first. */
export const migrations: Function[] = [Initial1795647346383, AccessControl1795647836782, Prioritization1795648727041];
