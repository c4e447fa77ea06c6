import { describe, expect, it } from 'vitest';
import { isBlank, trimValue } from './clean';

describe('trimValue', () => {
	it('spaces of every kind around a value are removed', () => {
		expect(trimValue('\u00a0\u202f 12 \t\n')).toBe('12');
	});

	it('one pair of quotes around a value is removed, with the spaces inside', () => {
		expect(trimValue(' " 12 " ')).toBe('12');
		expect(trimValue('«12»')).toBe('12');
		expect(trimValue('„12“')).toBe('12');
		expect(trimValue('""12""')).toBe('"12"');
	});

	it("Excel's leading apostrophe is removed", () => {
		expect(trimValue("'0012")).toBe('0012');
	});

	it('a quote that is not closed stays', () => {
		expect(trimValue('"12')).toBe('"12');
	});

	it('a value with nothing around it is returned as the same string', () => {
		const value = '8 911 123 45 67';
		expect(trimValue(value)).toBe(value);
	});
});

describe('isBlank', () => {
	it('spaces only, NBSP included, are blank', () => {
		expect(isBlank('')).toBe(true);
		expect(isBlank(' \u00a0\t')).toBe(true);
		expect(isBlank(' x ')).toBe(false);
	});
});
