/**
 * The machine under a benchmark: waiting until the CPU has settled before a timed step, so a
 * step is not timed while the browser is still busy with the previous one (LevelDB compacting a
 * seed of 100,000 notes keeps a core busy for tens of seconds). A condition, never a fixed sleep:
 * it returns as soon as the cores are mostly idle, or after `maxMs` saying it did not settle.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Idle and total jiffies of all cores (Linux /proc/stat); undefined elsewhere. */
function cpuTimes(): { idle: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0); // idle + iowait
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

export interface Settled {
  /** Busy share of all cores over the last window (0–1); NaN where /proc/stat is unavailable. */
  busy: number;
  waitedMs: number;
  settled: boolean;
}

/**
 * Waits until the machine's cores were busy less than `maxBusy` of a `windowMs` window (default:
 * less than half a core's worth on this machine), for at most `maxMs`.
 */
export async function waitForQuietCpu({ maxBusy = 0.5 / cpus().length, windowMs = 1000, maxMs = 60_000 } = {}): Promise<Settled> {
  const started = performance.now();
  let busy = NaN;
  for (;;) {
    const before = cpuTimes();
    await new Promise((ok) => setTimeout(ok, windowMs));
    const after = cpuTimes();
    if (!before || !after) return { busy: NaN, waitedMs: performance.now() - started, settled: false };
    busy = 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
    if (busy <= maxBusy) return { busy, waitedMs: performance.now() - started, settled: true };
    if (performance.now() - started >= maxMs) return { busy, waitedMs: performance.now() - started, settled: false };
  }
}

export const describeSettled = (s: Settled): string =>
  Number.isNaN(s.busy)
    ? 'CPU use not readable here (no /proc/stat); timed without waiting for quiet'
    : `${s.settled ? 'waited' : 'did NOT settle within'} ${(s.waitedMs / 1000).toFixed(1)} s for the cores to go quiet (last second: ${(s.busy * 100).toFixed(0)} % busy across ${cpus().length} cores)`;
