import { describe, expect, it } from 'vitest';
import { centsToInput, parseMoney, weighted } from '@/lib/opportunities/money';
import { addDays, dayIn, isFarCloseDate } from '@/lib/opportunities/dates';

describe('parseMoney', () => {
  it.each([
    ['12500', 1_250_000],
    ['12 500', 1_250_000],
    ['12\u202f500,50', 1_250_050],
    ['12\u00a0500,5', 1_250_050],
    ['12,500.50', 1_250_050],
    ['12.500,50', 1_250_050],
    ['1,234,567', 123_456_700],
    ['1.234.567', 123_456_700],
    ['12,5', 1250],
    ['0.99', 99],
    ["1'000", 100_000],
    ['€ 300', 30_000],
    ['300 €', 30_000],
    ['-20', -2000],
  ])('reads %s', (input, cents) => {
    expect(parseMoney(input)).toBe(cents);
  });

  it.each(['', 'abc', '1,2,3', '12.345', '1.2.3', '12,345,67', '1e5', '12..5'])('refuses %j', (input) => {
    expect(parseMoney(input)).toBeNull();
  });

  it('gives back what a form shows, and weighs amounts', () => {
    expect(centsToInput(1_250_050)).toBe('12500.50');
    expect(centsToInput(1_250_000)).toBe('12500');
    expect(centsToInput(5)).toBe('0.05');
    expect(centsToInput(null)).toBe('');
    expect(parseMoney(centsToInput(1_234_599))).toBe(1_234_599);
    expect(weighted(1_000_000, 25)).toBe(250_000);
    expect(weighted(333, 50)).toBe(167);
  });
});

describe('dates', () => {
  it('takes the calendar day in the organisation time zone', () => {
    const lateEvening = Date.UTC(2026, 0, 15, 23, 30);
    expect(dayIn('Europe/Paris', lateEvening)).toBe('2026-01-16');
    expect(dayIn('America/New_York', lateEvening)).toBe('2026-01-15');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('a close date more than a year back or five years ahead is far', () => {
    expect(isFarCloseDate('2025-01-14', '2026-01-15')).toBe(true);
    expect(isFarCloseDate('2025-01-16', '2026-01-15')).toBe(false);
    expect(isFarCloseDate('2030-12-31', '2026-01-15')).toBe(false);
    expect(isFarCloseDate('2031-01-15', '2026-01-15')).toBe(true);
  });
});
