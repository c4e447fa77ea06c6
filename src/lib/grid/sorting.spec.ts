import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/model/testing';
import { rowComparator, sortOrder, type SortKey } from './row-order';
import { RowSorter, type SortColumn, type SortService } from './sorting';

type Row = { data: Record<string, string> };

/** A sort worker that answers when the test says so (with the real ordering function). */
class ManualService implements SortService {
	readonly requests: { request: { columns: string[][]; keys: SortKey[] }; answer: () => void }[] =
		[];
	cancelled = 0;
	grid: FakeGrid | null = null;

	sort(request: { columns: string[][]; keys: SortKey[] }): Promise<Int32Array> {
		return new Promise((resolve) => {
			this.requests.push({
				request,
				answer: () => resolve(sortOrder(request.columns, request.keys))
			});
		});
	}
	cancel() {
		this.cancelled++;
	}
	destroy() {}

	/** Answers the latest request and lets its promise callbacks run. */
	async answer() {
		this.grid?.nextTask();
		this.requests.at(-1)?.answer();
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}

/** The grid's side: its rows in the grid's order, and the order shown after each sort stage. */
class FakeGrid {
	rows: Row[] = [];
	shown: Row[] = [];
	columns: SortColumn[] = [];
	busy: boolean[] = [];
	readonly service: ManualService = new ManualService();
	readonly sorter = new RowSorter<Row>({
		refresh: () => this.sortStage(),
		onBusy: (busy) => this.busy.push(busy),
		service: this.service,
		workerRows: 20,
		mergeRows: 10,
		refreshRows: 5,
		defer: (fn) => this.deferred.push(fn)
	});
	/** Snapshots to read and send: in the page, the task after the sort stage's. */
	readonly deferred: (() => void)[] = [];
	nextTask() {
		for (const fn of this.deferred.splice(0)) fn();
	}

	constructor() {
		this.service.grid = this;
	}

	/** AG Grid's sort stage with a comparator that calls all rows equal, then postSortRows. */
	sortStage() {
		this.shown = this.rows.slice();
		this.sorter.sort(this.shown, this.columns);
	}
	sortBy(columns: SortColumn[]) {
		this.columns = columns;
		this.sortStage();
	}
	names(colId = 'name') {
		return this.shown.map((r) => r.data[colId] ?? '');
	}
}

const NAMES = [
	'Яковлева',
	'Абрамов',
	'Михайлова',
	'ёлкин',
	'Елкин',
	'Smith',
	'дом 10',
	'дом 2',
	''
];

/** «дом 2 3»: numbers inside text; an empty name stays empty. */
const withNumber = (name: string, n: number | null) => (name && n !== null ? `${name} ${n}` : name);

function fill(grid: FakeGrid, count: number, seed = 1) {
	const random = seededRandom(seed);
	grid.rows = Array.from({ length: count }, (_, i) => ({
		data: {
			id: `r${i}`,
			name: withNumber(NAMES[Math.floor(random() * NAMES.length)], random() < 0.5 ? i % 7 : null),
			tries: random() < 0.2 ? '' : String(Math.floor(random() * 30))
		}
	}));
}

/** The order a synchronous, stable sort with the comparators gives (AG Grid's own sort). */
function expected(grid: FakeGrid) {
	const keys: SortKey[] = grid.columns.map((c) => ({ kind: c.kind, descending: c.descending }));
	const compare = rowComparator(keys, (row, c) => grid.rows[row].data[grid.columns[c].colId] ?? '');
	return Array.from(grid.rows.keys())
		.sort(compare)
		.map((i) => grid.rows[i]);
}

const byName: SortColumn = { colId: 'name', kind: 'text', descending: false };
const byNameDesc: SortColumn = { ...byName, descending: true };
const byTries: SortColumn = { colId: 'tries', kind: 'number', descending: true };

describe('sorting a big sheet in the worker', () => {
	it('keeps the rows in the order seen until the worker answers, then shows them sorted', async () => {
		const grid = new FakeGrid();
		fill(grid, 200);
		grid.sortBy([byName]);
		expect(grid.shown).toEqual(grid.rows); // the sheet's order, not a flash of anything else
		expect(grid.sorter.busy).toBe(true);
		// The snapshot is read and sent in the next task, not in the click's.
		expect(grid.service.requests).toHaveLength(0);
		grid.nextTask();
		expect(grid.service.requests).toHaveLength(1);
		await grid.service.answer();
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.busy).toEqual([true, false]);
	});

	it('while the descending order is computed, the ascending one stays on screen', async () => {
		const grid = new FakeGrid();
		fill(grid, 200);
		grid.sortBy([byName]);
		await grid.service.answer();
		const ascending = grid.shown.slice();
		grid.sortBy([byNameDesc]);
		expect(grid.shown).toEqual(ascending);
		expect(grid.sorter.busy).toBe(true);
		await grid.service.answer();
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.names()).not.toEqual(ascending.map((r) => r.data.name));
	});

	it('sorts by several columns (shift-click) with the number column descending', async () => {
		const grid = new FakeGrid();
		fill(grid, 300, 7);
		grid.sortBy([byName, byTries]);
		await grid.service.answer();
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.service.requests[0].request.keys).toEqual([
			{ kind: 'text', descending: false },
			{ kind: 'number', descending: true }
		]);
	});

	it('an answer for a sort the operator already left is dropped', async () => {
		const grid = new FakeGrid();
		fill(grid, 200);
		grid.sortBy([byName]);
		grid.nextTask();
		const first = grid.service.requests[0];
		grid.sortBy([byNameDesc]);
		expect(grid.service.cancelled).toBe(1);
		first.answer();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(grid.shown).toEqual(grid.rows);
		await grid.service.answer();
		expect(grid.shown).toEqual(expected(grid));
	});

	it('rows edited or added after the snapshot land in their place without the worker', async () => {
		const grid = new FakeGrid();
		fill(grid, 200, 3);
		grid.sortBy([byName]);
		await grid.service.answer();
		// A colleague's edit of the sorted column, a new row, a deleted row.
		grid.rows[17] = { data: { ...grid.rows[17].data, name: 'Аааа Первая' } };
		grid.rows[40] = { data: { ...grid.rows[40].data, name: 'Яяя' } };
		grid.rows[41] = { data: { ...grid.rows[41].data, tries: '99' } }; // not a sort column
		grid.rows.push({ data: { id: 'new', name: 'Михайлова 3', tries: '1' } });
		grid.rows.splice(5, 1);
		grid.sortStage();
		grid.nextTask();
		expect(grid.service.requests).toHaveLength(1);
		expect(grid.sorter.busy).toBe(false);
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.shown[0].data.name).toBe('Аааа Первая');
	});

	it('a filter that leaves few rows and then lets them all back keeps the worker’s order', async () => {
		const grid = new FakeGrid();
		fill(grid, 200, 5);
		grid.sortBy([byName]);
		await grid.service.answer();
		const all = grid.rows;
		grid.rows = all.filter((_, i) => i % 20 === 0); // 10 rows: sorted on the page
		grid.sortStage();
		expect(grid.shown).toEqual(expected(grid));
		grid.rows = all;
		grid.sortStage();
		grid.nextTask();
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.service.requests).toHaveLength(1);
	});

	it('many changed rows go last while the worker recomputes, then take their places', async () => {
		const grid = new FakeGrid();
		fill(grid, 200, 9);
		grid.sortBy([byName]);
		await grid.service.answer();
		for (let i = 0; i < 30; i++) {
			grid.rows[i * 3] = { data: { ...grid.rows[i * 3].data, name: `Новый ${i}` } };
		}
		grid.sortStage();
		grid.nextTask();
		expect(grid.sorter.busy).toBe(true);
		expect(grid.service.requests).toHaveLength(2);
		expect(grid.shown).toHaveLength(200);
		await grid.service.answer();
		expect(grid.sorter.busy).toBe(false);
		expect(grid.shown).toEqual(expected(grid));
	});

	it('a few hundred changed rows are merged at once and recomputed in the background', async () => {
		const grid = new FakeGrid();
		fill(grid, 200, 11);
		grid.sortBy([byName]);
		await grid.service.answer();
		for (let i = 0; i < 8; i++) {
			grid.rows[i * 7] = { data: { ...grid.rows[i * 7].data, name: `Борисов ${i}` } };
		}
		grid.sortStage();
		grid.nextTask();
		expect(grid.shown).toEqual(expected(grid)); // merged on the page: already in place
		expect(grid.sorter.busy).toBe(false);
		expect(grid.service.requests).toHaveLength(2); // 8 > refreshRows: a new order is asked for
		await grid.service.answer();
		expect(grid.shown).toEqual(expected(grid));
	});

	it('settle() sorts on the page at once when the worker has not answered', () => {
		const grid = new FakeGrid();
		fill(grid, 200, 13);
		grid.sortBy([byTries]);
		expect(grid.shown).toEqual(grid.rows);
		grid.sorter.settle();
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.sorter.busy).toBe(false);
		expect(grid.service.cancelled).toBe(1);
	});

	it('a small sheet is sorted at once, without the worker', () => {
		const grid = new FakeGrid();
		fill(grid, 15);
		grid.sortBy([byNameDesc]);
		expect(grid.shown).toEqual(expected(grid));
		expect(grid.service.requests).toHaveLength(0);
		expect(grid.busy).toEqual([]);
	});

	it('no sort leaves the grid’s order and clears the busy state', async () => {
		const grid = new FakeGrid();
		fill(grid, 200);
		grid.sortBy([byName]);
		grid.sortBy([]);
		expect(grid.shown).toEqual(grid.rows);
		expect(grid.sorter.busy).toBe(false);
		await grid.service.answer();
		expect(grid.shown).toEqual(grid.rows);
	});
});
