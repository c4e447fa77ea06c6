import { describe, expect, it } from 'vitest';
import { completeShortDate, editText, pickedText, pickerValue } from './date-editor';
import { parseDate, parseDateTime } from '$lib/values';

describe('short dates typed for a recent or coming day', () => {
	const now = new Date(2026, 11, 5, 9, 7);
	it('«5.12», «05/12» and «сегодня» are a day of this year, stored as such', () => {
		expect(completeShortDate('date', '5.12', { now })).toBe('05.12.2026');
		expect(completeShortDate('date', '05/12', { now })).toBe('05.12.2026');
		expect(completeShortDate('date', ' Сегодня ', { now })).toBe('05.12.2026');
		expect(completeShortDate('date', 'today', { now })).toBe('05.12.2026');
		// On the 5th of December, the 31st of January nearest is next year's.
		expect(parseDate(completeShortDate('date', '31.1', { now }))).toMatchObject({
			ok: true,
			value: '2027-01-31'
		});
	});

	it('«28.12» typed in early January is last December, as a pasted or imported one (found in review)', () => {
		const january = new Date(2027, 0, 3, 10, 0);
		expect(completeShortDate('date', '28.12', { now: january })).toBe('28.12.2026');
		expect(completeShortDate('datetime', '31.12 23:50', { now: january })).toBe('31.12.2026 23:50');
		expect(completeShortDate('date', '6.4', { now: january })).toBe('06.04.2027');
		// Typed at the end of December for early January: next year's.
		expect(completeShortDate('date', '5.1', { now: new Date(2026, 11, 28) })).toBe('05.01.2027');
	});

	it('with a time in a date-and-time cell; «сейчас» is now', () => {
		expect(completeShortDate('datetime', '5.12 14:30', { now })).toBe('05.12.2026 14:30');
		expect(parseDateTime(completeShortDate('datetime', 'сейчас', { now }))).toMatchObject({
			ok: true,
			value: '2026-12-05T09:07'
		});
		// A time in a date-only cell is not a short date: kept as typed (and flagged).
		expect(completeShortDate('date', '5.12 14:30', { now })).toBe('5.12 14:30');
		expect(completeShortDate('date', 'сейчас', { now })).toBe('сейчас');
	});

	it('leaves a date of birth, full dates and other text as typed', () => {
		expect(completeShortDate('date', '5.12', { now, birthDate: true })).toBe('5.12');
		expect(completeShortDate('date', 'сегодня', { now, birthDate: true })).toBe('сегодня');
		expect(completeShortDate('date', '05.12.1941', { now })).toBe('05.12.1941');
		expect(completeShortDate('date', '5.12.41', { now })).toBe('5.12.41');
		expect(completeShortDate('date', 'в среду', { now })).toBe('в среду');
		expect(completeShortDate('date', '', { now })).toBe('');
	});
});

describe('the date editor’s text and the browser’s picker', () => {
	it('opens the picker on the date typed the Russian way', () => {
		expect(pickerValue('date', '05.03.2024')).toBe('2024-03-05');
		expect(pickerValue('date', '5.3.2024')).toBe('2024-03-05');
		expect(pickerValue('datetime', '05.03.2024 14:30')).toBe('2024-03-05T14:30');
		expect(pickerValue('datetime', '05.03.2024')).toBe('2024-03-05T00:00');
	});

	it('opens the picker empty when the text is not a date (yet)', () => {
		expect(pickerValue('date', '')).toBe('');
		expect(pickerValue('date', '31.02.1950')).toBe('');
		expect(pickerValue('date', 'завтра')).toBe('');
		expect(pickerValue('date', '05.03.2024 14:30')).toBe('');
	});

	it('writes a picked date into the field as дд.мм.гггг', () => {
		expect(pickedText('date', '2024-03-05')).toBe('05.03.2024');
		expect(pickedText('datetime', '2024-03-05T14:30')).toBe('05.03.2024 14:30');
		expect(pickedText('datetime', '2024-03-05T14:30:15')).toBe('05.03.2024 14:30');
		expect(pickedText('date', '')).toBe('');
	});

	it('starts from the cell as shown; an invalid stored value as it was typed', () => {
		expect(editText('date', '2024-03-05')).toBe('05.03.2024');
		expect(editText('datetime', '2024-03-05T09:05')).toBe('05.03.2024 09:05');
		expect(editText('date', '31.02.1950')).toBe('31.02.1950');
		expect(editText('date', '')).toBe('');
	});

	it('round-trips: a picked date typed back gives the stored ISO form', () => {
		for (const iso of ['1945-05-09', '2024-02-29', '2199-12-31']) {
			expect(pickerValue('date', pickedText('date', iso))).toBe(iso);
		}
		expect(pickerValue('datetime', pickedText('datetime', '2024-03-05T23:59'))).toBe(
			'2024-03-05T23:59'
		);
	});
});
