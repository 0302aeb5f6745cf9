// Durations and amounts typed the Swedish way.
import { describe, expect, it } from 'vitest';
import { durationInputValue, oreDecimal, parseDuration, parseMoneyToOre } from '@/lib/validation/quantities';

describe('parseDuration', () => {
  it.each([
    ['1:30', 90],
    ['0:45', 45],
    ['1,5', 90],
    ['1.5', 90],
    ['90m', 90],
    ['90 min', 90],
    ['2h', 120],
    ['1h 30m', 90],
    ['1h30', 90],
    ['2 tim', 120],
    ['2', 120],
    ['0,25', 15],
    [' 3:05 ', 185],
  ])('%s is %i minutes', (input, minutes) => expect(parseDuration(input)).toBe(minutes));
  it.each(['', 'abc', '1:75', '0', '0:00', '-1', '1,5,5', '1:3'])('refuses %j', (input) => expect(parseDuration(input)).toBeNull());
  it('round-trips the input form', () => expect(parseDuration(durationInputValue(135))).toBe(135));
});

describe('parseMoneyToOre', () => {
  it.each([
    ['1 234,50', 123450],
    ['1234.5', 123450],
    ['1234', 123400],
    ['1 234 kr', 123400],
    ['950:-', 95000],
    ['1.500', 150000],
    ['1 500,00', 150000],
    ['0,05', 5],
    ['-50', -5000],
    ['1.234.567,89', 123456789],
  ])('%s is %i öre', (input, ore) => expect(parseMoneyToOre(input)).toBe(ore));
  it.each(['', 'tio', '1,500', '12,345', '1.2.3', '1,2,3'])('refuses %j', (input) => expect(parseMoneyToOre(input)).toBeNull());
  it('round-trips the input form', () => expect(parseMoneyToOre(oreDecimal(-123405))).toBe(-123405));
});
