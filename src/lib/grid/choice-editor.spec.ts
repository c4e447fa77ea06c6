import { describe, expect, it } from 'vitest';
import { matchOptions } from './choice-editor';

const OPTIONS = ['дозвонились', 'не дозвонились', 'перезвонить', 'неверный номер', 'Отказ'].map(
	(value) => ({ value })
);
const values = (query: string) => matchOptions(OPTIONS, query).map((o) => o.value);

describe('typing in the choice editor narrows its list', () => {
	it('shows every option while nothing is typed', () => {
		expect(values('')).toEqual(OPTIONS.map((o) => o.value));
		expect(values('  ')).toEqual(OPTIONS.map((o) => o.value));
	});

	it('puts options starting with the text first, then those containing it', () => {
		expect(values('не')).toEqual(['не дозвонились', 'неверный номер']);
		expect(values('до')).toEqual(['дозвонились', 'не дозвонились']);
		expect(values('звон')).toEqual(['дозвонились', 'не дозвонились', 'перезвонить']);
	});

	it('ignores case, extra spaces and ё/е', () => {
		expect(values('ОТК')).toEqual(['Отказ']);
		expect(values('не   дозв')).toEqual(['не дозвонились']);
		expect(matchOptions([{ value: 'Ещё раз' }], 'еще').map((o) => o.value)).toEqual(['Ещё раз']);
	});

	it('shows nothing for text no option has', () => {
		expect(values('xyz')).toEqual([]);
	});
});
