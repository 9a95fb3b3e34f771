import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  PATIENT_ACCESS_ACTIONS,
  accessActionLabels,
  auditActionLabels,
  isAuditAction,
  isPatientAccessAction,
} from './log-actions';

describe.each([
  {
    log: 'audit trail',
    actions: AUDIT_ACTIONS,
    labels: auditActionLabels,
  },
  {
    log: 'access log',
    actions: PATIENT_ACCESS_ACTIONS,
    labels: accessActionLabels,
  },
])('the $log vocabulary', ({ actions, labels }) => {
  it('lists each action once, and labels exactly those', () => {
    expect(new Set(actions).size).toBe(actions.length);
    expect(Object.keys(labels).sort()).toEqual([...actions].sort());
  });

  it('gives every action a Swedish label of its own', () => {
    const labelOf = new Map<string, string>(Object.entries(labels));
    for (const action of actions) expect(labelOf.get(action)?.trim(), action).toBeTruthy();
    const texts = actions.map((a) => labelOf.get(a));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('the guards', () => {
  it('know each log’s own codes only', () => {
    expect(isAuditAction('bmb.sent')).toBe(true);
    expect(isAuditAction('bmb.view')).toBe(false);
    expect(isPatientAccessAction('bmb.view')).toBe(true);
    expect(isPatientAccessAction('bmb.sent')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
  });
});
