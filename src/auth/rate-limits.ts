import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { Viewer } from "../access/viewer";

/**
 * Request limits (issue 13): a token bucket per credential (API tokens and people; the
 * bootstrap and local admin are the operator's own and are not limited), and a stricter budget
 * of failed authentications per client address, checked before any credential is even looked
 * at. An exhausted budget is RATE_LIMITED, HTTP 429, Retry-After.
 *
 * The buckets live in each process; with N API processes on one database (`processes`, kept
 * current by the server from the instance locks) every request costs N points, so each
 * process grants its share and together they hold the configured rate for a credential whose
 * requests a balancer spreads evenly (issue 16). Failed authentications stay per process.
 */
export interface RateLimitConfig {
  /** Requests per second a credential may sustain (0: no limit). */
  perSecond: number;
  /** Failed authentications a client address may make per minute (0: no limit). */
  failedAuthPerMinute: number;
}

export class RateLimits {
  /** API processes sharing the per-credential budget (at least 1). */
  processes = 1;
  private readonly perCredential: RateLimiterMemory | null;
  private readonly perSecond: number;
  private readonly failures: RateLimiterMemory | null;

  constructor(config: RateLimitConfig) {
    // a bucket of one second's worth, refilled continuously: bursts up to it, then the rate
    this.perCredential = config.perSecond > 0 ? new RateLimiterMemory({ points: config.perSecond, duration: 1 }) : null;
    this.perSecond = config.perSecond;
    this.failures = config.failedAuthPerMinute > 0 ? new RateLimiterMemory({ points: config.failedAuthPerMinute, duration: 60 }) : null;
  }

  /** Seconds to wait when `address` has used up its failed authentications, else 0 (no point is taken). */
  async failuresBlocked(address: string): Promise<number> {
    if (!this.failures) return 0;
    const res = await this.failures.get(address);
    return res && res.remainingPoints <= 0 ? secondsOf(res) : 0;
  }

  /** Counts one failed authentication from `address`. */
  async failed(address: string): Promise<void> {
    if (!this.failures) return;
    await this.failures.consume(address).catch(() => undefined);
  }

  /** Takes a request (a batch: one per operation) from the caller's bucket: 0 when allowed, else the seconds to wait. */
  async take(viewer: Viewer, operations = 1): Promise<number> {
    if (!this.perCredential || viewer.kind === "bootstrap" || viewer.kind === "dev" || viewer.kind === "system") return 0;
    const key = viewer.kind === "token" ? `token:${viewer.token!.rowId}` : `person:${viewer.subject}`;
    try {
      // this process's share: N processes, N points a request (never more than a whole bucket)
      await this.perCredential.consume(key, Math.min(operations * this.processes, this.perSecond));
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return secondsOf(e);
      throw e;
    }
  }
}

function secondsOf(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}
