import { describe, expect, it } from 'vitest';
import { bmbDeadline } from './bmb-deadline';
import { checkUnlockRequest, unlockMessages } from './bmb-unlock-rules';

const sentAt = new Date('2026-11-02T09:00:00Z');
const late = new Date(bmbDeadline(sentAt).getTime() + 1000);
const early = new Date(bmbDeadline(sentAt).getTime() - 1000);

describe('checkUnlockRequest', () => {
  it('lets the sender ask once the BMB is locked', () => {
    expect(checkUnlockRequest({ status: 'sent', sentAt, senderId: 'ana' }, 'ana', late)).toEqual({ ok: true });
  });
  it('refuses anyone else, and a BMB that is not locked', () => {
    expect(checkUnlockRequest({ status: 'sent', sentAt, senderId: 'ana' }, 'bo', late)).toEqual({
      ok: false,
      message: unlockMessages.notSender,
    });
    expect(checkUnlockRequest({ status: 'sent', sentAt, senderId: 'ana' }, 'ana', early)).toEqual({
      ok: false,
      message: unlockMessages.notLocked,
    });
    expect(checkUnlockRequest({ status: 'unlocked', sentAt, senderId: 'ana' }, 'ana', late)).toMatchObject({ ok: false });
  });
});
