/**
 * Sorting without freezing the page. AG Grid sorts in one task on the page's thread: 0.7 s for
 * 100,000 names with the Russian collator. Instead:
 * - the columns' comparator calls every two rows equal (`keepOrder`), so AG Grid's own sort
 *   stage is one run of V8's TimSort, n − 1 cheap comparisons;
 * - the grid option `postSortRows` hands us its array of rows, which `RowSorter.sort` puts in
 *   order in place. A small sheet is sorted there and then. A big one is ordered from an order
 *   the sort worker computed on a snapshot of the sort columns; until it arrives the rows keep
 *   the order the operator saw, `busy` is on, and the answer re-runs the grid's sort stage. The
 *   snapshot is read and posted in a task after the click's, so neither gets long;
 * - rows changed or added since the snapshot (this operator's edits, colleagues' transactions)
 *   are sorted among themselves and merged into the snapshot's order, as AG Grid's delta sort
 *   does; removed rows drop out. When many rows changed, the worker recomputes in the background.
 *
 * The order is exactly the comparators' (`row-order.ts`): columns in turn, a descending column
 * reversed, ties in the grid's order before the sort.
 */
import { nextTask } from '$lib/ui/tasks';
import {
	mergeOrder,
	packColumn,
	positionsOf,
	rowComparator,
	sortOrder,
	type SortAnswer,
	type SortKey,
	type SortKind,
	type SortRequest
} from './row-order';

/** Sheets with fewer rows are sorted on the page: it takes well under 50 ms there. */
export const WORKER_ROWS = 5000;
/** Changed rows merged on the page (a few ms); with more, the rows wait for the worker. */
export const MERGE_ROWS = 2000;
/** With more changed rows than this, the worker recomputes the order in the background. */
export const REFRESH_ROWS = 500;

/** AG Grid's comparator for every sortable column: the order is `RowSorter`'s. */
export const keepOrder = (): number => 0;

/** One column of the sort, in the sort's order of columns. */
export interface SortColumn {
	colId: string;
	kind: SortKind;
	descending: boolean;
}

/** What is sorted: AG Grid's row nodes (only their data is read). */
export interface SortableRow {
	data?: Record<string, string>;
}

/** Orders snapshots off the page's thread; a new request replaces the one under way. */
export interface SortService {
	/** `columns[c][i]`: row `i`'s value in the `c`-th sort column. */
	sort(request: { columns: string[][]; keys: SortKey[] }): Promise<Int32Array>;
	/** Drops the request under way (its promise never settles). */
	cancel(): void;
	destroy(): void;
}

/** `SortService` over `sort.worker.ts`, started on the first request. */
export class SortWorker implements SortService {
	#worker: Worker | null = null;
	#next = 0;
	#pending: {
		id: number;
		resolve: (order: Int32Array) => void;
		reject: (error: Error) => void;
	} | null = null;

	sort({ columns, keys }: { columns: string[][]; keys: SortKey[] }): Promise<Int32Array> {
		this.cancel();
		const worker = (this.#worker ??= this.#start());
		const id = ++this.#next;
		const packed = columns.map(packColumn);
		const message: SortRequest = { id, columns: packed, keys };
		return new Promise((resolve, reject) => {
			this.#pending = { id, resolve, reject };
			worker.postMessage(
				message,
				packed.map((c) => c.lengths.buffer)
			);
		});
	}

	#start(): Worker {
		const worker = new Worker(new URL('./sort.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<SortAnswer>) => {
			const pending = this.#pending;
			if (!pending || event.data.id !== pending.id) return;
			this.#pending = null;
			if ('order' in event.data) pending.resolve(event.data.order);
			else pending.reject(new Error(event.data.error));
		};
		worker.onerror = (event) => {
			event.preventDefault();
			const pending = this.#pending;
			this.#pending = null;
			pending?.reject(new Error(event.message || 'sort worker failed'));
		};
		return worker;
	}

	cancel() {
		if (!this.#pending) return;
		// A sort nobody waits for would delay the next one: the worker is started anew.
		this.#pending = null;
		this.#worker?.terminate();
		this.#worker = null;
	}

	destroy() {
		this.cancel();
		this.#worker?.terminate();
		this.#worker = null;
	}
}

export interface RowSorterOptions {
	/** Re-runs the grid's sort stage, which calls `sort` again (an answer has arrived). */
	refresh(): void;
	/** The rows on screen are not (yet) in the order asked for, or are again. */
	onBusy?(busy: boolean): void;
	/** Default: `new SortWorker()`. */
	service?: SortService;
	/** Default `WORKER_ROWS`. */
	workerRows?: number;
	/** Default `MERGE_ROWS`. */
	mergeRows?: number;
	/** Default `REFRESH_ROWS`. */
	refreshRows?: number;
	/** Runs the reading and posting of a snapshot (default: in a task of its own). */
	defer?: (fn: () => void) => void;
}

/** The values of the sort columns of some rows, by the rows' index in `rows`. */
interface Snapshot<T> {
	key: string;
	columns: SortColumn[];
	rows: T[];
	values: string[][];
}

/** A snapshot for the worker: its rows are kept at once, their values read in a later task. */
type Job<T> = Omit<Snapshot<T>, 'values'> & { values: string[][] | null };

/** A snapshot in order: `positions[i]` is where its row `i` goes. */
interface Ranking<T> extends Snapshot<T> {
	positions: Int32Array;
	/** Row → index in `rows`, made when the grid's rows are no longer the snapshot's. */
	index: Map<T, number> | null;
}

const keyOf = (columns: SortColumn[]) =>
	columns.map((c) => `${c.colId}:${c.kind}:${c.descending ? 'desc' : 'asc'}`).join('|');
const sortKeys = (columns: SortColumn[]): SortKey[] =>
	columns.map(({ kind, descending }) => ({ kind, descending }));
const valueOf = (row: SortableRow, colId: string) => row.data?.[colId] ?? '';

export class RowSorter<T extends SortableRow> {
	readonly #options: RowSorterOptions;
	readonly #service: SortService;
	readonly #workerRows: number;
	readonly #mergeRows: number;
	readonly #refreshRows: number;
	readonly #defer: (fn: () => void) => void;
	/** Key of the sort asked for last ('' when none). */
	#wanted = '';
	/** The order of the wanted sort, once known. */
	#ranking: Ranking<T> | null = null;
	/** The order on screen: the wanted one, or an earlier sort's while the wanted one is computed. */
	#shown: Ranking<T> | null = null;
	/** The snapshot the worker is ordering. */
	#job: Job<T> | null = null;
	#busy = false;
	/** `settle()`: the next sort is done on the page, whatever the sheet's size. */
	#settling = false;
	#destroyed = false;

	constructor(options: RowSorterOptions) {
		this.#options = options;
		this.#service = options.service ?? new SortWorker();
		this.#workerRows = options.workerRows ?? WORKER_ROWS;
		this.#mergeRows = options.mergeRows ?? MERGE_ROWS;
		this.#refreshRows = options.refreshRows ?? REFRESH_ROWS;
		this.#defer = options.defer ?? ((fn) => void nextTask(fn));
	}

	/** The rows on screen wait for the worker's order. */
	get busy(): boolean {
		return this.#busy;
	}

	/**
	 * `postSortRows`: puts `rows` (the grid's rows after its own sort stage, that is in the grid's
	 * order) in the order of `columns`, in place.
	 */
	sort(rows: T[], columns: SortColumn[]) {
		const key = keyOf(columns);
		if (key !== this.#wanted) {
			this.#wanted = key;
			if (this.#ranking?.key !== key) this.#ranking = null;
			if (this.#job && this.#job.key !== key) this.#cancelJob();
		}
		if (!columns.length) {
			this.#shown = null;
			this.#setBusy(false);
			return;
		}
		let ranking = this.#ranking;
		if (rows.length < this.#workerRows || this.#settling) {
			// A small sheet (or a filter leaving few rows) is sorted here and now, unless the order
			// known for this sort needs only a merge.
			const known = ranking && !this.#settling ? this.#order(rows, ranking) : null;
			if (known && known.changed <= this.#mergeRows) {
				permute(rows, known.order);
			} else {
				const snapshot = this.#snapshot(key, rows, columns);
				const order = sortOrder(snapshot.values, sortKeys(columns));
				ranking = this.#rank(snapshot, order);
				this.#cancelJob();
				this.#ranking = ranking;
				permute(rows, order);
			}
			this.#shown = ranking;
			this.#setBusy(false);
			return;
		}
		if (ranking) {
			const { order, changed } = this.#order(rows, ranking);
			// The worker's snapshot is taken before the rows move: its order is the grid's.
			if (changed > this.#refreshRows && !this.#job) this.#request(key, rows, columns);
			permute(rows, order);
			this.#shown = ranking;
			this.#setBusy(changed > this.#mergeRows);
			return;
		}
		// Not known yet: the rows keep the order the operator saw until the worker answers.
		if (!this.#job) this.#request(key, rows, columns);
		if (this.#shown) permute(rows, this.#order(rows, this.#shown).order);
		this.#setBusy(true);
	}

	/** Puts the rows in the wanted order now, on the page, if they wait for the worker. */
	settle() {
		if (!this.#busy || this.#destroyed) return;
		this.#settling = true;
		try {
			this.#options.refresh();
		} finally {
			this.#settling = false;
		}
	}

	destroy() {
		this.#destroyed = true;
		this.#job = null;
		this.#service.destroy();
	}

	#setBusy(busy: boolean) {
		if (busy === this.#busy) return;
		this.#busy = busy;
		this.#options.onBusy?.(busy);
	}

	#snapshot(key: string, rows: T[], columns: SortColumn[]): Snapshot<T> {
		return { key, columns, rows: rows.slice(), values: readValues(rows, columns) };
	}

	#rank(snapshot: Snapshot<T>, order: Int32Array): Ranking<T> {
		return { ...snapshot, positions: positionsOf(order), index: null };
	}

	/** Keeps `rows` (in the grid's order) for the worker; their values are read and sent next. */
	#request(key: string, rows: T[], columns: SortColumn[]) {
		const job: Job<T> = { key, columns, rows: rows.slice(), values: null };
		this.#job = job;
		this.#defer(() => {
			if (this.#job !== job || this.#destroyed) return;
			const values = readValues(job.rows, columns);
			job.values = values;
			this.#service.sort({ columns: values, keys: sortKeys(columns) }).then(
				(order) => this.#answered({ ...job, values }, job, order),
				(error: unknown) => this.#failed(job, error)
			);
		});
	}

	#cancelJob() {
		if (!this.#job) return;
		this.#job = null;
		this.#service.cancel();
	}

	#answered(snapshot: Snapshot<T>, job: Job<T>, order: Int32Array) {
		if (this.#job !== job || this.#destroyed) return;
		this.#job = null;
		if (job.key !== this.#wanted) return;
		this.#ranking = this.#rank(snapshot, order);
		this.#options.refresh();
	}

	#failed(job: Job<T>, error: unknown) {
		if (this.#job !== job || this.#destroyed) return;
		this.#job = null;
		console.error('sort worker:', error);
		// The order is still owed: computed on the page, in one long task.
		this.settle();
	}

	/**
	 * The order of `rows` by `ranking`: rows unchanged since its snapshot by their place in it, the
	 * others (added, or changed in a sort column) merged in with the comparators — up to
	 * `mergeRows` of them; more go last, in the grid's order, until the worker's new order.
	 * Plain loops: this runs over every row at each sort stage of a big sheet.
	 */
	#order(rows: T[], ranking: Ranking<T>): { order: Int32Array; changed: number } {
		const { rows: before, positions, values } = ranking;
		const colIds = ranking.columns.map((c) => c.colId);
		let same = rows.length === before.length;
		for (let i = 0; same && i < rows.length; i++) same = rows[i] === before[i];
		// Row → index in the snapshot, made once, when the grid's rows are no longer its rows.
		const index = same ? null : (ranking.index ??= new Map(before.map((r, i) => [r, i])));
		const slots = new Int32Array(before.length).fill(-1);
		const changed: number[] = [];
		for (let i = 0; i < rows.length; i++) {
			const s = index ? index.get(rows[i]) : i;
			let differs = s === undefined;
			for (let c = 0; !differs && c < colIds.length; c++) {
				differs = (rows[i].data?.[colIds[c]] ?? '') !== values[c][s as number];
			}
			if (differs) changed.push(i);
			else slots[positions[s as number]] = i;
		}
		const kept = new Int32Array(rows.length - changed.length);
		for (let p = 0, k = 0; p < slots.length; p++) if (slots[p] >= 0) kept[k++] = slots[p];
		if (!changed.length) return { order: kept, changed: 0 };
		if (changed.length <= this.#mergeRows) {
			const compare = rowComparator(sortKeys(ranking.columns), (r, c) =>
				valueOf(rows[r], colIds[c])
			);
			return { order: mergeOrder(kept, changed, compare), changed: changed.length };
		}
		const order = new Int32Array(rows.length);
		order.set(kept);
		order.set(changed, kept.length);
		return { order, changed: changed.length };
	}
}

/** The values of the sort columns, `values[c][i]` for `rows[i]`. */
function readValues(rows: SortableRow[], columns: SortColumn[]): string[][] {
	return columns.map(({ colId }) => {
		const values = new Array<string>(rows.length);
		for (let i = 0; i < rows.length; i++) values[i] = rows[i].data?.[colId] ?? '';
		return values;
	});
}

/** Puts `rows` in `order` (`order[p]`: the index of the row for position `p`), in place. */
function permute<T>(rows: T[], order: Int32Array) {
	const before = rows.slice();
	for (let p = 0; p < order.length; p++) rows[p] = before[order[p]];
}
