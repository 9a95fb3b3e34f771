import { count, perSecond, seconds, type Output } from './output';

/**
 * Rows done of all, and rows per second: on a terminal one line redrawn in
 * place, elsewhere (a log, CI) a plain line every few seconds and at the end.
 * Hand-written like `db:seed:region`'s: a dependency would draw the same bar.
 */
export function progressBar(out: Output, label: string, plainEveryMs = 5_000) {
  const started = performance.now();
  let lastPlain = -Infinity;
  let drawn = false;
  const line = (done: number, total: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const elapsed = performance.now() - started;
    return (
      `${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(Math.round(share * 100)).padStart(3)}% ` +
      `${count(done)}/${count(total)} rows, ${perSecond(done, elapsed)} rows/s, ${seconds(elapsed)}`
    );
  };
  return {
    update(done: number, total: number) {
      if (out.isTTY) {
        out.write(`\r${line(done, total)}\x1b[K`);
        drawn = true;
        return;
      }
      const now = performance.now();
      if (done < total && now - lastPlain < plainEveryMs) return;
      lastPlain = now;
      out.write(`${line(done, total)}\n`);
    },
    end() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
