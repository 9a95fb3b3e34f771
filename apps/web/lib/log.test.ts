import { describe, expect, it, vi } from 'vitest';
import { createLogger, log, PERSONNUMMER, REDACTED, redact, redactText } from './log';

function capture() {
  const lines: string[] = [];
  const logger = createLogger((line) => lines.push(line));
  const last = () => JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  return { lines, logger, last };
}

describe('redactText', () => {
  it.each([
    '191212121212',
    '19121212-1212',
    '19121212+1212',
    '1212121212',
    '121212-1212',
    '121212+1212',
    '198112189876', // samordningsnummer-shaped days are just digits too
  ])('replaces %s', (pnr) => {
    expect(redactText(pnr)).toBe(PERSONNUMMER);
    expect(redactText(`patient ${pnr} sökt`)).toBe(`patient ${PERSONNUMMER} sökt`);
    expect(redactText(`pnr=${pnr},`)).toBe(`pnr=${PERSONNUMMER},`);
  });

  it('replaces every occurrence, also inside words and punctuation', () => {
    expect(redactText('a191212121212b and (19121212-1212) and x:121212-1212')).toBe(
      `a${PERSONNUMMER}b and (${PERSONNUMMER}) and x:${PERSONNUMMER}`,
    );
    expect(redactText('Key (personnummer)=(191212121212) already exists.')).toBe(
      `Key (personnummer)=(${PERSONNUMMER}) already exists.`,
    );
  });

  it.each([
    ['a UUID, even one with all-digit groups', '12345678-1234-4234-8234-123456789012'],
    ['an ISO time', '2026-11-25T10:15:30.123Z'],
    ['a date', '2026-11-25'],
    ['an 11-digit run', '12345678901'],
    ['a 13-digit run (milliseconds since 1970)', '1795642547506'],
    ['a 9-digit run', '123456789'],
    ['an individ number', 'individ 170098'],
  ])('leaves %s alone', (_label, text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redact', () => {
  it('replaces the values of personal and secret fields, however they are spelled', () => {
    expect(
      redact({
        personnummer: '191212121212',
        patientPersonnummer: 'x',
        name: 'Svensson, Testare',
        patientName: 'Svensson, Testare',
        patient_name: 'Svensson, Testare',
        email: 'ana@example.se',
        userEmail: 'ana@example.se',
        password: 'demo',
        id_token: 'eyJ…',
        keep: 'bmb.sent',
      }),
    ).toEqual({
      personnummer: REDACTED,
      patientPersonnummer: REDACTED,
      name: REDACTED,
      patientName: REDACTED,
      patient_name: REDACTED,
      email: REDACTED,
      userEmail: REDACTED,
      password: REDACTED,
      id_token: REDACTED,
      keep: 'bmb.sent',
    });
  });

  it('walks nested objects, arrays, keys and numbers', () => {
    expect(
      redact({
        patient: { name: 'Svensson', loans: [{ note: 'för 19121212-1212' }] },
        ids: [191212121212, 42],
        '191212121212': 'keyed by personnummer',
      }),
    ).toEqual({
      patient: { name: REDACTED, loans: [{ note: `för ${PERSONNUMMER}` }] },
      ids: [PERSONNUMMER, 42],
      [PERSONNUMMER]: 'keyed by personnummer',
    });
  });

  it('keeps an error useful without its personal data', () => {
    const cause = Object.assign(new Error('duplicate key (191212121212)'), { code: '23505' });
    const error = new Error('insert failed for 121212-1212', { cause });
    const out = redact(error) as Record<string, unknown>;
    expect(out).toMatchObject({
      type: 'Error',
      message: `insert failed for ${PERSONNUMMER}`,
      cause: { type: 'Error', message: `duplicate key (${PERSONNUMMER})`, code: '23505' },
    });
    expect(out.stack).toContain(`insert failed for ${PERSONNUMMER}`);
    expect(JSON.stringify(out)).not.toMatch(/\d{6}[-+]?\d{4}/);
  });

  it('survives cycles, depth and bigint', () => {
    const a: Record<string, unknown> = { n: 191212121212n };
    a.self = a;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i++) deep = deep.next = {};
    expect(redact(a)).toEqual({ n: PERSONNUMMER, self: '[circular]' });
    expect(JSON.stringify(redact(root))).toContain('[truncated]');
  });
});

describe('createLogger', () => {
  it('writes one JSON line with time, level and msg first', () => {
    const { lines, logger, last } = capture();
    logger.info('bmb.sent', { bmbId: '4f6c2c4e-7c2a-4c8e-9f7a-1d2e3f4a5b6c', lines: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const record = last();
    expect(Object.keys(record).slice(0, 3)).toEqual(['time', 'level', 'msg']);
    expect(record).toMatchObject({
      level: 'info',
      msg: 'bmb.sent',
      bmbId: '4f6c2c4e-7c2a-4c8e-9f7a-1d2e3f4a5b6c',
      lines: 2,
    });
    expect(new Date(record.time as string).toISOString()).toBe(record.time);
  });

  it('redacts the message and the fields of every level', () => {
    const { lines, logger } = capture();
    logger.info('search 191212121212', { personnummer: '191212121212' });
    logger.warn('search 19121212-1212', { q: '121212+1212' });
    logger.error('failed', {
      err: new Error('no patient 1212121212'),
      patient: { name: 'Svensson, Testare' },
    });
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['info', 'warn', 'error']);
    for (const line of lines) {
      expect(line).not.toMatch(/\d{6}[-+]?\d{4}/);
      expect(line).not.toContain('Svensson');
    }
  });

  it('never lets a field overwrite time, level or msg', () => {
    const { logger, last } = capture();
    logger.warn('real', { msg: 'forged', level: 'info', time: 'yesterday' });
    expect(last()).toMatchObject({
      level: 'warn',
      msg: 'real',
      msg_: 'forged',
      level_: 'info',
      time_: 'yesterday',
    });
  });

  it('writes to stdout by default, not to console.error', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let calls: unknown[][];
    try {
      log.error('readiness.failed', { err: new Error('connect ECONNREFUSED') });
    } finally {
      calls = [...write.mock.calls];
      write.mockRestore();
    }
    expect(calls).toHaveLength(1);
    expect(JSON.parse(String(calls[0]![0]))).toMatchObject({
      level: 'error',
      msg: 'readiness.failed',
    });
  });
});
