import { describe, expect, it } from 'vitest';
import { loadView, saveView, type SheetView } from './view';

function memoryStorage() {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v)
	};
}

describe('each operator’s own view of a sheet', () => {
	it('is saved per sheet and read back', () => {
		const storage = memoryStorage();
		const view: SheetView = {
			columns: [
				{ colId: 'a', width: 220, sort: 'desc', sortIndex: 0 },
				{ colId: 'b', hide: true }
			],
			filter: { a: { filterType: 'text', type: 'contains', filter: 'Иван' } },
			quickFilter: 'Ленина',
			showFilters: true,
			pinFirst: false
		};
		saveView(storage, 'sheet1', view);
		expect(loadView(storage, 'sheet1')).toEqual(view);
		expect(loadView(storage, 'sheet2')).toEqual({
			columns: [],
			filter: {},
			quickFilter: '',
			showFilters: false,
			pinFirst: true
		});
	});

	it('ignores broken or odd stored values instead of failing', () => {
		const storage = memoryStorage();
		storage.map.set('shtab:view:s', '{not json');
		expect(loadView(storage, 's').columns).toEqual([]);
		storage.map.set(
			'shtab:view:s',
			JSON.stringify({ columns: [{ colId: 'a', width: 1e9, sort: 'up' }, { nope: 1 }], filter: [] })
		);
		expect(loadView(storage, 's')).toEqual({
			columns: [{ colId: 'a', width: 2000 }],
			filter: {},
			quickFilter: '',
			showFilters: false,
			pinFirst: true
		});
		expect(loadView(undefined, 's').columns).toEqual([]);
	});
});
