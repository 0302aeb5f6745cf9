// Check digits and normalisation of what people type into the profile and client forms; the
// database's CHECK functions must agree on every value these accept.
import { describe, expect, it } from 'vitest';
import {
  checkBankgiro,
  checkBic,
  checkIban,
  checkOcr,
  checkOrgNumber,
  checkPlusgiro,
  checkSeVatNumber,
  checkVatNumber,
  formatIban,
  luhnCheckDigit,
  luhnValid,
} from '@/lib/validation/identifiers';

describe('Luhn', () => {
  it('accepts and computes check digits', () => {
    const digit = Number(luhnCheckDigit('556677889'));
    expect(luhnValid(`556677889${digit}`)).toBe(true);
    expect(luhnValid(`556677889${(digit + 1) % 10}`)).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });
});

describe('organisation number', () => {
  const valid = `556677889${luhnCheckDigit('556677889')}`;
  it('normalises the ways people write it', () => {
    const expected = { ok: true, value: `${valid.slice(0, 6)}-${valid.slice(6)}` };
    expect(checkOrgNumber(valid)).toEqual(expected);
    expect(checkOrgNumber(` ${valid.slice(0, 6)}-${valid.slice(6)} `)).toEqual(expected);
    expect(checkOrgNumber(`19${valid}`)).toEqual(expected);
  });
  it('tells a wrong shape from a wrong check digit', () => {
    expect(checkOrgNumber('12345')).toEqual({ ok: false, reason: 'format' });
    const wrong = `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
    expect(checkOrgNumber(wrong)).toEqual({ ok: false, reason: 'checksum' });
  });
});

describe('VAT numbers', () => {
  const org = `556677889${luhnCheckDigit('556677889')}`;
  it('accepts SE numbers and builds one from an org number', () => {
    expect(checkSeVatNumber(`se ${org} 01`)).toEqual({ ok: true, value: `SE${org}01` });
    expect(checkSeVatNumber(org)).toEqual({ ok: true, value: `SE${org}01` });
    expect(checkSeVatNumber(`SE${org}02`)).toEqual({ ok: false, reason: 'format' });
    expect(checkSeVatNumber('SE556677889001')).toEqual({ ok: false, reason: 'checksum' });
  });
  it('checks other EU numbers by shape', () => {
    expect(checkVatNumber('DE 123456789')).toEqual({ ok: true, value: 'DE123456789' });
    expect(checkVatNumber('X')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('bankgiro, plusgiro, IBAN, BIC, OCR', () => {
  it('bankgiro', () => {
    expect(checkBankgiro('5050-1055')).toEqual({ ok: true, value: '5050-1055' });
    expect(checkBankgiro('50501055')).toEqual({ ok: true, value: '5050-1055' });
    expect(checkBankgiro('5050-1056')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkBankgiro('50-10')).toEqual({ ok: false, reason: 'format' });
  });
  it('plusgiro', () => {
    const digits = `4711${luhnCheckDigit('4711')}`;
    expect(checkPlusgiro(digits)).toEqual({ ok: true, value: `4711-${digits[4]}` });
    expect(checkPlusgiro(`4711-${(Number(digits[4]) + 1) % 10}`)).toEqual({ ok: false, reason: 'checksum' });
  });
  it('IBAN mod 97', () => {
    expect(checkIban('se45 5000 0000 0583 9825 7466')).toEqual({ ok: true, value: 'SE4550000000058398257466' });
    expect(checkIban('SE4550000000058398257467')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkIban('GB82WEST12345698765432')).toEqual({ ok: true, value: 'GB82WEST12345698765432' });
    expect(checkIban('SE45')).toEqual({ ok: false, reason: 'format' });
    expect(formatIban('SE4550000000058398257466')).toBe('SE45 5000 0000 0583 9825 7466');
  });
  it('BIC and OCR', () => {
    expect(checkBic('essesess')).toEqual({ ok: true, value: 'ESSESESS' });
    expect(checkBic('ESSE')).toEqual({ ok: false, reason: 'format' });
    expect(checkOcr(`1234${luhnCheckDigit('1234')}`).ok).toBe(true);
    expect(checkOcr('12345').ok).toBe(luhnValid('12345'));
  });
});
