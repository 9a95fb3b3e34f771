import { describe, expect, it } from 'vitest';
import { missingRequiredTraining } from './progress';
import { trainingScenarioKeys, trainingScenarios } from './scenarios';

describe('training scenarios', () => {
  it('follow the manual: Skicka BMB is Utgångsbild, 1–3, Spara ändringarna, Verkställ; Kvittera BMB is Utgångsbild, 1–4', () => {
    expect(trainingScenarios['skicka-bmb'].steps.map((s) => s.label)).toEqual([
      'Utgångsbild',
      '1',
      '2',
      '3',
      'Spara ändringarna',
      'Verkställ',
    ]);
    expect(trainingScenarios['kvittera-bmb'].steps.map((s) => s.label)).toEqual([
      'Utgångsbild',
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(trainingScenarios['skicka-bmb'].steps[1]?.hint).toContain('alla 12 siffror');
  });

  it('has a goal and a target for every step of every scenario', () => {
    for (const key of trainingScenarioKeys) {
      for (const step of trainingScenarios[key].steps) {
        expect(step.target.length).toBeGreaterThan(0);
        expect(step.text.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('missingRequiredTraining', () => {
  const required = ['skicka-bmb', 'kvittera-bmb'];
  it('lists what new staff still have to complete, and nothing for others', () => {
    expect(missingRequiredTraining({ trainingRequired: true }, required, [])).toEqual(required);
    expect(missingRequiredTraining({ trainingRequired: true }, required, ['kvittera-bmb'])).toEqual(
      ['skicka-bmb'],
    );
    expect(missingRequiredTraining({ trainingRequired: true }, required, required)).toEqual([]);
    expect(missingRequiredTraining({ trainingRequired: false }, required, [])).toEqual([]);
  });
});
