import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './tsv';

describe('TSV from the clipboard', () => {
	it('splits an Excel block (CRLF, trailing line break) into rows and cells', () => {
		expect(parseTsv('Иванова\t+7 812 123-45-67\r\nПетров\t8 911 000 00 00\r\n')).toEqual([
			['Иванова', '+7 812 123-45-67'],
			['Петров', '8 911 000 00 00']
		]);
	});

	it('keeps empty cells, at the start, in the middle and at the end of a row', () => {
		expect(parseTsv('\ta\t\tb\t\n')).toEqual([['', 'a', '', 'b', '']]);
	});

	it('reads quoted cells with line breaks, tabs and doubled quotes as one cell', () => {
		const text = '"Позвонить\r\nпосле 18:00"\t"a\tb"\t"ООО ""Ромашка"""\nx\ty\tz';
		expect(parseTsv(text)).toEqual([
			['Позвонить\nпосле 18:00', 'a\tb', 'ООО "Ромашка"'],
			['x', 'y', 'z']
		]);
	});

	it('keeps quotes that do not wrap a whole cell as typed', () => {
		expect(parseTsv('ООО "Ромашка"\t5" диск\t"начало и конец\n')).toEqual([
			['ООО "Ромашка"', '5" диск', '"начало и конец']
		]);
	});

	it('a single value is one cell; nothing is no rows', () => {
		expect(parseTsv('8 812 123-45-67')).toEqual([['8 812 123-45-67']]);
		expect(parseTsv('')).toEqual([]);
	});

	it('writes what it reads back unchanged', () => {
		const rows = [
			['Сидоров', 'строка 1\nстрока 2', 'таб\tвнутри'],
			['"в кавычках"', '', 'ООО "Ромашка"']
		];
		expect(toTsv(rows)).toBe(
			'Сидоров\t"строка 1\nстрока 2"\t"таб\tвнутри"\r\n"""в кавычках"""\t\tООО "Ромашка"'
		);
		expect(parseTsv(toTsv(rows))).toEqual(rows);
	});
});

describe('invisible control characters in a pasted block', () => {
	it('are left out of every cell, as the import leaves them out; emoji, ё and tabs between cells stay', () => {
		expect(
			parseTsv('\u202eИванова\u202c Анна\t8 911 123-45-67\x01\r\nЁлкина\u200b Мария\t🎂 👨‍👩‍👧\n')
		).toEqual([
			['Иванова Анна', '8 911 123-45-67'],
			['Ёлкина Мария', '🎂 👨‍👩‍👧']
		]);
		expect(parseTsv('"две\r\nстроки\u2066"\tx')).toEqual([['две\nстроки', 'x']]);
	});
});
