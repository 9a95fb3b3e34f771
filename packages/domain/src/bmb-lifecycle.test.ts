import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmbDeadline } from './bmb-deadline';
import { blocksLoan, displayState, transition, type BmbEvent } from './bmb-lifecycle';
import { bmbStatuses } from './bmb-status';

const sentAt = new Date('2026-05-04T08:00:00Z');
const before = new Date(bmbDeadline(sentAt).getTime() - 1000);
const after = new Date(bmbDeadline(sentAt).getTime() + 1000);

describe('transition', () => {
  it('sends and discards only drafts', () => {
    expect(transition({ status: 'draft', sentAt: null }, 'send', before)).toEqual({ ok: true, status: 'sent' });
    expect(transition({ status: 'draft', sentAt: null }, 'discard', before)).toEqual({
      ok: true,
      status: 'discarded',
    });
    expect(transition({ status: 'sent', sentAt }, 'send', before)).toMatchObject({ ok: false, refusal: 'not-a-draft' });
  });

  it('answers a waiting BMB before the deadline', () => {
    expect(transition({ status: 'sent', sentAt }, 'accept', before)).toEqual({ ok: true, status: 'accepted' });
    expect(transition({ status: 'sent', sentAt }, 'reject', before)).toEqual({ ok: true, status: 'rejected' });
  });

  it('refuses an answer after the deadline and allows only unlock then', () => {
    expect(transition({ status: 'sent', sentAt }, 'accept', after)).toMatchObject({ ok: false, refusal: 'locked' });
    expect(transition({ status: 'sent', sentAt }, 'unlock', after)).toEqual({ ok: true, status: 'unlocked' });
    expect(transition({ status: 'sent', sentAt }, 'unlock', before)).toMatchObject({
      ok: false,
      refusal: 'not-locked',
    });
  });

  it('never leaves a final state', () => {
    const events: BmbEvent[] = ['send', 'discard', 'accept', 'reject', 'unlock'];
    fc.assert(
      fc.property(
        fc.constantFrom('accepted', 'rejected', 'discarded', 'unlocked' as const),
        fc.constantFrom(...events),
        fc.boolean(),
        (status, event, late) => {
          expect(transition({ status, sentAt }, event, late ? after : before).ok).toBe(false);
        },
      ),
    );
  });
});

describe('displayState', () => {
  it('derives Låst from time alone', () => {
    expect(displayState({ status: 'sent', sentAt }, before)).toBe('waiting');
    expect(displayState({ status: 'sent', sentAt }, after)).toBe('locked');
    expect(displayState({ status: 'accepted', sentAt }, after)).toBe('accepted');
  });
});

describe('blocksLoan', () => {
  it('is true only for sent BMBs (waiting or locked)', () => {
    expect(bmbStatuses.filter(blocksLoan)).toEqual(['sent']);
  });
});
