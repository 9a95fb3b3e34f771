import { describe, expect, it } from 'vitest';
import { auditReferences, describeAuditEvent, type AuditNames } from './describe-event';
import { AUDIT_ACTIONS } from './log-actions';

const names: AuditNames = {
  prescribers: new Map([
    ['p-ana', { username: 'k100ana', name: 'Ana Nordin' }],
    ['p-bo', { username: 'k200bo', name: 'Bo Lindberg' }],
  ]),
  payers: new Map([
    ['u-2990', { code: '2990', name: 'Länsservice' }],
    ['u-5230', { code: '5230', name: 'Hemsjukvården Boden' }],
  ]),
  deliveryAddresses: new Map([
    ['u-2990', { code: '2990', name: 'Länsservice' }],
    ['u-5230', { code: '5230', name: 'Hemsjukvården Boden' }],
  ]),
  patients: new Map([['pt-1', { name: 'Svensson, Testare' }]]),
  loans: new Map([['l-3', { articleNo: '10156', individNo: '170098' }]]),
};

const accepted = {
  action: 'bmb.accepted',
  entityType: 'bmb',
  entityId: '050b1c2d-0000-4000-8000-000000000000',
  before: { status: 'sent' },
  after: {
    status: 'accepted',
    loanIds: ['l-3'],
    moves: [
      {
        loanId: 'l-3',
        before: { prescriberId: 'p-ana', payerId: 'u-2990', deliveryAddressId: 'u-2990', patientId: 'pt-1' },
        after: { prescriberId: 'p-bo', payerId: 'u-5230', deliveryAddressId: 'u-5230', patientId: 'pt-1' },
      },
    ],
  },
};

describe('describeAuditEvent', () => {
  it('reads an accepted BMB as what moved, with codes and names', () => {
    const { summary, subjects } = describeAuditEvent(accepted, names);
    expect(summary).toBe(
      'Godkänd. 10156 individ 170098: förskrivare k100ana → k200bo; betalare 2990 Länsservice → 5230 Hemsjukvården Boden; leveransadress 2990 Länsservice → 5230 Hemsjukvården Boden',
    );
    expect(subjects).toEqual([
      { kind: 'bmb', key: accepted.entityId, label: 'BMB 050b1c2d' },
      { kind: 'individ', key: '170098', label: 'Individ 170098' },
      { kind: 'patient', key: 'pt-1', label: 'Svensson, Testare' },
    ]);
  });

  it('names the receiver, the devices and the patient of a sent BMB', () => {
    const sent = {
      action: 'bmb.sent',
      entityType: 'bmb',
      entityId: accepted.entityId,
      before: { status: 'draft' },
      after: { receiverId: 'p-bo', fromPatientId: 'pt-1', toPatientId: 'pt-1', loanIds: ['l-3'] },
    };
    expect(describeAuditEvent(sent, names).summary).toBe(
      'Skickad till k200bo (Bo Lindberg): 10156 individ 170098 för Svensson, Testare',
    );
  });

  it('collects every id the details name, and says "okänd" for one it could not resolve', () => {
    const refs = auditReferences([accepted]);
    expect([...refs.prescribers].sort()).toEqual(['p-ana', 'p-bo']);
    expect([...refs.payers].sort()).toEqual(['u-2990', 'u-5230']);
    expect([...refs.loans]).toEqual(['l-3']);
    const unknown = describeAuditEvent(
      { ...accepted, after: { ...accepted.after, moves: [{ ...accepted.after.moves[0], after: { prescriberId: 'gone' } }] } },
      names,
    );
    expect(unknown.summary).toContain('förskrivare k100ana → okänd');
  });

  it('has a Swedish reading for every action, never the raw code', () => {
    for (const action of AUDIT_ACTIONS) {
      const { summary } = describeAuditEvent({ action, entityType: 'bmb', entityId: null, before: null, after: {} }, names);
      expect(summary, action).not.toBe(action);
      expect(summary, action).toMatch(/[a-zåäö]/i);
    }
  });
});
