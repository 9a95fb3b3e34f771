import { setTimeout as sleep } from 'node:timers/promises';
import type { Outcome } from './http';

/** What a person does when the page shows an error or nothing comes back: try again, same form, same key. */
export interface Settled {
  final: Outcome;
  attempts: Outcome[];
}

export const isAnswer = (o: Outcome) => o.kind === 'redirect' || o.kind === 'returned';

export async function retryUntilAnswered(
  attempt: () => Promise<Outcome>,
  options: { maxAttempts?: number; backoffMs?: number } = {},
): Promise<Settled> {
  const attempts: Outcome[] = [];
  const max = options.maxAttempts ?? 40;
  for (let i = 0; i < max; i++) {
    const outcome = await attempt();
    attempts.push(outcome);
    if (isAnswer(outcome)) return { final: outcome, attempts };
    await sleep((options.backoffMs ?? 250) * Math.min(4, 1 + i));
  }
  return { final: attempts.at(-1)!, attempts };
}

/** Runs `tasks` with at most `concurrency` at a time; tasks may add more tasks while running. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T, push: (more: T) => void) => Promise<void>): Promise<void> {
  const queue = [...items];
  let running = 0;
  await new Promise<void>((resolve, reject) => {
    const next = () => {
      if (queue.length === 0 && running === 0) return resolve();
      while (running < concurrency && queue.length > 0) {
        const item = queue.shift()!;
        running++;
        work(item, (more) => queue.push(more))
          .then(() => {
            running--;
            next();
          })
          .catch(reject);
      }
    };
    next();
  });
}
