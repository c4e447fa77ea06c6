import { describe, expect, it } from 'vitest';
import { translate } from './index';
import { en, ru } from './messages';

describe('i18n', () => {
	it('every Russian message has an English one with the same placeholders', () => {
		for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
			expect(en[key], key).toBeTruthy();
			const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			expect(names(en[key]), key).toEqual(names(ru[key]));
		}
	});

	it('no count reads as a wrong plural in either language: 1 row, 21 строка', () => {
		// A count is written after a label («Строк: 21», «Rows: 1») or before a word that agrees
		// with every number; found going through the English interface: «Column “Address”: 1 cells
		// filled.».
		const counts = ['count', 'rows', 'values', 'speed', 'added', 'left', 'leftRows'];
		const fill = (text: string, n: number) =>
			text.replace(/\{(\w+)\}/g, (_, name: string) => (counts.includes(name) ? String(n) : 'X'));
		const englishPlural =
			/\b1 (rows|cells|values|numbers|lines|lists|columns|residents|repeats|notes|changes)\b/;
		// Not \b: it knows Latin letters only, so «21 строк» never matched (found 2026-12-07).
		const russianPlural =
			/(?<![\p{L}\d])(1|21) (строк|ячеек|значений|номеров|списков|столбцов|жителей|повторов|замечаний)(?!\p{L})/u;
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			expect(fill(en[key], 1), key).not.toMatch(englishPlural);
			expect(fill(ru[key], 21), key).not.toMatch(russianPlural);
			expect(fill(ru[key], 1), key).not.toMatch(russianPlural);
		}
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('ru', 'sheet.rows', { count: 19159 })).toBe('Строк: 19159');
		expect(translate('en', 'home.deleted', {})).toBe('The list “{title}” was deleted.');
	});
});
