/**
 * The processes of the local cluster: started detached (each its own process group, its
 * output appended to a log file), so they outlive `npm run cluster` and a test worker alike,
 * and remembered by pid *and* start time, so a stop long after never signals a process that
 * merely got a recycled pid.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** A process we started: enough to find it again from another process (the state file). */
export interface ProcessRecord {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot): tells our process from a later one with the same pid. */
  startTime: number;
  log: string;
}

/** Run as another OS user (Postgres and PgBouncer refuse to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

export interface SpawnSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  runAs?: RunAs;
  log: string;
}

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces or parentheses. */
export function procStat(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Field n of /proc/<pid>/stat (1-based, as in proc(5)). */
export function statField(fields: string[], n: number): number {
  return Number(fields[n - 3]);
}

function startTimeOf(pid: number): number | null {
  const fields = procStat(pid);
  return fields ? statField(fields, 22) : null;
}

/** Running (a zombie waiting to be reaped counts as gone) and the very process we started. */
export function isAlive(p: ProcessRecord | undefined): p is ProcessRecord {
  if (!p) return false;
  const fields = procStat(p.pid);
  return fields !== null && fields[0] !== "Z" && statField(fields, 22) === p.startTime;
}

export function spawnDetached(spec: SpawnSpec): ProcessRecord {
  const out = fs.openSync(spec.log, "a");
  try {
    fs.writeSync(out, `\n==== ${new Date().toISOString()} ${spec.command} ${spec.args.join(" ")}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ["ignore", out, out],
      uid: spec.runAs?.uid,
      gid: spec.runAs?.gid,
    });
    // an exec failure (binary missing) is reported by the readiness wait, with the log
    child.on("error", (e) => fs.appendFileSync(spec.log, `spawn failed: ${e.message}\n`));
    child.unref();
    if (!child.pid) throw new Error(`could not start ${spec.command} (see ${spec.log})`);
    return { pid: child.pid, startTime: startTimeOf(child.pid) ?? 0, log: spec.log };
  } finally {
    fs.closeSync(out);
  }
}

/**
 * A program on the PATH, else in /usr/sbin or /usr/local/sbin, where Debian puts pgbouncer and
 * haproxy and which a non-root user's PATH often lacks; null when it is nowhere.
 */
export function programPath(program: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"].filter(Boolean);
  for (const dir of dirs) if (fs.existsSync(path.join(dir, program))) return path.join(dir, program);
  return null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Signals the process, waits up to `graceMs` for it to go, then SIGKILL. Resolves once it
 * is gone; a process that is not ours any more is left alone.
 */
export async function stopProcess(p: ProcessRecord | undefined, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!isAlive(p)) return;
  process.kill(p.pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(p) && Date.now() < deadline) await sleep(50);
  if (!isAlive(p)) return;
  process.kill(p.pid, "SIGKILL");
  while (isAlive(p)) await sleep(20);
}

export async function killProcess(p: ProcessRecord | undefined): Promise<void> {
  if (!isAlive(p)) return;
  process.kill(p.pid, "SIGKILL");
  while (isAlive(p)) await sleep(20);
}

/** Runs a command to its end, its output appended to `log`; rejects with the output's tail when it fails. */
export function run(spec: SpawnSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      spec.command,
      spec.args,
      { cwd: spec.cwd, env: spec.env ?? process.env, uid: spec.runAs?.uid, gid: spec.runAs?.gid, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => {
        fs.appendFileSync(spec.log, `\n==== ${new Date().toISOString()} ${spec.command} ${spec.args.join(" ")}\n${stdout}${stderr}`);
        if (error) reject(new Error(`${spec.command} ${spec.args.join(" ")} failed: ${error.message}\n${tail(spec.log)}`));
        else resolve();
      },
    );
  });
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Polls `ready` until it answers true; fails after `timeoutMs`, or at once when the process
 * it waits for has died (with its log's tail, which says why).
 */
export async function waitUntil(what: string, ready: () => Promise<boolean>, timeoutMs: number, p?: ProcessRecord): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      if (await ready()) return;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    const log = p ? `\n${tail(p.log)}` : "";
    if (p && !isAlive(p)) throw new Error(`${what}: the process exited${log}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms${last ? ` (${last})` : ""}${log}`);
    await sleep(100);
  }
}
