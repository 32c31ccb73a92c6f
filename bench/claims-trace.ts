/**
 * Chromium trace of claim detection: CPU (thread) time of the content script's tasks, which the
 * page's wall-clock timers cannot separate from time the renderer waits for a core on a loaded
 * machine. Exported for bench/browser.ts.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; scriptName?: string } };
}

// FunctionCall, EvaluateScript, FireIdleCallback (devtools.timeline) and the task events (toplevel) only:
// more categories slow the renderer down.
const CATEGORIES = ['devtools.timeline', 'toplevel'].join(',');

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

export interface ScriptCpu {
  /** Thread (CPU) ms of the content script's JS after load: its idle slices and callbacks. */
  cpuMs: number;
  /** Wall ms of the same. */
  wallMs: number;
  /** CPU and wall ms of its idle callbacks only (the sliced claims pipeline), and the longest. */
  idleCpuMs: number;
  idleWallMs: number;
  idleSlices: number;
  longestIdleCpuMs: number;
  longestIdleWallMs: number;
  /** CPU ms of evaluating the content script (load). */
  loadCpuMs: number;
  /** Longest task (RunTask) that ran content-script JS: CPU ms and wall ms. */
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
}

/** CPU and wall time of the JS of `scriptUrlPart` on the renderer main thread of the trace. */
export function scriptCpu(events: TraceEvent[], scriptUrlPart: string): ScriptCpu {
  const ours = (e: TraceEvent) => (e.args?.data?.url ?? e.args?.data?.scriptName ?? '').includes(scriptUrlPart);
  const calls = events.filter((e) => e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule') && ours(e));
  // Chromium names the task event RunTask or, in newer builds, ThreadControllerImpl::RunTask.
  const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
  const idle = events.filter((e) => e.ph === 'X' && e.name === 'FireIdleCallback');
  const within = (outer: TraceEvent, inner: TraceEvent) =>
    outer.pid === inner.pid && outer.tid === inner.tid && outer.ts <= inner.ts && outer.ts + (outer.dur ?? 0) >= inner.ts + (inner.dur ?? 0);
  const out: ScriptCpu = {
    cpuMs: 0, wallMs: 0, idleCpuMs: 0, idleWallMs: 0, idleSlices: 0, longestIdleCpuMs: 0, longestIdleWallMs: 0,
    loadCpuMs: 0, longestTaskCpuMs: 0, longestTaskWallMs: 0,
  };
  for (const c of calls) {
    if (c.name === 'FunctionCall') {
      out.cpuMs += (c.tdur ?? 0) / 1000;
      out.wallMs += (c.dur ?? 0) / 1000;
      if (idle.some((i) => within(i, c))) {
        out.idleCpuMs += (c.tdur ?? 0) / 1000;
        out.idleWallMs += (c.dur ?? 0) / 1000;
        out.idleSlices++;
        out.longestIdleCpuMs = Math.max(out.longestIdleCpuMs, (c.tdur ?? 0) / 1000);
        out.longestIdleWallMs = Math.max(out.longestIdleWallMs, (c.dur ?? 0) / 1000);
      }
    } else {
      out.loadCpuMs += (c.tdur ?? 0) / 1000;
    }
    const task = tasks.find((t) => within(t, c));
    if (task) {
      out.longestTaskCpuMs = Math.max(out.longestTaskCpuMs, (task.tdur ?? 0) / 1000);
      out.longestTaskWallMs = Math.max(out.longestTaskWallMs, (task.dur ?? 0) / 1000);
    }
  }
  return out;
}


/** What the content script reports per phase (ClaimsStatus.phases) and its slice numbering. */
export interface PhaseReport {
  phases: Record<string, { ms: number; longest: number; units: number; bySlice: Record<number, number> }>;
  slices: number;
  firstSlice: number;
}

/**
 * CPU ms per phase: the content script's idle-callback slices in the trace (its last `slices`
 * ones, in order) are matched to the slice numbers the phases recorded, and each slice's CPU
 * time is shared among the phases that ran in it in proportion to their wall time.
 */
export function phaseCpu(events: TraceEvent[], scriptUrlPart: string, report: PhaseReport): Record<string, number> {
  const idle = events.filter((e) => e.ph === 'X' && e.name === 'FireIdleCallback');
  const calls = events
    .filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && (e.args?.data?.url ?? '').includes(scriptUrlPart))
    .filter((c) => idle.some((i) => i.pid === c.pid && i.tid === c.tid && i.ts <= c.ts && i.ts + (i.dur ?? 0) >= c.ts + (c.dur ?? 0)))
    .sort((a, b) => a.ts - b.ts)
    .slice(-report.slices);
  const out: Record<string, number> = {};
  calls.forEach((call, k) => {
    const serial = report.firstSlice + k;
    const inSlice = Object.entries(report.phases).map(([name, p]) => [name, p.bySlice[serial] ?? 0] as const);
    const wall = inSlice.reduce((n, [, ms]) => n + ms, 0);
    for (const [name, ms] of inSlice) if (wall > 0) out[name] = (out[name] ?? 0) + ((call.tdur ?? 0) / 1000) * (ms / wall);
  });
  return out;
}
