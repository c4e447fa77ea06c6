import { describe, expect, it } from 'vitest';
import { formatCheckbox, normalizeCheckbox } from './checkbox';

describe('normalizeCheckbox', () => {
	it.each([
		'да',
		'Да',
		'ДА',
		'yes',
		'Yes',
		'true',
		'TRUE',
		'ИСТИНА',
		'1',
		'+',
		'✓',
		'✔',
		'x',
		'X',
		'х'
	])('%s is stored as true', (raw) => {
		expect(normalizeCheckbox(raw)).toEqual({ ok: true, value: 'true' });
	});

	it.each(['нет', 'Нет', 'no', 'false', 'FALSE', 'ЛОЖЬ', '0', '-', '—'])(
		'%s is stored as false',
		(raw) => {
			expect(normalizeCheckbox(raw)).toEqual({ ok: true, value: 'false' });
		}
	);

	it('an empty cell stays empty, not false', () => {
		expect(normalizeCheckbox('')).toEqual({ ok: true, value: '' });
		expect(normalizeCheckbox('  ')).toEqual({ ok: true, value: '' });
	});

	it('a yes with spaces or quotes around it is still a yes', () => {
		expect(normalizeCheckbox(' "Да" ').value).toBe('true');
	});

	it('anything else is kept as typed and flagged', () => {
		expect(normalizeCheckbox('может быть')).toEqual({
			ok: false,
			value: 'может быть',
			reason: 'not-yes-no'
		});
	});
});

describe('formatCheckbox', () => {
	it('a stored checkbox is shown as да / нет, or yes / no in English', () => {
		expect(formatCheckbox('true')).toBe('да');
		expect(formatCheckbox('false', 'ru')).toBe('нет');
		expect(formatCheckbox('true', 'en')).toBe('yes');
		expect(formatCheckbox('')).toBe('');
	});
});
