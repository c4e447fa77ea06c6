import { describe, expect, it } from 'vitest';
import { matchNames } from './person-editor';

const NAMES = ['Анна Смирнова', 'Дмитрий', 'Дмитриева Ольга', 'Фёдор Петров-Водкин', 'Ольга'];

describe('typing in the volunteer field narrows the names known', () => {
	it('lists every name while nothing is typed', () => {
		expect(matchNames(NAMES, '')).toEqual(NAMES);
		expect(matchNames(NAMES, '  ')).toEqual(NAMES);
	});

	it('finds a name by the start of any of its words, the first word first', () => {
		expect(matchNames(NAMES, 'Дми')).toEqual(['Дмитрий', 'Дмитриева Ольга']);
		expect(matchNames(NAMES, 'смир')).toEqual(['Анна Смирнова']);
		expect(matchNames(NAMES, 'оль')).toEqual(['Ольга', 'Дмитриева Ольга']);
		expect(matchNames(NAMES, 'водк')).toEqual(['Фёдор Петров-Водкин']);
	});

	it('does not find a name by letters inside a word', () => {
		expect(matchNames(NAMES, 'митр')).toEqual([]);
		expect(matchNames(NAMES, 'нна')).toEqual([]);
	});

	it('ignores case, extra spaces and ё/е', () => {
		expect(matchNames(NAMES, 'ДМИТРИЙ')).toEqual(['Дмитрий']);
		expect(matchNames(NAMES, 'федор')).toEqual(['Фёдор Петров-Водкин']);
		expect(matchNames(['Алёна Ёлкина'], 'елк')).toEqual(['Алёна Ёлкина']);
		expect(matchNames(NAMES, ' анна   смир')).toEqual(['Анна Смирнова']);
	});

	it('puts the name equal to the text first, before longer ones it starts', () => {
		expect(matchNames(['Анна Иванова', 'Анна', 'Иван Аннаев'], 'анна')).toEqual([
			'Анна',
			'Анна Иванова',
			'Иван Аннаев'
		]);
	});

	it('puts the name spelt as typed before one that differs only in ё/е or case', () => {
		// Both known (sorted, «Федор» first): «Фёдор» typed in full, as he is here, stayed
		// «Федор» on Enter.
		expect(matchNames(['Федор', 'Фёдор', 'Фёдор Иванов'], 'Фёдор')).toEqual([
			'Фёдор',
			'Федор',
			'Фёдор Иванов'
		]);
		expect(matchNames(['АННА', 'Анна'], 'Анна ')).toEqual(['Анна', 'АННА']);
	});

	it('finds nothing for a new name', () => {
		expect(matchNames(NAMES, 'Сергей')).toEqual([]);
		expect(matchNames(NAMES, 'Пётр')).toEqual(['Фёдор Петров-Водкин']);
	});

	/**
	 * Found in review: the duplicate search took «Иванoва» with a Latin `o` for «Иванова», but the
	 * names' list did not offer one for the other.
	 */
	it('reads Latin look-alike letters in a Russian name as Cyrillic, both ways', () => {
		const names = ['Иванoва Анна', 'Пeтров Иван', 'Смирнова Мария', 'Tom Smith', 'Anna Petrova'];
		expect(matchNames(names, 'Иванова')).toEqual(['Иванoва Анна']);
		expect(matchNames(names, 'иван')).toEqual(['Иванoва Анна', 'Пeтров Иван']);
		expect(matchNames(names, 'петр')).toEqual(['Пeтров Иван']);
		expect(matchNames(names, 'CMИP')).toEqual(['Смирнова Мария']);
		expect(matchNames(names, 'мария')).toEqual(['Смирнова Мария']);
		// The name equal to it first, spelt as typed before a look-alike twin.
		expect(matchNames(['Иванова Анна', 'Иванoва Анна'], 'Иванoва Анна')).toEqual([
			'Иванoва Анна',
			'Иванова Анна'
		]);
		// Wholly Latin names stay Latin; what was typed still finds what it found.
		expect(matchNames(names, 'Том')).toEqual([]);
		expect(matchNames(names, 'Tom')).toEqual(['Tom Smith']);
		expect(matchNames(names, 'anna')).toEqual(['Anna Petrova']);
		expect(matchNames(['Иванова Alice'], 'Иванова A')).toEqual(['Иванова Alice']);
	});
});
