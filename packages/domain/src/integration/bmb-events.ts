/**
 * What the region's stock system learns from BMB (GET /api/v1/events, and
 * webhooks): one event per change BMB made, in the order they committed.
 */
export const BMB_EVENT_TYPES = [
  'bmb.sent',
  'bmb.accepted',
  'bmb.rejected',
  'bmb.unlocked',
  'bmb.line-closed',
] as const;
export type BmbEventType = (typeof BMB_EVENT_TYPES)[number];

export const isBmbEventType = (value: unknown): value is BmbEventType =>
  typeof value === 'string' && (BMB_EVENT_TYPES as readonly string[]).includes(value);

/** Why a BMB line closed without an answer: the device went back to Länsservice. */
export const LINE_CLOSED_REASONS = ['returned'] as const;
export type LineClosedReason = (typeof LINE_CLOSED_REASONS)[number];
