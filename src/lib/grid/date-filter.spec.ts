import { describe, expect, it } from 'vitest';
import { filterDateText, isWholeDate, typedFilterDate } from './date-filter';

describe('the date filter’s field', () => {
	const now = new Date(2026, 11, 6, 15, 0);
	it('reads дд.мм.гггг and the short forms a cell takes', () => {
		expect(typedFilterDate('05.03.1945', now)).toEqual(new Date(1945, 2, 5));
		expect(typedFilterDate('5.12', now)).toEqual(new Date(2026, 11, 5));
		expect(typedFilterDate('сегодня', now)).toEqual(new Date(2026, 11, 6));
	});

	it('names no day for a text that is no date yet, or none', () => {
		for (const text of ['', '05.03.194', '31.02.1950', 'вчера'])
			expect(typedFilterDate(text, now)).toBe(null);
	});

	it('waits for her pause on a date that may be the start of another: a two-digit year, or none', () => {
		// Found in review: «05.03.19», on the way to «05.03.1990», filtered to 2019.
		expect(typedFilterDate('05.03.19', now)).toEqual(new Date(2019, 2, 5));
		for (const text of ['05.03.19', '5.12', '5.1', '1990-03-1', '05.03.19 г.'])
			expect(isWholeDate(text), text).toBe(false);
		for (const text of ['05.03.1990', '5.3.1990', '5 марта 1990', '05.03.1990 г.', 'сегодня'])
			expect(isWholeDate(text), text).toBe(true);
	});

	it('shows a day as a cell does', () => {
		expect(filterDateText(new Date(1945, 2, 5))).toBe('05.03.1945');
		expect(filterDateText(null)).toBe('');
	});
});
