/**
 * Everything a test run starts is stopped, also when a test fails or the user presses Ctrl-C:
 * process groups are killed and temporary folders removed on exit and on SIGINT/SIGTERM.
 */
import * as fs from 'node:fs';

const groups = new Set<number>();
const folders = new Set<string>();
const hooks = new Set<() => Promise<void>>();
let installed = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function finalSweep(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', finalSweep);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      process.stderr.write(`\n[harness] ${sig}: stopping servers and removing temporary folders\n`);
      void Promise.allSettled([...hooks].map((h) => h())).finally(() => {
        finalSweep();
        process.exit(130);
      });
    });
  }
}

export function trackGroup(pid: number): void {
  install();
  groups.add(pid);
}

export function untrackGroup(pid: number): void {
  groups.delete(pid);
}

export function trackFolder(dir: string): void {
  install();
  folders.add(dir);
}

export function removeFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}

/** An async hook run on Ctrl-C (e.g. closing a browser). */
export function onInterrupt(hook: () => Promise<void>): () => void {
  install();
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Sends SIGTERM to a process group, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(pid: number, graceMs = 3000): Promise<void> {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      untrackGroup(pid);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  killGroup(pid, 'SIGKILL');
  untrackGroup(pid);
}
