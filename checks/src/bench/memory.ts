import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A process and all its descendants: `next start` may run the server in a child. */
function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // gone
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 20; p = parents.get(p), hops++)
      if (p === rootPid) return true;
    return false;
  };
  return [...parents.keys()].filter(inTree);
}

/** Resident memory (MB) of the given processes. */
function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(
        readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0,
      );
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/**
 * Samples the server's RSS every 250 ms until stopped; returns the maximum. The
 * process tree is read once (walking /proc on every sample would steal the load
 * generator's CPU).
 */
export function sampleMemory(rootPid: number): { stop(): number } {
  const pids = processTree(rootPid);
  let max = rssMb(pids);
  const timer = setInterval(() => (max = Math.max(max, rssMb(pids))), 250);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, rssMb(pids));
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (100 on every Linux we run). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: every thread of the process (V8's GC and libuv's pool included).
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * The server's CPU time: utime + stime of the process `start` launched and of
 * every process below it, read when asked (the tree is found once). `next
 * start` serves in its own process today; its children, if a version forks
 * one, are counted too.
 */
export function serverCpu(rootPid: number): { pids: number[]; ms(): number } {
  const pids = processTree(rootPid);
  return { pids, ms: () => (pids.reduce((sum, pid) => sum + cpuTicks(pid), 0) * 1000) / CLK_TCK };
}

/**
 * Waits until the server has worked off what it was given: a run stops
 * sending at its end, but the server may still render requests whose client
 * gave up, or finish work after the response, and that would land in the next
 * measurement.
 */
export async function waitIdle(pid: number, timeoutMs = 60_000): Promise<void> {
  const cpu = serverCpu(pid);
  const until = Date.now() + timeoutMs;
  let last = cpu.ms();
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpu.ms();
    // Under 50 ms of CPU in half a second: idle.
    if (now - last < 50) return;
    last = now;
  }
}
