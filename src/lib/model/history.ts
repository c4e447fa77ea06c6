/**
 * The history of a sheet: who changed what and when, with the earlier values, kept in the
 * sheet's own Y.Doc (so IndexedDB keeps it offline and the relay shares it).
 *
 * Layout: `history`, a Y.Array of compact entries, one per change an operator made (an edit of
 * one or many cells, a bulk add, a delete, a restore, an undo or a redo). An entry is written in
 * the same transaction as the change it describes (an undo: right after it, see `Sheet`), and it
 * is never in any undo scope, so undoing an edit does not remove the edit's entry: it adds an
 * entry of its own marked `u: 'undo'`. Several operators appending at once are all kept (Yjs
 * array inserts never overwrite each other).
 *
 * An entry (field names short: a busy sheet holds many):
 * - `t` time (ms), `by` operator id, `n` name, `c` colour;
 * - `u`: 'undo' | 'redo' when the change was an undo or a redo;
 * - `cells`: `[rowId, colId, old, new][]`; `add` / `drop`: `[chunkId, rowCount][]` (rows added
 *   in bulk, one pair per chunk; `drop` only when an undo takes an add back); `del` / `res`:
 *   row ids deleted / restored; `more`: how many changes did not fit (see the limits).
 *
 * Entries come from other replicas too, so every one is checked on read: a broken or hostile
 * value is skipped, never shown as it is.
 */
import * as Y from 'yjs';
import { clip } from '../values/clean';

/** At most this many cells (or row ids) are listed in one entry; the rest are only counted. */
export const MAX_ENTRY_ITEMS = 5_000;
/** At most this many characters of values in one entry (a large paste of long notes). */
export const MAX_ENTRY_CHARS = 200_000;
/** A value longer than this is kept cut, ending in `…`. */
export const MAX_HISTORY_VALUE = 1_000;
const MAX_NAME = 60;
const MAX_ID = 80;

export interface Author {
	id: string;
	name: string;
	color?: string;
}

export type CellChange = [rowId: string, colId: string, old: string, value: string];

export interface HistoryEntry {
	t: number;
	by: string;
	n: string;
	c?: string;
	u?: 'undo' | 'redo';
	cells?: CellChange[];
	add?: [string, number][];
	drop?: [string, number][];
	del?: string[];
	res?: string[];
	more?: number;
}

/** What one change did, before the limits are applied. */
export interface ChangeParts {
	cells?: CellChange[];
	add?: [string, number][];
	drop?: [string, number][];
	del?: string[];
	res?: string[];
}

/** One line of a row's history, as the panel shows it. */
export interface HistoryItem {
	time: number;
	author: Author;
	kind: 'cell' | 'added' | 'deleted' | 'restored' | 'removed';
	undo?: 'undo' | 'redo';
	colId?: string;
	old?: string;
	value?: string;
}

/**
 * The lines of a row's history the panel shows (`HistoryPanel.svelte`): all but a change that
 * wrote a cell's own value again, which changed nothing to see (a call's «Оператор» written with
 * the name it showed, `callLogEdits`: the panel listed «Борис → Борис»), and its undo or redo.
 */
export function shownItems(items: HistoryItem[]): HistoryItem[] {
	// Two values cut to the same first characters (`MAX_HISTORY_VALUE`, a long note edited past
	// them) may differ: that change is shown (found in review of f291d93: it was hidden).
	return items.filter(
		(i) =>
			i.kind !== 'cell' ||
			(i.old ?? '') !== (i.value ?? '') ||
			(i.value ?? '').length >= MAX_HISTORY_VALUE
	);
}

const isString = (v: unknown): v is string => typeof v === 'string';

function cut(value: string): string {
	return clip(value, MAX_HISTORY_VALUE);
}

/** Applies the limits: at most `MAX_ENTRY_ITEMS` items and `MAX_ENTRY_CHARS` of values. */
export function buildEntry(
	parts: ChangeParts,
	author: Author,
	time: number,
	undo?: 'undo' | 'redo'
): HistoryEntry | null {
	const entry: HistoryEntry = { t: time, by: author.id, n: author.name };
	if (author.color) entry.c = author.color;
	if (undo) entry.u = undo;
	let items = 0;
	let chars = 0;
	let more = 0;
	const room = (size: number) => {
		if (items >= MAX_ENTRY_ITEMS || chars + size > MAX_ENTRY_CHARS) {
			more++;
			return false;
		}
		items++;
		chars += size;
		return true;
	};
	if (parts.cells?.length) {
		const cells: CellChange[] = [];
		for (const [rowId, colId, old, value] of parts.cells) {
			const o = cut(old);
			const v = cut(value);
			if (room(rowId.length + colId.length + o.length + v.length)) cells.push([rowId, colId, o, v]);
		}
		if (cells.length) entry.cells = cells;
	}
	// Chunks are few (1,000 rows each): always listed.
	if (parts.add?.length) entry.add = parts.add.map(([id, n]) => [id, n]);
	if (parts.drop?.length) entry.drop = parts.drop.map(([id, n]) => [id, n]);
	for (const key of ['del', 'res'] as const) {
		const list = parts[key]?.filter((id) => room(id.length));
		if (list?.length) entry[key] = list;
	}
	if (more) entry.more = more;
	const empty = !entry.cells && !entry.add && !entry.drop && !entry.del && !entry.res && !more;
	return empty ? null : entry;
}

function isIdList(v: unknown): v is string[] {
	return Array.isArray(v) && v.every((id) => isString(id) && id.length <= MAX_ID);
}

function isChunkList(v: unknown): v is [string, number][] {
	return (
		Array.isArray(v) &&
		v.every(
			(p) =>
				Array.isArray(p) &&
				p.length === 2 &&
				isString(p[0]) &&
				p[0].length <= MAX_ID &&
				Number.isInteger(p[1]) &&
				p[1] >= 0
		)
	);
}

function isCellList(v: unknown): v is CellChange[] {
	return (
		Array.isArray(v) &&
		v.every(
			(c) =>
				Array.isArray(c) &&
				c.length === 4 &&
				isString(c[0]) &&
				isString(c[1]) &&
				isString(c[2]) &&
				isString(c[3]) &&
				c[0].length <= MAX_ID &&
				c[1].length <= MAX_ID
		)
	);
}

/** The entry as stored by any replica, checked field by field; `null` when unusable. */
export function readEntry(value: unknown): HistoryEntry | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	if (typeof v.t !== 'number' || !Number.isFinite(v.t) || !isString(v.by) || !isString(v.n))
		return null;
	const entry: HistoryEntry = {
		t: v.t,
		by: v.by.slice(0, MAX_ID),
		n: v.n.slice(0, MAX_NAME)
	};
	if (isString(v.c) && /^#[0-9a-fA-F]{3,8}$/.test(v.c)) entry.c = v.c;
	if (v.u === 'undo' || v.u === 'redo') entry.u = v.u;
	// Lists longer than any replica writes are cut, so a hostile entry cannot swell the index.
	if (v.cells !== undefined) {
		const cells = Array.isArray(v.cells) ? v.cells.slice(0, MAX_ENTRY_ITEMS) : v.cells;
		if (!isCellList(cells)) return null;
		entry.cells = cells.map(([r, c, o, n]) => [r, c, cut(o), cut(n)]);
	}
	for (const key of ['add', 'drop'] as const) {
		if (v[key] === undefined) continue;
		const list = Array.isArray(v[key]) ? v[key].slice(0, MAX_ENTRY_ITEMS) : v[key];
		if (!isChunkList(list)) return null;
		entry[key] = list;
	}
	for (const key of ['del', 'res'] as const) {
		if (v[key] === undefined) continue;
		const list = Array.isArray(v[key]) ? v[key].slice(0, MAX_ENTRY_ITEMS) : v[key];
		if (!isIdList(list)) return null;
		entry[key] = list;
	}
	if (Number.isInteger(v.more) && (v.more as number) > 0) entry.more = v.more as number;
	return entry;
}

const chunkOf = (rowId: string) => rowId.slice(0, rowId.lastIndexOf('.'));

/** Rows and chunks an entry is about (what the index files it under). */
function keysOf(entry: HistoryEntry): Set<string> {
	const keys = new Set<string>();
	for (const [rowId] of entry.cells ?? []) keys.add(rowId);
	for (const id of entry.del ?? []) keys.add(id);
	for (const id of entry.res ?? []) keys.add(id);
	for (const [chunkId] of entry.add ?? []) keys.add('#' + chunkId);
	for (const [chunkId] of entry.drop ?? []) keys.add('#' + chunkId);
	return keys;
}

/** Row index inside its chunk (base 36 after the last dot), or -1. */
function indexInChunk(rowId: string): number {
	const n = parseInt(rowId.slice(rowId.lastIndexOf('.') + 1), 36);
	return Number.isFinite(n) ? n : -1;
}

/**
 * Whether a transaction's origin is `SheetHistory.origin`: the entry written right after an undo
 * or redo, part of that one step (the status bar counts the step once).
 */
export function isUndoEntryOrigin(origin: unknown): boolean {
	return (
		typeof origin === 'object' &&
		origin !== null &&
		(origin as { history?: unknown }).history === true
	);
}

export class SheetHistory {
	/** Transaction origin of the entries written after an undo or redo (`isUndoEntryOrigin`). */
	readonly origin = { history: true };
	readonly #array: Y.Array<unknown>;
	#author: Author = { id: '', name: '' };
	/** Row id (or `#chunkId`) → its entries, in the array's order. Built on first read. */
	#index: Map<string, HistoryEntry[]> | null = null;
	/** Order in which entries were filed (the array's order, then arrival). */
	#seq = new WeakMap<HistoryEntry, number>();
	/** Each filed entry's place in the Y.Array (its Yjs id): the same on every replica. */
	#ids = new WeakMap<HistoryEntry, Y.ID>();
	/**
	 * The array's items by client, as `[clock, length, index]` triples in clock order, made by one
	 * walk when a row with two entries in one millisecond is read (`#place`), kept until the array
	 * changes: reading every row of a list in which each has such a tie walked the whole array once
	 * a row (found in review: 19,159 rows over 20,000 entries, 3.4–4.3 s).
	 */
	#items: Map<number, number[]> | null = null;
	#next = 0;
	readonly #listeners = new Set<() => void>();
	readonly #onChange: (event: Y.YArrayEvent<unknown>) => void;

	constructor(doc: Y.Doc) {
		this.#array = doc.getArray('history');
		this.#onChange = (event) => {
			this.#items = null;
			if (this.#index) {
				if (event.changes.deleted.size > 0) {
					// Entries are only appended; a removal (never done by Shtab) means: index again.
					this.#index = null;
				} else {
					for (const item of event.changes.added) this.#fileItem(this.#index, item);
				}
			}
			for (const listener of this.#listeners) listener();
		};
		this.#array.observe(this.#onChange);
	}

	destroy(): void {
		this.#array.unobserve(this.#onChange);
		this.#listeners.clear();
	}

	/** Who this tab's changes are recorded as. */
	get author(): Author {
		return this.#author;
	}

	set author(author: Author) {
		this.#author = {
			id: String(author.id ?? '').slice(0, MAX_ID),
			name: String(author.name ?? '').slice(0, MAX_NAME),
			...(author.color ? { color: String(author.color).slice(0, 16) } : {})
		};
	}

	/** Number of entries (of every replica). */
	get length(): number {
		return this.#array.length;
	}

	/** Appends one entry; call inside the transaction of the change. */
	record(parts: ChangeParts, undo?: 'undo' | 'redo'): void {
		const entry = buildEntry(parts, this.#author, Date.now(), undo);
		// insert at the end, not push: Yjs finds the end of a long array through its search
		// markers for insert, while push walks the whole list every time (quadratic over a
		// history of 100,000 entries).
		if (entry) this.#array.insert(this.#array.length, [entry]);
	}

	/** Every valid entry in the array's order (for tests and export). */
	entries(): HistoryEntry[] {
		const list: HistoryEntry[] = [];
		for (const value of this.#array.toArray()) {
			const entry = readEntry(value);
			if (entry) list.push(entry);
		}
		return list;
	}

	/**
	 * The cells one author wrote since `since` (her clock, as the entries are), each with the
	 * latest value she gave it: of each change, its first cell — the one she typed; the others are
	 * what it set along (a call's «Оператор», «Дата звонка», «Попытки»). Undos are left out (they
	 * put back what was there), redos count.
	 */
	writtenBy(authorId: string, since: number): { rowId: string; colId: string; value: string }[] {
		const cells = new Map<string, { rowId: string; colId: string; value: string }>();
		if (!authorId) return [];
		for (const value of this.#array.toArray()) {
			const entry = readEntry(value);
			if (!entry || entry.by !== authorId || entry.t < since || entry.u === 'undo') continue;
			const first = entry.cells?.[0];
			if (!first) continue;
			const [rowId, colId, , v] = first;
			const key = `${rowId}:${colId}`;
			// Her entries are in the order she wrote them: a later one's value replaces.
			cells.delete(key);
			cells.set(key, { rowId, colId, value: v });
		}
		return [...cells.values()];
	}

	/**
	 * One cell's changes in the order of the history's array, each with its whole entry: the same
	 * order on every replica that holds the same entries (`forCell` goes by time, which each
	 * operator's clock sets, and files entries as they arrive), and a change is always after the
	 * changes its writer had seen. Entries cut to their limits (`more`), which may have changed
	 * the cell without listing it, come as `{ entry, change: null }`. Reads the whole array: for
	 * a merge of values written at once (`Sheet.mergeCells`), not for every change.
	 */
	cellInOrder(rowId: string, colId: string): { entry: HistoryEntry; change: CellChange | null }[] {
		return this.cellsInOrder([[rowId, colId]]).get(`${rowId}:${colId}`) ?? [];
	}

	/**
	 * `cellInOrder` of each of `cells`, by `rowId:colId`, in one walk over the array: an operator
	 * back with hundreds of calls logged offline brings hundreds of cells to merge at once, and a
	 * walk per cell froze the page for a minute on a list worked for weeks (found in review).
	 */
	cellsInOrder(
		cells: [rowId: string, colId: string][]
	): Map<string, { entry: HistoryEntry; change: CellChange | null }[]> {
		const lists = new Map<string, { entry: HistoryEntry; change: CellChange | null }[]>();
		const wanted = new Map<string, Set<string>>();
		for (const [rowId, colId] of cells) {
			lists.set(`${rowId}:${colId}`, []);
			let cols = wanted.get(rowId);
			if (!cols) wanted.set(rowId, (cols = new Set()));
			cols.add(colId);
		}
		if (lists.size === 0) return lists;
		for (const value of this.#array.toArray()) {
			// The raw value is looked at first: most entries are about other rows.
			const raw = value as { cells?: unknown; more?: unknown } | null;
			if (typeof raw !== 'object' || raw === null) continue;
			const touches =
				Array.isArray(raw.cells) &&
				raw.cells.some(
					(c) =>
						Array.isArray(c) &&
						typeof c[0] === 'string' &&
						typeof c[1] === 'string' &&
						wanted.get(c[0])?.has(c[1]) === true
				);
			if (!touches && !raw.more) continue;
			const entry = readEntry(value);
			if (!entry) continue;
			const found = new Set<string>();
			for (const change of entry.cells ?? []) {
				const key = `${change[0]}:${change[1]}`;
				const list = lists.get(key);
				// The first change of the cell in the entry, as `find` gave.
				if (!list || found.has(key)) continue;
				found.add(key);
				list.push({ entry, change });
			}
			if (entry.more)
				for (const [key, list] of lists) if (!found.has(key)) list.push({ entry, change: null });
		}
		return lists;
	}

	/** Called on every new entry (local or remote). Returns the unsubscribe. */
	observe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Files the entries of one item of the array (`#file`). */
	#fileItem(index: Map<string, HistoryEntry[]>, item: Y.Item) {
		const { client, clock } = item.id;
		item.content
			.getContent()
			.forEach((value, i) => this.#file(index, value, Y.createID(client, clock + i)));
	}

	#file(index: Map<string, HistoryEntry[]>, value: unknown, id: Y.ID) {
		const entry = readEntry(value);
		if (!entry) return;
		this.#seq.set(entry, this.#next++);
		this.#ids.set(entry, id);
		for (const key of keysOf(entry)) {
			let list = index.get(key);
			if (!list) index.set(key, (list = []));
			list.push(entry);
		}
	}

	#indexed(): Map<string, HistoryEntry[]> {
		if (!this.#index) {
			const index = new Map<string, HistoryEntry[]>();
			for (let item = this.#array._start; item; item = item.right)
				if (!item.deleted && item.countable) this.#fileItem(index, item);
			this.#index = index;
		}
		return this.#index;
	}

	/**
	 * The entries that list cells of `rowIds`, in the order filed: from the index, not the whole
	 * array (found in review: an undo that found nothing of its step standing read every entry,
	 * 0.2–0.65 s on a list with 60,000 of them, at each such Ctrl+Z in any list).
	 */
	entriesFor(rowIds: Iterable<string>): HistoryEntry[] {
		const index = this.#indexed();
		const found = new Set<HistoryEntry>();
		for (const rowId of rowIds) for (const entry of index.get(rowId) ?? []) found.add(entry);
		const seq = (e: HistoryEntry) => this.#seq.get(e) ?? 0;
		return [...found].sort((a, b) => seq(a) - seq(b));
	}

	/** Everything that happened to one row, newest first. */
	forRow(rowId: string): HistoryItem[] {
		const index = this.#indexed();
		const chunkId = chunkOf(rowId);
		const at = indexInChunk(rowId);
		const items: HistoryItem[] = [];
		// The entry of each item (by its index in `items`).
		const owners: HistoryEntry[] = [];
		const seq = (e: HistoryEntry) => this.#seq.get(e) ?? 0;
		const entries = [
			...new Set([...(index.get(rowId) ?? []), ...(index.get('#' + chunkId) ?? [])])
		].sort((a, b) => seq(a) - seq(b));
		for (const entry of entries) {
			const author: Author = {
				id: entry.by,
				name: entry.n,
				...(entry.c ? { color: entry.c } : {})
			};
			const base = { time: entry.t, author, ...(entry.u ? { undo: entry.u } : {}) };
			const push = (item: HistoryItem) => {
				items.push(item);
				owners.push(entry);
			};
			for (const [id, count] of entry.add ?? [])
				if (id === chunkId && at >= 0 && at < count) push({ ...base, kind: 'added' });
			for (const [id, count] of entry.drop ?? [])
				if (id === chunkId && at >= 0 && at < count) push({ ...base, kind: 'removed' });
			if (entry.del?.includes(rowId)) push({ ...base, kind: 'deleted' });
			if (entry.res?.includes(rowId)) push({ ...base, kind: 'restored' });
			// An undo that gave a cell back a colleague's value equal to the one it took back did
			// not change it: no line (found by exploration: two calls logged in one minute, and
			// «Дата звонка: 07.12.2026 10:26 → 07.12.2026 10:26»). The entry keeps it.
			for (const [r, colId, old, value] of entry.cells ?? [])
				if (r === rowId && !(entry.u && old === value))
					push({ ...base, kind: 'cell', colId, old, value });
		}
		// Newest first; equal times in the array's order, reversed: the same on every replica (the
		// order filed is each one's order of arrival, so two changes made in one millisecond were
		// newest in turn on different replicas), and after whatever its writer had seen.
		const places = new Map<HistoryEntry, number>();
		const byTime = new Map<number, HistoryEntry>();
		for (const entry of entries) {
			const other = byTime.get(entry.t);
			if (other) places.set(other, 0).set(entry, 0);
			byTime.set(entry.t, entry);
		}
		if (places.size) this.#place(places);
		const place = (i: number) => places.get(owners[i]) ?? 0;
		return items
			.map((item, i) => ({ item, i }))
			.sort((a, b) => b.item.time - a.item.time || place(b.i) - place(a.i) || b.i - a.i)
			.map(({ item }) => item);
	}

	/**
	 * Sets each of `places`' entries to its index in the array (an entry not found, 0), from the
	 * array's items by client (`#items`, one walk over the array after each change of it).
	 */
	#place(places: Map<HistoryEntry, number>) {
		const items = (this.#items ??= this.#itemsByClient());
		for (const entry of places.keys()) {
			const id = this.#ids.get(entry);
			const list = id && items.get(id.client);
			if (!list) continue;
			// The last item of the client starting at or before the entry's clock.
			let low = 0;
			let high = list.length / 3 - 1;
			while (low < high) {
				const mid = (low + high + 1) >> 1;
				if (list[mid * 3] <= id.clock) low = mid;
				else high = mid - 1;
			}
			const [clock, length, index] = list.slice(low * 3, low * 3 + 3);
			if (id.clock >= clock && id.clock < clock + length)
				places.set(entry, index + id.clock - clock);
		}
	}

	#itemsByClient(): Map<number, number[]> {
		const byClient = new Map<number, [clock: number, length: number, index: number][]>();
		let index = 0;
		for (let item = this.#array._start; item; item = item.right) {
			if (item.deleted || !item.countable) continue;
			const { client, clock } = item.id;
			let list = byClient.get(client);
			if (!list) byClient.set(client, (list = []));
			list.push([clock, item.length, index]);
			index += item.length;
		}
		const items = new Map<number, number[]>();
		for (const [client, list] of byClient)
			items.set(client, list.sort((a, b) => a[0] - b[0]).flat());
		return items;
	}

	/** One cell's changes, newest first. */
	forCell(rowId: string, colId: string): HistoryItem[] {
		return this.forRow(rowId).filter((item) => item.kind === 'cell' && item.colId === colId);
	}
}
