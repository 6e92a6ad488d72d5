/**
 * Summarizes a V8 .cpuprofile (as `node --cpu-prof` writes it; `npm run bench -- --cpu-prof`
 * runs the API server that way): where the samples fall by package (self time), the
 * functions with the most self time, and the functions with the most inclusive time.
 * Samples are wall time on the JS thread (idle excluded), so on a busy machine syscalls
 * look more expensive than the CPU they use.
 *   node dist/bench/cpu-profile.js <file.cpuprofile> [top=25]
 */
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Line {
  name: string;
  ms: number;
  share: number;
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native / V8)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node internals";
  const app = /\/dist\/(src|bench)\/(.*)$/.exec(url);
  if (app) return `app: ${app[1]}/${app[2].split("/")[0]}`;
  return url;
}

function label(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url
    ? `${url
        .replace(/^.*node_modules\//, "")
        .replace(/^.*\/dist\//, "dist/")
        .replace(/^file:\/\//, "")}:${lineNumber + 1}`
    : "";
  return `${functionName || "(anonymous)"} ${where}`.trim();
}

export function summarize(profile: Profile, top = 25): { total: number; byPackage: Line[]; self: Line[]; inclusive: Line[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const pkg = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id);
    if (!n || n.callFrame.functionName === "(idle)") return;
    total += dt;
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const p = packageOf(n.callFrame.url, n.callFrame.functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      const key = label(node);
      if (seen.has(key) || key.startsWith("(root)")) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + dt);
    }
  });
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: ms / total }));
  return { total, byPackage: lines(pkg), self: lines(self), inclusive: lines(incl) };
}

export function formatSummary(s: ReturnType<typeof summarize>): string {
  const fmt = (title: string, lines: Line[]) =>
    [title, ...lines.map((l) => `  ${(l.share * 100).toFixed(1).padStart(5)} %  ${l.ms.toFixed(0).padStart(7)} ms  ${l.name}`)].join("\n");
  return [
    `non-idle samples: ${(s.total / 1000).toFixed(1)} s of the JS thread's wall time, start-up included. Under CPU contention a`,
    `syscall (writev, read) also counts the time the thread was preempted inside it: take CPU per request from the bench's table.`,
    fmt("self time by package:", s.byPackage),
    fmt("top functions by self time:", s.self),
    fmt("top functions by inclusive time:", s.inclusive),
  ].join("\n\n");
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node dist/bench/cpu-profile.js <file.cpuprofile> [top]");
    process.exit(2);
  }
  console.log(formatSummary(summarize(JSON.parse(fs.readFileSync(file, "utf8")) as Profile, Number(top) || 25)));
}
