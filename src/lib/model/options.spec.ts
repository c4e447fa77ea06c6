import { describe, expect, it } from 'vitest';
import { mergeOptions, type ChoiceOption } from './options';

const list = (...values: string[]): ChoiceOption[] => values.map((value) => ({ value }));
const values = (options: ChoiceOption[]) => options.map((o) => o.value);

describe('mergeOptions: my edit of the options applied to the options as they are now', () => {
	it('nothing changed by me leaves the colleague’s list as it is', () => {
		const base = list('новая', 'в работе', 'выполнена');
		const current = [
			{ value: 'выполнена', color: '#2e7d32' },
			...list('новая', 'в работе', 'срочная')
		];
		expect(mergeOptions(base, base, current)).toEqual(current);
	});

	it('my new options go after the colleague’s new ones at the same place', () => {
		const base = list('новая', 'выполнена');
		const mine = list('новая', 'выполнена', 'ждёт звонка');
		const current = list('новая', 'выполнена', 'передана волонтёру');
		expect(values(mergeOptions(base, mine, current))).toEqual([
			'новая',
			'выполнена',
			'передана волонтёру',
			'ждёт звонка'
		]);
		// In the middle too: after the option it follows in my list.
		const middle = list('новая', 'в работе', 'выполнена');
		expect(values(mergeOptions(base, middle, current))).toEqual([
			'новая',
			'в работе',
			'выполнена',
			'передана волонтёру'
		]);
	});

	it('my removals and colours apply; colours I left alone keep the colleague’s', () => {
		const base = [{ value: 'новая', color: '#1565c0' }, ...list('в работе', 'отменена')];
		const mine = [
			{ value: 'новая', color: '#1565c0' },
			{ value: 'в работе', color: '#b26a00' }
		];
		const current = [{ value: 'новая', color: '#c62828' }, ...list('в работе', 'отменена')];
		expect(mergeOptions(base, mine, current)).toEqual([
			{ value: 'новая', color: '#c62828' },
			{ value: 'в работе', color: '#b26a00' }
		]);
	});

	it('my new order wins when I moved options; the colleague’s additions stay after theirs', () => {
		const base = list('a', 'b', 'c');
		const mine = list('c', 'a', 'b');
		const current = list('a', 'x', 'b', 'c');
		expect(values(mergeOptions(base, mine, current))).toEqual(['c', 'a', 'x', 'b']);
	});

	it('an option a colleague removed meanwhile stays removed unless I added it', () => {
		const base = list('a', 'b', 'c');
		expect(values(mergeOptions(base, list('a', 'b', 'c', 'd'), list('a', 'c')))).toEqual([
			'a',
			'c',
			'd'
		]);
	});
});
