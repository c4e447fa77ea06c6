/**
 * Builds the rows' search texts in slices while the page is idle. With `cacheQuickFilter`, AG
 * Grid keeps each row's text (`quickFilterAggregateText`) until the row changes, but builds them
 * all at the first search: one 0.34 s task for 100,000 rows. This builds them the way AG Grid
 * does (`QuickFilterService.getAggText`): each visible column's `getQuickFilterText`, upper
 * case, one line per column, empty ones left out. A text AG Grid drops (an edit, a column shown
 * or hidden) is built again by AG Grid when needed, or by the next `schedule()`.
 */
import type { Column, GetQuickFilterTextParams, GridApi, IRowNode } from 'ag-grid-community';
import { nextTask } from '$lib/ui/tasks';

/**
 * Work per task, in milliseconds: a slice stops once it has taken this long. A fixed 4,000 rows
 * per task took 80 ms on a slow machine, and with the walk over every row node in the same task,
 * 150–200 ms right after a 100,000-row import (`bench/import.bench.ts`).
 */
const SLICE_MS = 12;
/** Rows built between two looks at the clock. */
const CLOCK_EVERY = 64;
const SELECTION_COLUMN = 'ag-Grid-SelectionColumn';

export class SearchTexts<T> {
	readonly #api: GridApi<T>;
	/** The ids of the grid's rows, if known: walked a slice at a time instead of every node at once. */
	readonly #rowIds: (() => readonly string[]) | null;
	#cancel: (() => void) | null = null;
	/** Changes when the columns do: a build under way with the old ones stops. */
	#columnsVersion = 0;
	readonly #columnsChanged = () => {
		this.#columnsVersion++;
	};

	constructor(api: GridApi<T>, rowIds?: () => readonly string[]) {
		this.#api = api;
		this.#rowIds = rowIds ?? null;
		api.addEventListener('newColumnsLoaded', this.#columnsChanged);
		api.addEventListener('columnVisible', this.#columnsChanged);
	}

	/** Builds the texts still missing, a slice per task, starting in the next task. */
	schedule(): void {
		this.#cancel?.();
		this.#cancel = nextTask(() => this.#start());
	}

	#start() {
		this.#cancel = null;
		const api = this.#api;
		if (api.isDestroyed()) return;
		const columns = this.#columns();
		if (!columns) return;
		const version = this.#columnsVersion;
		const ids = this.#rowIds?.();
		if (ids) {
			// By id, in slices: a walk over every node at once took 20 ms and more of a task at
			// 100,000 rows, a long task with a collection of garbage in it (`bench/import.bench.ts`).
			this.#build(columns, version, ids.length, (i) => api.getRowNode(ids[i]));
			return;
		}
		const nodes: IRowNode<T>[] = [];
		api.forEachNode((node) => {
			if (node.data && !node.rowPinned && !node.quickFilterAggregateText) nodes.push(node);
		});
		// The walk over the nodes is a task's work already: the first slice goes in the next one.
		this.#cancel = nextTask(() => this.#build(columns, version, nodes.length, (i) => nodes[i]));
	}

	/** Builds the texts of `count` nodes (`nodeAt`), a slice per task, from this one on. */
	#build(
		columns: Column[],
		version: number,
		count: number,
		nodeAt: (i: number) => IRowNode<T> | undefined
	) {
		const api = this.#api;
		let at = 0;
		const step = () => {
			this.#cancel = null;
			if (api.isDestroyed() || version !== this.#columnsVersion) return;
			const until = performance.now() + SLICE_MS;
			while (at < count) {
				const end = Math.min(count, at + CLOCK_EVERY);
				for (; at < end; at++) {
					const node = nodeAt(at);
					if (node?.data && !node.rowPinned && !node.quickFilterAggregateText)
						node.quickFilterAggregateText = this.#textOf(node, columns);
				}
				if (performance.now() >= until) break;
			}
			if (at < count) this.#cancel = nextTask(step);
		};
		step();
	}

	/** The visible columns, or null if one of them is not read through `getQuickFilterText`. */
	#columns(): Column[] | null {
		const list: Column[] = [];
		for (const column of this.#api.getColumns() ?? []) {
			if (!column.isVisible()) continue;
			if (column.getColDef().getQuickFilterText) list.push(column);
			else if (column.getColId() !== SELECTION_COLUMN) return null;
		}
		return list;
	}

	#textOf(node: IRowNode<T>, columns: Column[]): string {
		const parts: string[] = [];
		for (const column of columns) {
			const colDef = column.getColDef();
			const text = colDef.getQuickFilterText?.({
				value: undefined,
				node,
				data: node.data,
				column,
				colDef,
				api: this.#api,
				context: undefined
			} as GetQuickFilterTextParams<T>);
			if (text != null && text !== '') parts.push(String(text).toUpperCase());
		}
		return parts.join('\n');
	}

	destroy(): void {
		this.#cancel?.();
		this.#cancel = null;
		if (!this.#api.isDestroyed()) {
			this.#api.removeEventListener('newColumnsLoaded', this.#columnsChanged);
			this.#api.removeEventListener('columnVisible', this.#columnsChanged);
		}
	}
}
