import { describe, expect, it } from 'vitest';
import {
	choiceFilterValues,
	choiceSetMatcher,
	choiceSetModel,
	choiceSetSummary,
	followRenames,
	tallyChoices,
	toChoiceSet
} from './choice-set';

const OPTIONS = ['дозвонились', 'не дозвонились', 'перезвонить', 'неверный номер'];
const LABELS = { all: 'Все', empty: '(пусто)', none: 'Ничего не выбрано' };

describe('the filter of a choice column', () => {
	it('keeps the rows whose value is in the set, empty cells only when "(пусто)" is in it', () => {
		const passes = choiceSetMatcher({ filterType: 'choiceSet', values: ['не дозвонились', ''] });
		expect(passes('не дозвонились')).toBe(true);
		expect(passes('')).toBe(true);
		expect(passes(undefined)).toBe(true);
		expect(passes('дозвонились')).toBe(false);
		expect(passes('Не дозвонились')).toBe(false);
		expect(choiceSetMatcher({ filterType: 'choiceSet', values: ['перезвонить'] })('')).toBe(false);
		expect(choiceSetMatcher({ filterType: 'choiceSet', values: [] })('перезвонить')).toBe(false);
	});

	it('is off when every value is ticked, and lists the ticked ones in the options’ order', () => {
		const all = [...OPTIONS, ''];
		expect(choiceSetModel(all, all)).toBeNull();
		expect(choiceSetModel(['перезвонить', 'дозвонились'], all)).toEqual({
			filterType: 'choiceSet',
			values: ['дозвонились', 'перезвонить']
		});
		expect(choiceSetModel([], all)).toEqual({ filterType: 'choiceSet', values: [] });
	});

	it('survives JSON (the operator’s view in localStorage, a named view in the sheet)', () => {
		const model = choiceSetModel(['', 'перезвонить'], [...OPTIONS, '']);
		expect(toChoiceSet(JSON.parse(JSON.stringify(model)), OPTIONS)).toEqual(model);
	});

	it('reads a template view’s text "equals" filter as the set of that one option', () => {
		const model = { filterType: 'text', type: 'equals', filter: 'не дозвонились' };
		expect(toChoiceSet(model, OPTIONS)).toEqual({
			filterType: 'choiceSet',
			values: ['не дозвонились']
		});
		// Case, spaces and ё/е aside, as AG Grid's text filter.
		expect(toChoiceSet({ ...model, filter: '  НЕ дозвонились ' }, OPTIONS)?.values).toEqual([
			'не дозвонились'
		]);
	});

	it('reads other text conditions as the options they match', () => {
		expect(toChoiceSet({ filterType: 'text', type: 'contains', filter: 'звон' }, OPTIONS)).toEqual({
			filterType: 'choiceSet',
			values: ['дозвонились', 'не дозвонились', 'перезвонить']
		});
		expect(toChoiceSet({ filterType: 'text', type: 'blank' }, OPTIONS)?.values).toEqual(['']);
		expect(toChoiceSet({ filterType: 'text', type: 'notBlank' }, OPTIONS)?.values).toEqual(OPTIONS);
	});

	it('keeps an "equals" value that is no option yet, so its rows still show', () => {
		expect(
			toChoiceSet({ filterType: 'text', type: 'equals', filter: 'отказ' }, OPTIONS)?.values
		).toEqual(['отказ']);
	});

	it('ignores what is not a filter model, and drops non-string values', () => {
		expect(toChoiceSet(null, OPTIONS)).toBeNull();
		expect(toChoiceSet('x', OPTIONS)).toBeNull();
		expect(toChoiceSet({ filterType: 'date' }, OPTIONS)).toBeNull();
		expect(
			toChoiceSet({ filterType: 'choiceSet', values: ['a', 1, null, 'a', { x: 1 }] }, OPTIONS)
		).toEqual({ filterType: 'choiceSet', values: ['a'] });
		expect(toChoiceSet({ filterType: 'choiceSet' }, OPTIONS)).toEqual({
			filterType: 'choiceSet',
			values: []
		});
	});

	it('is summed up in the filter row', () => {
		expect(choiceSetSummary(null, LABELS)).toBe('Все');
		expect(choiceSetSummary({ filterType: 'choiceSet', values: [] }, LABELS)).toBe(
			'Ничего не выбрано'
		);
		expect(choiceSetSummary({ filterType: 'choiceSet', values: ['перезвонить', ''] }, LABELS)).toBe(
			'перезвонить, (пусто)'
		);
	});
});

describe('the counts beside the choice filter’s values', () => {
	/** Rows as [value, shown by the other filters and the search]. */
	const tally = (rows: [unknown, boolean][]) =>
		tallyChoices((add) => rows.forEach(([value, counted]) => add(value, counted)));
	const options = OPTIONS.map((value) => ({ value, color: '#2e7d32' }));

	it('counts the rows of each value the other filters let through, empty cells as ""', () => {
		const t = tally([
			['дозвонились', true],
			['дозвонились', true],
			['дозвонились', false],
			['не дозвонились', true],
			['', true],
			[undefined, true],
			[null, false]
		]);
		expect(t.total).toBe(5);
		expect(Object.fromEntries(t.counted)).toEqual({ дозвонились: 2, 'не дозвонились': 1, '': 2 });
		expect(Object.fromEntries(t.seen)).toEqual({ дозвонились: 3, 'не дозвонились': 1, '': 3 });
	});

	it('lists every option (0 when no row has it), then values no option, then empty', () => {
		const t = tally([
			['дозвонились', true],
			['Отказался', true],
			['Абонент недоступен', false],
			['', true]
		]);
		const { values, unlisted } = choiceFilterValues(options, null, t);
		expect(values.map((v) => [v.value, v.count])).toEqual([
			['дозвонились', 1],
			['не дозвонились', 0],
			['перезвонить', 0],
			['неверный номер', 0],
			// Alphabetically; one only in rows the other filters hide is listed with 0, so that
			// ticking the others does not hide it without a word.
			['Абонент недоступен', 0],
			['Отказался', 1],
			['', 1]
		]);
		expect(values[0].color).toBe('#2e7d32');
		expect(unlisted).toEqual([]);
	});

	it('has no counts before the rows were counted; keeps a ticked value no row has', () => {
		const model = { filterType: 'choiceSet' as const, values: ['переехал', ''] };
		expect(choiceFilterValues(options, model, null).values.map((v) => [v.value, v.count])).toEqual([
			...OPTIONS.map((v) => [v, null]),
			['переехал', null],
			['', null]
		]);
		expect(
			choiceFilterValues(options, model, tally([])).values.map((v) => [v.value, v.count])
		).toEqual([...OPTIONS.map((v) => [v, 0]), ['переехал', 0], ['', 0]]);
	});

	it('lists at most so many values no option, those in most rows and those ticked', () => {
		const rows: [string, boolean][] = [];
		for (let i = 0; i < 5; i++) for (let n = 0; n <= i; n++) rows.push([`значение ${i}`, true]);
		const model = { filterType: 'choiceSet' as const, values: ['значение 0'] };
		const { values, unlisted } = choiceFilterValues(options, model, tally(rows), 3);
		expect(values.slice(OPTIONS.length).map((v) => [v.value, v.count])).toEqual([
			['значение 0', 1],
			['значение 3', 4],
			['значение 4', 5],
			['', 0]
		]);
		expect(unlisted.sort()).toEqual(['значение 1', 'значение 2']);
	});
});

describe('a filter on an option renamed (found by exploration)', () => {
	const renamed = ['дозвонились', 'не дозвонились', 'перезвонить позже', 'неверный номер'];

	it('picks the option by its new name while the old one is no option', () => {
		const renames = new Map([['перезвонить', 'перезвонить позже']]);
		expect(followRenames(['перезвонить', ''], renames, renamed)).toEqual({
			values: ['перезвонить', '', 'перезвонить позже'],
			followed: new Set(['перезвонить'])
		});
		// Spelled otherwise (as a template's view may): the same option.
		expect(followRenames(['Перезвонить'], renames, renamed).values).toEqual([
			'Перезвонить',
			'перезвонить позже'
		]);
		// The rename undone, or the old name made an option again: nothing to follow.
		expect(followRenames(['перезвонить'], renames, OPTIONS).values).toEqual(['перезвонить']);
		expect(followRenames(['перезвонить'], new Map(), renamed).values).toEqual(['перезвонить']);
	});

	it('follows a rename of a rename, and one back to the old name', () => {
		const twice = new Map([
			['перезвонить', 'перезвонить позже'],
			['перезвонить позже', 'перезвонить завтра']
		]);
		const now = ['дозвонились', 'перезвонить завтра'];
		expect(followRenames(['перезвонить'], twice, now).values).toEqual([
			'перезвонить',
			'перезвонить позже',
			'перезвонить завтра'
		]);
		const back = new Map([
			['перезвонить', 'перезвонить позже'],
			['перезвонить позже', 'перезвонить']
		]);
		expect(followRenames(['перезвонить позже'], back, OPTIONS)).toEqual({
			values: ['перезвонить позже', 'перезвонить'],
			followed: new Set(['перезвонить позже'])
		});
		expect(followRenames(['перезвонить'], back, OPTIONS).values).toEqual(['перезвонить']);
	});
});
