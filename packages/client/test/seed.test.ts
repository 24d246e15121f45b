import { describe, expect, it } from 'vitest';
import { checkSeedText, SEED_ALLOWED } from '../src/seed.js';

describe('checkSeedText', () => {
  it('reads decimal integers 0 … 2^53 − 1, spaces around ignored', () => {
    expect(checkSeedText('0')).toEqual({ ok: true, value: 0 });
    expect(checkSeedText(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(checkSeedText(String(Number.MAX_SAFE_INTEGER))).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
  });

  it.each(['', 'x', '-1', '1.5', '1e3', '0x10', '+1', '9007199254740992', '99999999999999999999'])('rejects %j, naming the parameter, the value and what is allowed', (text) => {
    const check = checkSeedText(text, '--seed');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toBe(`--seed must be ${SEED_ALLOWED}, got ${JSON.stringify(text)}`);
    expect(check.allowed).toBe(SEED_ALLOWED);
  });

  it('clips a huge value in the message', () => {
    const check = checkSeedText('9'.repeat(10_000));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message.length).toBeLessThan(200);
  });
});
