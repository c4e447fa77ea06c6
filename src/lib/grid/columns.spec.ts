import { describe, expect, it } from 'vitest';
import type { Column, ColumnType } from '$lib/model/sheet';
import { FILTER_DEBOUNCE_MS, typedColumnDef } from './columns';

const column = (type: ColumnType): Column => ({
	id: `c-${type}`,
	title: type,
	type,
	order: 'a0',
	width: 160
});

describe('typed columns', () => {
	it("filter rows FILTER_DEBOUNCE_MS after the last key, sooner than AG Grid's 500 ms (found by exploration)", () => {
		expect(FILTER_DEBOUNCE_MS).toBeLessThan(500);
		for (const type of [
			'text',
			'longtext',
			'person',
			'phone',
			'number',
			'date',
			'datetime',
			'checkbox'
		] as const) {
			const def = typedColumnDef(column(type), {
				locale: 'ru',
				people: () => [],
				toggle: () => {},
				checkboxLabel: 'Да'
			});
			expect((def.filterParams as { debounceMs?: number }).debounceMs, type).toBe(
				FILTER_DEBOUNCE_MS
			);
		}
	});
});
