import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingScenarios, type TrainingScenario } from '@bmb/domain';

/**
 * The guide against the manual, step by step: every numbered step of the
 * manual's two walk-throughs is a step of the panel, with the manual's label
 * as its only counter, the manual's own lines found verbatim and in order, and
 * every term the manual sets in bold named in the panel's text. The test
 * writes the side-by-side table into docs/training.md, and fails when the
 * file it found there was out of date (commit the regenerated file).
 */
const ROOT = join(import.meta.dirname, '../../..');
const manual = readFileSync(join(ROOT, 'docs/manual/webSesam-BMB-manual.txt'), 'utf8');
const DOC = join(ROOT, 'docs/training.md');

/** The manual's walk-through of each scenario: from its Utgångsbild to where the next one begins. */
const sections: [TrainingScenario, string, string][] = [
  [
    trainingScenarios['skicka-bmb'],
    'Utgångsbild: *Hjälpmedel*',
    'Kvittera BMB (Byte mottagare/betalare)',
  ],
  [trainingScenarios['kvittera-bmb'], 'Kvittera/ta emot BMB', '1.0\n'],
];
const sectionOf = (from: string, to: string) => {
  const start = manual.indexOf(from);
  const end = manual.indexOf(to, start + 1);
  expect(start, from).toBeGreaterThanOrEqual(0);
  return manual.slice(start, end < 0 ? undefined : end);
};
const lines = (text: string) => text.split('\n').map((l) => l.trim());
const bold = (text: string) => [...text.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]!.toLowerCase());

describe.each(sections.map(([s, from, to]) => [s.title, s, from, to] as const))(
  'the guide of %s against the manual',
  (_, scenario, from, to) => {
    const section = sectionOf(from, to);

    it('has a step for every numbered step of the manual, in order, labelled as the manual numbers it', () => {
      const numbered = lines(section)
        .map((l) => /^(\d+)\. /.exec(l)?.[1])
        .filter(Boolean);
      const labels = scenario.steps.map((s) => s.label);
      expect(labels[0]).toBe('Utgångsbild');
      expect(labels.filter((l) => /^\d+$/.test(l))).toEqual(numbered);
    });

    it.each(scenario.steps.map((s) => [s.label, s] as const))(
      'step %s quotes the manual and names what it names',
      (_, step) => {
        expect(step.manual?.length).toBeGreaterThan(0);
        const sectionLines = lines(section);
        let at = -1;
        for (const line of step.manual!) {
          const found = sectionLines.indexOf(line, at + 1);
          expect(found, `"${line}" in the manual after line ${at}`).toBeGreaterThan(at);
          at = found;
        }
        if (/^\d+$/.test(step.label))
          expect(step.manual![0]!.startsWith(`${step.label}. `)).toBe(true);
        for (const term of step.manual!.flatMap(bold))
          expect(step.text.toLowerCase()).toContain(term);
      },
    );
  },
);

it('writes the side-by-side table into docs/training.md', () => {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const tables = sections.map(([scenario]) =>
    [
      `### ${scenario.title}`,
      '',
      '| step | the manual | the guide panel | done when |',
      '|---|---|---|---|',
      ...scenario.steps.map(
        (s) =>
          `| ${s.label} | ${cell(s.manual!.join('<br>'))} | ${cell(s.text)} | ${s.goal === 'read' ? 'the learner clicks Nästa' : 'the sandbox shows it (scenarios/' + scenario.key + '.ts)'} |`,
      ),
    ].join('\n'),
  );
  const start = '<!-- manual-side-by-side:start -->';
  const end = '<!-- manual-side-by-side:end -->';
  const block = `${start}\n${tables.join('\n\n')}\n${end}`;
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  expect(from, 'docs/training.md has the side-by-side markers').toBeGreaterThanOrEqual(0);
  const next = doc.slice(0, from) + block + doc.slice(to + end.length);
  if (next !== doc) writeFileSync(DOC, next);
  expect(next, 'docs/training.md was out of date: regenerated, commit it').toBe(doc);
});
