/**
 * The order of rows under a sort: the comparators of each column type, a full sort of a
 * snapshot (run by the sort worker on a big sheet, in the page on a small one) and the merge of
 * rows changed since that snapshot into its order. Pure functions over strings and indices, no
 * DOM and no AG Grid, so the worker can import this module alone.
 *
 * Every order here is the one AG Grid gave with these comparators: the sort columns in turn,
 * a descending column with its comparator reversed, and rows equal on every column in their
 * order before the sort (AG Grid's sort is stable).
 */
import type { ColumnType } from '$lib/model/sheet';

/** How a column's stored values compare: text (dates and phones are stored sortable) or numbers. */
export type SortKind = 'text' | 'number';

export interface SortKey {
	kind: SortKind;
	descending: boolean;
}

export type Comparator = (a: string, b: string) => number;

export function sortKindOf(type: ColumnType): SortKind {
	return type === 'number' ? 'number' : 'text';
}

/** A stored number's value; null for anything else (an invalid or empty value). */
export function numberOf(value: string): number | null {
	if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
	return Number(value);
}

/** Numbers by value first, then the other values (the empty one first among them), as text. */
export function numberComparator(a: string, b: string): number {
	const x = numberOf(a ?? '');
	const y = numberOf(b ?? '');
	if (x !== null && y !== null) return x - y;
	if (x !== null) return -1;
	if (y !== null) return 1;
	return (a ?? '').localeCompare(b ?? '', 'ru');
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

/**
 * Russian alphabetical order, numbers inside text by value, case and ё/е alike; empty last.
 * Spaces around a value are left out (the grid does not show them: `  Кузнецов` from a file
 * sorted before every name), and a value of spaces only is empty.
 */
export function textComparator(a: string, b: string): number {
	const x = a ? a.trim() : '';
	const y = b ? b.trim() : '';
	if (!x && !y) return 0;
	if (!x) return 1;
	if (!y) return -1;
	return collator.compare(x, y);
}

export function comparatorOf(kind: SortKind): Comparator {
	return kind === 'number' ? numberComparator : textComparator;
}

/**
 * Each value's rank among the column's values (equal values, as the comparator sees them, share
 * a rank). Each distinct string is compared once per step of a sort of the distinct strings
 * only: a column of names repeats many of them, and the comparator is what costs.
 */
export function ranksOf(values: readonly string[], compare: Comparator): Int32Array {
	const ids = new Map<string, number>();
	const distinct: string[] = [];
	const ranks = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const value = values[i] ?? '';
		let id = ids.get(value);
		if (id === undefined) {
			id = distinct.length;
			ids.set(value, id);
			distinct.push(value);
		}
		ranks[i] = id;
	}
	const sorted = Array.from(distinct.keys()).sort((a, b) => compare(distinct[a], distinct[b]));
	const rankOfId = new Int32Array(distinct.length);
	let rank = 0;
	for (let p = 0; p < sorted.length; p++) {
		// A result of 0 (or NaN, which AG Grid also takes for "equal") keeps the rank.
		if (p > 0 && compare(distinct[sorted[p - 1]], distinct[sorted[p]])) rank++;
		rankOfId[sorted[p]] = rank;
	}
	for (let i = 0; i < ranks.length; i++) ranks[i] = rankOfId[ranks[i]];
	return ranks;
}

/**
 * The sorted order of a snapshot: `order[p]` is the index of the row at position `p`.
 * `columns[c][i]` is row `i`'s value in the `c`-th sort column, `keys[c]` how that column sorts.
 */
export function sortOrder(
	columns: readonly (readonly string[])[],
	keys: readonly SortKey[]
): Int32Array {
	const count = columns[0]?.length ?? 0;
	const ranks = columns.map((values, c) => ranksOf(values, comparatorOf(keys[c].kind)));
	const signs = keys.map((k) => (k.descending ? -1 : 1));
	const order = new Int32Array(count);
	for (let i = 0; i < count; i++) order[i] = i;
	return order.sort((a, b) => {
		for (let c = 0; c < ranks.length; c++) {
			const d = ranks[c][a] - ranks[c][b];
			if (d) return signs[c] * d;
		}
		return a - b;
	});
}

/** Where each row goes: `positions[i]` is the sorted position of row `i` (the inverse of an order). */
export function positionsOf(order: Int32Array): Int32Array {
	const positions = new Int32Array(order.length);
	for (let p = 0; p < order.length; p++) positions[order[p]] = p;
	return positions;
}

/**
 * Compares two rows by their indices with the comparators of `keys`, then by index (the order
 * before the sort). `valueAt(row, c)` reads a row's value in the `c`-th sort column.
 */
export function rowComparator(
	keys: readonly SortKey[],
	valueAt: (row: number, column: number) => string
): (a: number, b: number) => number {
	const compares = keys.map((k) => comparatorOf(k.kind));
	return (a, b) => {
		for (let c = 0; c < compares.length; c++) {
			const result = compares[c](valueAt(a, c), valueAt(b, c));
			if (result) return keys[c].descending ? -result : result;
		}
		return a - b;
	};
}

/**
 * Rows kept in a known order plus rows changed since it was computed: the changed rows are
 * sorted among themselves and merged in, O(n + m log m) as AG Grid's delta sort. `kept` holds
 * row indices already in order; `compare` (from `rowComparator`) orders any two rows.
 */
export function mergeOrder(
	kept: ArrayLike<number>,
	changed: readonly number[],
	compare: (a: number, b: number) => number
): Int32Array {
	const moved = [...changed].sort(compare);
	const out = new Int32Array(kept.length + moved.length);
	let k = 0;
	let m = 0;
	let o = 0;
	while (k < kept.length && m < moved.length) {
		out[o++] = compare(moved[m], kept[k]) < 0 ? moved[m++] : kept[k++];
	}
	while (k < kept.length) out[o++] = kept[k++];
	while (m < moved.length) out[o++] = moved[m++];
	return out;
}

/**
 * A column of values as one string and each value's length: posting one string costs a copy,
 * posting 100,000 strings costs 40 ms of the page's time to clone them one by one.
 */
export interface PackedColumn {
	text: string;
	lengths: Int32Array;
}

export function packColumn(values: readonly string[]): PackedColumn {
	const lengths = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) lengths[i] = values[i].length;
	return { text: values.join(''), lengths };
}

export function unpackColumn({ text, lengths }: PackedColumn): string[] {
	const values = new Array<string>(lengths.length);
	let at = 0;
	for (let i = 0; i < lengths.length; i++) {
		values[i] = text.slice(at, at + lengths[i]);
		at += lengths[i];
	}
	return values;
}

/** To the sort worker: a snapshot of the sort columns' values, rows in the grid's order. */
export interface SortRequest {
	id: number;
	columns: PackedColumn[];
	keys: SortKey[];
}

/** From the sort worker: the order of the snapshot's rows (`order` is transferred). */
export type SortAnswer = { id: number; order: Int32Array } | { id: number; error: string };
