/** Where the CLI writes: the terminal (stdout) in use, a buffer in tests. */
export interface Output {
  write(text: string): void;
  /** A terminal: a progress bar redraws in place. Otherwise progress is plain lines. */
  isTTY: boolean;
}

export const stdout: Output = {
  write: (text) => void process.stdout.write(text),
  isTTY: Boolean(process.stdout.isTTY),
};

export const count = (n: number) => n.toLocaleString('en-US');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const perSecond = (rows: number, ms: number) =>
  ms > 0 ? count(Math.round((rows * 1000) / ms)) : '–';

/** Exit codes: done; the files have problems (nothing written); wrong use; refused or failed otherwise. */
export const EXIT = { done: 0, problems: 1, usage: 2, failed: 3 } as const;
