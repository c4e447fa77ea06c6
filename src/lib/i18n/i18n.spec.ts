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

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('ru', 'sheet.rows', { count: 19159 })).toBe('Строк: 19159');
		expect(translate('en', 'home.deleted', {})).toBe('The list “{title}” was deleted.');
	});
});
