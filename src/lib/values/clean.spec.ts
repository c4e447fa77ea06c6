import { describe, expect, it } from 'vitest';
import { cleanLabel, isBlank, trimValue, withoutHidden, withPlainSpaces } from './clean';
import * as Y from 'yjs';
import { Sheet, titleKey } from '../model/sheet';

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

/**
 * Found by exploration: a column title with a zero-width space looked the same as an existing
 * one and was accepted; an operator name with a right-to-left override turned the «(вы)» after
 * it around.
 */
describe('cleanLabel', () => {
	it('drops invisible format characters and collapses spaces', () => {
		expect(cleanLabel('Ад\u200bрес')).toBe('Адрес');
		expect(cleanLabel('\u202eАнна\u202c')).toBe('Анна');
		expect(cleanLabel(' \u2066Борис\u2069  Петров\ufeff ')).toBe('Борис Петров');
		expect(cleanLabel('мяг\u00adкий')).toBe('мягкий');
		expect(cleanLabel('\u200d\u200c\u200e\u200f')).toBe('');
		// A joiner inside an emoji sequence is part of it.
		expect(cleanLabel('Семья 👨\u200d👩\u200d👧')).toBe('Семья 👨\u200d👩\u200d👧');
		expect(cleanLabel('❤\ufe0f\u200d🔥')).toBe('❤\ufe0f\u200d🔥');
		expect(cleanLabel('Ад\u200dрес')).toBe('Адрес');
		// Skin tones before the joiner (found in review).
		for (const emoji of ['👩🏽\u200d💻', '👩🏻\u200d🦰', '🫱🏼\u200d🫲🏿', '🧑🏿\u200d🤝\u200d🧑🏻'])
			expect(cleanLabel(`Волонтёр ${emoji}`)).toBe(`Волонтёр ${emoji}`);
		// Letters, digits, punctuation and emoji stay as typed.
		expect(cleanLabel('Обзвон 65+ (№ 3) — «ветераны» 🎖️')).toBe('Обзвон 65+ (№ 3) — «ветераны» 🎖️');
	});

	it('titles that only differ by invisible characters are one title to the sheet', () => {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumn({ title: 'Адрес' });
		sheet.addColumn({ title: 'Ад\u200bрес' });
		expect(sheet.columns().map((c) => c.title)).toEqual(
			expect.arrayContaining(['Адрес', 'Адрес (2)'])
		);
		expect(titleKey('\u202eФИО')).toBe(titleKey('фио'));
	});
});

describe('withoutHidden', () => {
	it('leaves out control characters, bidirectional overrides and zero-width characters', () => {
		expect(withoutHidden('\u202eИванова\u202c')).toBe('Иванова');
		expect(withoutHidden('Иван\u200bова\ufeff\u2066\u2069\x01\x7f\u00ad')).toBe('Иванова');
		expect(withoutHidden('строка\x0bвторая')).toBe('строка вторая');
	});

	it('keeps what is visible: tabs, line breaks, ё, emoji with their joiners, and a clean value itself', () => {
		const clean = 'Ёлкина\tМария\nзвонить 🎂 👨‍👩‍👧 👩🏽‍💻';
		expect(withoutHidden(clean)).toBe(clean);
		expect(withoutHidden('a\u200db 👨‍👩‍👧')).toBe('ab 👨‍👩‍👧');
	});
});

describe('withPlainSpaces', () => {
	it.each([
		['a no-break space (Excel, Word)', 'Иванова\u00a0Анна', 'Иванова Анна'],
		['a figure space', 'Иванова\u2007Анна', 'Иванова Анна'],
		['a narrow no-break space', 'ул.\u202fЛенина', 'ул. Ленина'],
		['a thin space', 'д.\u20095', 'д. 5'],
		['an en and an em space', 'а\u2002б\u2003в', 'а б в'],
		['an ideographic space', 'а\u3000б', 'а б'],
		['a medium mathematical space', 'а\u205fб', 'а б'],
		['two no-break spaces: two spaces', 'а\u00a0\u00a0б', 'а  б'],
		['at the ends', '\u00a0Анна\u00a0', ' Анна ']
	])('%s is an ordinary space', (_, text, plain) => {
		expect(withPlainSpaces(text)).toBe(plain);
	});

	it.each([
		['ordinary spaces', 'Иванова Анна Петровна'],
		['a tab and a line break (a note may mean them)', 'позвонить\tднём\nили вечером'],
		['a zero-width space (withoutHidden takes it out)', 'Смир\u200bнова'],
		['nothing', '']
	])('%s are left as they are', (_, text) => {
		expect(withPlainSpaces(text)).toBe(text);
	});
});
