/**
 * The extension's own work, measured: every handler of the editor path (edit, suggestion
 * refresh, highlights, status bar, Problems, the Article view) runs its synchronous part through
 * `run`, which adds the time spent to a total and to the handler's part (a nested run counts
 * once in the total, and in its own part only). The benchmark reads it; a run costs two clock
 * reads.
 */
export class WorkMeter {
  /** Milliseconds spent in measured handlers since the last `reset`. */
  totalMs = 0;
  /** Each part's own time (without the runs nested in it). */
  readonly parts = new Map<string, number>();
  /** `totalMs` right after the last highlights were set (the work up to the last setDecorations). */
  atLastDraw = 0;
  /** `parts` as they were then. */
  partsAtLastDraw = new Map<string, number>();
  private depth = 0;
  private drawnInRun = false;
  /** Time of the nested runs of the run in progress. */
  private childMs = 0;

  run<T>(part: string, fn: () => T): T {
    const outer = this.depth === 0;
    this.depth++;
    const t0 = performance.now();
    const childMs = this.childMs;
    this.childMs = 0;
    try {
      return fn();
    } finally {
      const ms = performance.now() - t0;
      // by part: its own time (nested runs count in their own part); the total: outermost runs only
      this.parts.set(part, (this.parts.get(part) ?? 0) + ms - this.childMs);
      this.childMs = childMs + ms;
      this.depth--;
      if (outer) {
        this.childMs = 0;
        this.totalMs += ms;
        if (this.drawnInRun) {
          this.drawnInRun = false;
          this.noteDrawn();
        }
      }
    }
  }

  /** Call after highlights were set: remembers the work done up to then. */
  drawn(): void {
    if (this.depth > 0) this.drawnInRun = true;
    else this.noteDrawn();
  }

  private noteDrawn(): void {
    this.atLastDraw = this.totalMs;
    this.partsAtLastDraw = new Map(this.parts);
  }

  reset(): void {
    this.totalMs = 0;
    this.atLastDraw = 0;
    this.parts.clear();
    this.partsAtLastDraw = new Map();
    this.drawnInRun = false;
  }
}
