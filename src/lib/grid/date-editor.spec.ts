import { describe, expect, it } from 'vitest';
import { editText, pickedText, pickerValue } from './date-editor';

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
