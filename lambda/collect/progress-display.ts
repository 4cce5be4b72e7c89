import type { CollectProgress } from './collect-options';

/** Where progress goes: standard error, and whether it is a terminal. */
export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
}

const BAR_WIDTH = 30;
const TTY_REFRESH_MS = 100;
const PLAIN_INTERVAL_MS = 5_000;

/**
 * Shows the collection's progress on standard error: a bar redrawn in place on a terminal
 * (accounts done / total, failures, elapsed time), else a plain line at every tenth of the accounts
 * or every five seconds, whichever comes first, so that logs stay readable.
 */
export class ProgressDisplay {
  private readonly startedAt: number;
  private lastDrawn = -Infinity;
  private lastTenth = 0;
  private drawnOnTerminal = false;
  private latest: CollectProgress | undefined;

  constructor(
    private readonly output: ProgressOutput,
    private readonly clock: () => number = Date.now,
  ) {
    this.startedAt = clock();
  }

  update(progress: CollectProgress): void {
    this.latest = progress;
    const now = this.clock();
    if (this.output.isTTY) {
      const finished = progress.totalKnown && progress.accountsDone === progress.accountsTotal;
      if (finished || now - this.lastDrawn >= TTY_REFRESH_MS) this.drawBar(progress, now);
      return;
    }
    const tenth = progress.totalKnown && progress.accountsTotal > 0 ? Math.floor((progress.accountsDone * 10) / progress.accountsTotal) : 0;
    if (tenth > this.lastTenth || now - this.lastDrawn >= PLAIN_INTERVAL_MS) {
      this.lastTenth = Math.max(this.lastTenth, tenth);
      this.lastDrawn = now;
      this.output.write(`${describe(progress)}, ${seconds(now - this.startedAt)}\n`);
    }
  }

  /** Ends the bar's line (terminal); nothing to do for plain lines. */
  finish(): void {
    if (this.output.isTTY && this.latest) this.drawBar(this.latest, this.clock());
    if (this.drawnOnTerminal) this.output.write('\n');
    this.drawnOnTerminal = false;
  }

  private drawBar(progress: CollectProgress, now: number): void {
    const ratio = progress.accountsTotal > 0 ? Math.min(1, progress.accountsDone / progress.accountsTotal) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
    this.output.write(`\r${bar} ${describe(progress)}, ${seconds(now - this.startedAt)}\x1b[K`);
    this.lastDrawn = now;
    this.drawnOnTerminal = true;
  }
}

function describe(progress: CollectProgress): string {
  const total = `${progress.accountsTotal}${progress.totalKnown ? '' : '+'}`;
  return `${progress.accountsDone}/${total} member accounts collected, ${progress.accountsFailed} could not be entered`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
