/**
 * CPU time per component of `npm run bench -- --cluster`, from /proc/<pid>/stat: each API
 * process, each Postgres server with all its processes (backends, walsender, walreceiver,
 * startup/replay, checkpointer …), PgBouncer and HAProxy.
 */
import fs from "node:fs";

/** Linux reports utime/stime in clock ticks of 1/100 s (getconf CLK_TCK) on every platform Node supports. */
const CLK_TCK = 100;

interface Stat {
  ppid: number;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime: children that ended and were reaped (a Postgres backend that closed). */
  reaped: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // fields 4, 14, 15, 16, 17 of proc(5), counted from field 3 (state) at index 0
    return { ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) / CLK_TCK, reaped: (Number(f[13]) + Number(f[14])) / CLK_TCK };
  } catch {
    return null;
  }
}

/** CPU seconds so far of `root` and every process below it (live ones, and the ones it reaped). */
export function treeCpuSeconds(root: number): number {
  const stats = new Map<number, Stat>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s) stats.set(Number(entry), s);
  }
  const rootStat = stats.get(root);
  if (!rootStat) return 0;
  let total = rootStat.own + rootStat.reaped;
  const below = (pid: number): void => {
    for (const [child, s] of stats) {
      if (s.ppid !== pid) continue;
      total += s.own;
      below(child);
    }
  };
  below(root);
  return total;
}

/** CPU seconds each named component used while `fn` ran. */
export async function cpuSplit<T>(components: Record<string, number>, fn: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(components).map(([name, pid]) => [name, treeCpuSeconds(pid)]));
  const result = await fn();
  const cpu = Object.fromEntries(Object.entries(components).map(([name, pid]) => [name, treeCpuSeconds(pid) - before[name]]));
  return { result, cpu };
}
