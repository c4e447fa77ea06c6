import { describe, expect, it } from 'vitest';
import { filterDateText, typedFilterDate } from './date-filter';

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

	it('shows a day as a cell does', () => {
		expect(filterDateText(new Date(1945, 2, 5))).toBe('05.03.1945');
		expect(filterDateText(null)).toBe('');
	});
});
