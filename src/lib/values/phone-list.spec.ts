import { describe, expect, it } from 'vitest';
import { phoneKeys } from '../csv/dedupe';
import { neutralizeFormula, restoreFormula } from '../csv/formula';
import { formatValue, guessColumnType, normalizeValue, validateStored } from './index';
import { formatPhone, isStoredPhone, normalizePhone } from './phone';

/** Time of one call, in ms. */
function timed(run: () => unknown): number {
	const start = performance.now();
	run();
	return performance.now() - start;
}

describe('several phones in a cell', () => {
	// Each of these is valid on its own (the module's rules allow `,` or `;` before an
	// extension: `8 (812) 123-45-67, доб 45` is in phone.spec.ts), so it must stay valid as the
	// second number of a list.
	it.each([
		['; доб. 12', '8 911 123-45-67; доб. 12'],
		[', доб 12', '8 911 123-45-67, доб 12'],
		['; ext=12 (a space after ;)', '+79111234567; ext=12'],
		[';EXT=12 (capitals)', '+79111234567;EXT=12']
	])('a number with its extension after %s is valid in a list too', (_, one) => {
		expect(normalizePhone(one)).toEqual({ ok: true, value: '+79111234567;ext=12' });
		expect(normalizePhone(`8 812 555-12-34, ${one}`)).toEqual({
			ok: true,
			value: '+78125551234, +79111234567;ext=12'
		});
	});

	it('normalise → format → normalise gives the stored list back, extensions included', () => {
		for (const typed of [
			'8 911 123-45-67, 8 812 555-12-34',
			'8 911 123-45-67 доб. 12; 8 812 555-12-34',
			'8 812 555-12-34\n8 911 123-45-67 доб. 12',
			'+79111234567;ext=12;+78125551234',
			'8 911 123-45-67, 8 911 123-45-67 доб. 7, 8 911 123-45-67'
		]) {
			const stored = normalizePhone(typed);
			expect(stored.ok, typed).toBe(true);
			expect(isStoredPhone(stored.value), typed).toBe(true);
			expect(validateStored('phone', stored.value)).toEqual({ ok: true, value: stored.value });
			expect(normalizePhone(formatPhone(stored.value))).toEqual(stored);
		}
	});

	it('a list exported as the grid shows it (no apostrophe: only phones) is imported back exactly', () => {
		const stored = '+79111234567;ext=12, +78125551234';
		const shown = formatValue('phone', stored);
		const written = neutralizeFormula(shown);
		expect(written).toBe(shown);
		expect(normalizeValue('phone', restoreFormula(written))).toEqual({ ok: true, value: stored });
		expect(phoneKeys(stored)).toEqual(['+79111234567;ext=12', '+78125551234']);
	});

	it('separators alone are flagged, never stored as an empty list', () => {
		for (const raw of [',', ' ; , ', ',,,\n;']) expect(normalizePhone(raw).ok, raw).toBe(false);
		expect(guessColumnType(['8 911 123-45-67, 8 812 555-12-34', '89111234568'])).toBe('phone');
	});

	// A cell holds up to 100,000 characters (`MAX_CELL_LENGTH`); an imported cell is normalised,
	// a stored one validated at each render of the cell (`validateStored` → `normalizePhone`).
	it(
		'a long run of spaces in a cell that is not a phone is flagged in linear time',
		{
			timeout: 120_000
		},
		() => {
			for (const raw of [
				'8 911 123-45-67' + ' '.repeat(99_000) + 'звонить 2 раза',
				// A label before a number, its spaces skipped by a regular expression: seconds too.
				'звонить' + ' '.repeat(99_000) + 'вечером'
			]) {
				expect(raw.length).toBeLessThanOrEqual(100_000);
				let result = normalizePhone('');
				const ms = timed(() => (result = normalizePhone(raw)));
				expect(result).toEqual({ ok: false, value: raw, reason: 'letters' });
				// Linear: under a few ms. The list separator's leading `\s*`, tried at each space of
				// the run, makes the split quadratic: seconds.
				expect(ms).toBeLessThan(500);
			}
		}
	);
});

describe('numbers written as alternatives', () => {
	it('with «/», «\\», «или» or «либо» between them are a list when each is valid', () => {
		for (const typed of [
			'8 912 345-67-89 / 8 (343) 222-33-44',
			'89123456789/83432223344',
			'8 912 345 67 89\\8 343 222 33 44',
			'8 912 345-67-89 или 8 (343) 222-33-44',
			'8 912 345-67-89 ИЛИ ЖЕ 8 (343) 222-33-44',
			'8 912 345-67-89 либо 8 (343) 222-33-44'
		])
			expect(normalizePhone(typed), typed).toEqual({
				ok: true,
				value: '+79123456789, +73432223344'
			});
		expect(normalizePhone('555-12-34 / 555-12-35', '812')).toEqual({
			ok: true,
			value: '+78125551234, +78125551235'
		});
	});

	it('leave one number, its note and its slashes as they were', () => {
		expect(normalizePhone('8/911/123-45-67')).toEqual({ ok: true, value: '+79111234567' });
		expect(normalizePhone('8 911 123-45-67 (сын или дочь)')).toEqual({
			ok: true,
			value: '+79111234567 (сын или дочь)'
		});
	});

	it('say «several numbers» when only some of them are valid; none valid keeps the reason it had', () => {
		expect(normalizePhone('8 912 345-67-89 / 222-33')).toMatchObject({
			ok: false,
			reason: 'several-numbers'
		});
		expect(normalizePhone('звонить или писать')).toMatchObject({ ok: false, reason: 'letters' });
	});
});
