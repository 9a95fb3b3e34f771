import { describe, expect, it } from 'vitest';
import { formatPrice } from './money';

describe('formatPrice', () => {
  it("shows öre as the manual's SEK amount", () => {
    expect(formatPrice(17484)).toBe('174,84 SEK');
    expect(formatPrice(0)).toBe('0,00 SEK');
    expect(formatPrice(1234567).replace(/\s/g, ' ')).toBe('12 345,67 SEK');
  });
});
