import { describe, expect, it } from 'vitest';
import { exportFileName } from './exporting';

/** A list's title is any colleague's text: the download's name must still be safe. */
describe('the export file name of a hostile title', () => {
	const date = new Date(2024, 4, 9);
	const name = (title: string, suffix = '') => exportFileName(title, date, suffix);
	const utf8 = (text: string) => new TextEncoder().encode(text).length;

	it('keeps every name one file in the downloads folder, never hidden', () => {
		expect(name('../../x')).toBe('_.._x 2024-05-09.csv');
		expect(name('..\\..\\Windows\\x')).toBe('_.._Windows_x 2024-05-09.csv');
		expect(name('.bashrc')).toBe('bashrc 2024-05-09.csv');
		expect(name(' . . ')).toBe('export 2024-05-09.csv');
		expect(name('<script>alert(1)</script>')).toBe('_script_alert(1)_script_ 2024-05-09.csv');
	});

	it('leaves no reserved Windows name whole', () => {
		for (const reserved of ['CON', 'nul', 'COM1', 'LPT9', 'AUX'])
			expect(name(reserved)).toBe(`${reserved} 2024-05-09.csv`);
	});

	it('takes out what cannot be seen: bidirectional overrides, zero-width and control characters', () => {
		expect(name('Отчёт\u202Egpj.exe')).toBe('Отчётgpj.exe 2024-05-09.csv');
		expect(name('a\u2066b\u2069c\u200Fd\u200Be\u0085f\u0007g')).toBe('abcdefg 2024-05-09.csv');
		expect(name('Заявки\nмарт\tапрель')).toBe('Заявки март апрель 2024-05-09.csv');
	});

	it('cuts a long title whole characters at a time, to a name that fits a disk', () => {
		const long = name('Я'.repeat(300), ' — отчёт импорта (Windows-1251)');
		expect(utf8(long)).toBeLessThanOrEqual(255);
		expect(long.startsWith('Я'.repeat(75) + ' — отчёт')).toBe(true);
		const emoji = name('👵'.repeat(300));
		expect(emoji).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
		expect([...emoji.split(' ')[0]].every((c) => c === '👵')).toBe(true);
		expect(utf8(emoji)).toBeLessThanOrEqual(255);
		expect(name('Обзвон 65+ Калининский')).toBe('Обзвон 65+ Калининский 2024-05-09.csv');
	});
});
