import type { z } from 'zod';
import { isMessageCode, type Problem } from '../messages/catalogue';

export type FieldProblems = Record<string, Problem[]>;

/**
 * A schema's issues as `{ field: [problems] }`. The schemas' messages are
 * catalogue codes; an issue zod raised by itself (a value of the wrong type,
 * which no form of ours sends) is reported as an invalid value.
 */
export function fieldProblemsOf(error: z.ZodError): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    (problems[field] ??= []).push(
      isMessageCode(issue.message) ? issue.message : 'form.invalid-value',
    );
  }
  return problems;
}
