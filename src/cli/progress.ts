/**
 * Progress for long work, on stderr so --json output on stdout stays clean. On a terminal one line
 * is redrawn; elsewhere (CI, logs) a line is printed at most every few seconds.
 */
import { readSettings } from './config.js';

export class Progress {
  private last = 0;
  private readonly tty = Boolean(process.stderr.isTTY);
  /** ZICHT_PROGRESS_MS sets how often a progress line is printed when stderr is not a terminal. */
  private readonly interval = readSettings().progressMs;

  constructor(private readonly quiet = false) {}

  update(text: string, force = false): void {
    if (this.quiet) return;
    const now = Date.now();
    if (this.tty) {
      if (!force && now - this.last < 100) return;
      process.stderr.write(`\r\x1b[K${text}`);
    } else {
      if (!force && now - this.last < this.interval) return;
      process.stderr.write(`${text}\n`);
    }
    this.last = now;
  }

  done(text: string): void {
    if (this.quiet) return;
    process.stderr.write(this.tty ? `\r\x1b[K${text}\n` : `${text}\n`);
  }
}

export function percent(done: number, total: number): string {
  return total > 0 ? `${Math.min(100, Math.floor((done / total) * 100))}%` : '';
}

export function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}
