import { describe, expect, it } from 'vitest';
import { choiceSetMatcher, choiceSetModel, choiceSetSummary, toChoiceSet } from './choice-set';

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
