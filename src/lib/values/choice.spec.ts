import { describe, expect, it } from 'vitest';
import { normalizeChoice } from './choice';

const kinds = [
	{ value: 'Покупка продуктов' },
	{ value: 'Доставка продуктовых наборов' },
	{ value: 'Выгул собак' },
	{ value: 'Оплата услуг ЖКХ' },
	{ value: 'Ещё раз позвонить' }
];

describe('normalizeChoice', () => {
	it('an option typed exactly is stored as it is', () => {
		expect(normalizeChoice('Выгул собак', kinds)).toEqual({ ok: true, value: 'Выгул собак' });
	});

	it('an option in another case is stored spelled as the option', () => {
		expect(normalizeChoice('выгул СОБАК', kinds)).toEqual({ ok: true, value: 'Выгул собак' });
	});

	it('extra spaces, NBSP and line breaks do not matter', () => {
		expect(normalizeChoice('  оплата\u00a0 услуг\n ЖКХ ', kinds).value).toBe('Оплата услуг ЖКХ');
	});

	it('е matches ё both ways', () => {
		expect(normalizeChoice('еще раз позвонить', kinds).value).toBe('Ещё раз позвонить');
		expect(normalizeChoice('Ёж', [{ value: 'еж' }]).value).toBe('еж');
	});

	it('an unknown value is kept as typed and flagged', () => {
		expect(normalizeChoice('Психологическая помощь', kinds)).toEqual({
			ok: false,
			value: 'Психологическая помощь',
			reason: 'not-an-option'
		});
	});

	it('an empty cell is always valid', () => {
		expect(normalizeChoice('', kinds)).toEqual({ ok: true, value: '' });
		expect(normalizeChoice(' ', [])).toEqual({ ok: true, value: '' });
	});

	it('of two options that differ only in case, the first wins', () => {
		expect(normalizeChoice('ДА', [{ value: 'Да' }, { value: 'да' }]).value).toBe('Да');
	});

	it('an options list changed in place is read again', () => {
		const options = [{ value: 'Дозвонились' }];
		expect(normalizeChoice('не дозвонились', options).ok).toBe(false);
		options.push({ value: 'Не дозвонились' });
		expect(normalizeChoice('не дозвонились', options).value).toBe('Не дозвонились');
		options[0] = { value: 'Отказ' };
		expect(normalizeChoice('отказ', options).value).toBe('Отказ');
	});
});
