import { Initial1795647346383 } from "./1795647346383-Initial";
import { AccessControl1795647836782 } from "./1795647836782-AccessControl";

/** Every migration, oldest first. */
export const migrations: Function[] = [Initial1795647346383, AccessControl1795647836782];
