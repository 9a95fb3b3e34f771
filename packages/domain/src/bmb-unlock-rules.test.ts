import { describe, expect, it } from 'vitest';
import { bmbDeadline } from './bmb-deadline';
import { checkUnlockRequest } from './bmb-unlock-rules';

const sentAt = new Date('2026-11-02T09:00:00Z');
const late = new Date(bmbDeadline(sentAt).getTime() + 1000);
const early = new Date(bmbDeadline(sentAt).getTime() - 1000);

describe('checkUnlockRequest', () => {
  it('lets a locked BMB be asked about', () => {
    expect(checkUnlockRequest({ status: 'sent', sentAt }, late)).toEqual({ ok: true });
  });
  it('refuses a BMB that is not locked: not yet, or no longer', () => {
    expect(checkUnlockRequest({ status: 'sent', sentAt }, early)).toEqual({ ok: false, problem: 'unlock.not-locked' });
    expect(checkUnlockRequest({ status: 'unlocked', sentAt }, late)).toEqual({ ok: false, problem: 'unlock.not-locked' });
    expect(checkUnlockRequest({ status: 'accepted', sentAt }, late)).toEqual({ ok: false, problem: 'unlock.not-locked' });
  });
});
