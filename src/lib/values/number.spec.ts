import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber, type NumberReason } from './number';

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

describe('parseNumber', () => {
	it.each([
		['a whole number', '12', '12'],
		['a negative number', '-12', '-12'],
		['a negative number with a minus sign', '−12', '-12'],
		['a number with a plus', '+12', '12'],
		['a decimal comma', '1234,5', '1234.5'],
		['a decimal point', '1234.5', '1234.5'],
		['spaces between thousands and a decimal comma', '1 234,5', '1234.5'],
		['NBSP between thousands', `1${NBSP}234${NBSP}567`, '1234567'],
		['narrow NBSP between thousands', `1${NARROW_NBSP}234,25`, '1234.25'],
		['the English 1,234.5', '1,234.5', '1234.5'],
		['the German 1.234,5', '1.234,5', '1234.5'],
		['commas between thousands only', '1,234,567', '1234567'],
		['dots between thousands only', '1.234.567', '1234567'],
		['one comma, read as the decimal comma', '1,234', '1.234'],
		['one dot, read as the decimal point', '1.234', '1.234'],
		['a fraction without a whole part', ',5', '0.5'],
		['zeros after the decimal comma', '2,50', '2.5'],
		['minus zero', '-0', '0'],
		['a number in quotes with spaces', ' "1 500" ', '1500'],
		['exponent notation', '1.5e3', '1500'],
		['the stored form of a large number', '1e+21', '1e+21'],
		['fifteen significant digits', '123456789012345', '123456789012345']
	])('%s is stored as a plain JS number', (_, raw, stored) => {
		expect(parseNumber(raw)).toEqual({ ok: true, value: stored });
	});

	it.each([
		['an empty cell', '', 'empty'],
		['a word', 'много', 'not-a-number'],
		['a number with a unit', '1 500 руб.', 'not-a-number'],
		['a percentage', '50%', 'not-a-number'],
		['groups of two digits', '12 34', 'not-a-number'],
		['a thousands group that is too long', '1 2345', 'not-a-number'],
		['two decimal commas', '1,234.5,6', 'not-a-number'],
		['spaces and commas both between thousands', '1 234,567,890', 'not-a-number'],
		['a sign alone', '-', 'not-a-number'],
		['a date', '05.03.2024', 'not-a-number'],
		['a number too large for a double', '1e999', 'not-a-number'],
		['seventeen digits a double cannot hold', '12345678901234567', 'too-many-digits'],
		['a twenty-digit account number', '40817810099910004312', 'too-many-digits']
	] as [string, string, NumberReason][])('%s is kept as typed and flagged', (_, raw, reason) => {
		expect(parseNumber(raw)).toEqual({ ok: false, value: raw, reason });
	});

	it('the stored text is exactly what JavaScript writes for the number', () => {
		const samples = [
			'0,000001',
			'0,0000001',
			'-0,5',
			'100,001',
			'000123,4500',
			'123 456 789 012 345',
			'100000000000000000000',
			'1000000000000000000000',
			'0,1',
			'1e-7',
			'-1.5E+3',
			'9007199254740992',
			'0,000'
		];
		for (const raw of samples) {
			const result = parseNumber(raw);
			expect(result.ok, raw).toBe(true);
			expect(result.value, raw).toBe(String(Number(result.value)));
			expect(Number(result.value), raw).toBe(Number(raw.replace(/ /g, '').replace(',', '.')));
		}
	});

	it('a stored number parses back to itself', () => {
		for (const stored of ['1234.5', '-12', '1e+21', '1e-7', '9007199254740991', '0.1']) {
			expect(parseNumber(stored)).toEqual({ ok: true, value: stored });
		}
	});

	it('no input ever gives NaN or Infinity', () => {
		for (const raw of ['NaN', 'Infinity', '-Infinity', '0x10', '1e', 'e5', '.', '1..2']) {
			const result = parseNumber(raw);
			expect(result.ok).toBe(false);
			expect(result.value).toBe(raw);
		}
	});
});

describe('formatNumber', () => {
	it('a stored number is shown the Russian way', () => {
		expect(formatNumber('1234567.5', 'ru')).toBe(`1${NBSP}234${NBSP}567,5`);
		expect(formatNumber('-0.25', 'ru')).toBe('-0,25');
	});

	it('a stored number is shown the English way in English', () => {
		expect(formatNumber('1234567.5', 'en')).toBe('1,234,567.5');
	});

	it('every decimal of a stored number is shown', () => {
		expect(formatNumber('0.123456789', 'ru')).toBe('0,123456789');
	});

	it('a value that is not a stored number is shown as it is', () => {
		for (const raw of ['1 234,5', 'много', '', '0.10', 'NaN']) {
			expect(formatNumber(raw, 'ru')).toBe(raw);
		}
	});
});
