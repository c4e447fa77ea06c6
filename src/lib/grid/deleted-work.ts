/**
 * Rows a colleague deleted while this operator's work in them had not reached the colleague.
 * Found by exploration: an operator offline on a bad line wrote a call's result into a row; a
 * coordinator deleted that row meanwhile; when her line came back the row left her screen with
 * no word, and her result with it (it is kept in the deleted row, but nothing said so).
 *
 * A row counts when, in the change that deleted it (a colleague's), it has a change of hers to a
 * cell that the colleague could not have seen:
 * - made while her changes were not all on the server (offline, or not yet confirmed): from the
 *   moment the status left «saved», or from the oldest change of hers still waiting (a reload
 *   offline keeps it: `DocConnection.unsavedSince`), until it is «saved» again;
 * - or made within `RECENT_MS` (they were working at once: the same rule as the notice of a
 *   cell typed over, `binding.ts`).
 * Her work stays in the deleted row, so the notice offers to bring the rows back.
 *
 * Columns follow the same rules. Both are told across a reload too: a delete that came while no
 * page of the list was open is noted with its moment (`recordDeletes`), and the page tells her as
 * it opens (`deletedRowWorkOnLoad`, `deletedColumnWorkOnLoad`), once.
 */
import type * as Y from 'yjs';
import { MAX_HISTORY_VALUE } from '$lib/model/history';
import { columnDeletes, rowDeletesIn, type DeletedColumn, type Sheet } from '$lib/model/sheet';
import { clip } from '$lib/values/clean';
import type { SyncStatus } from '$lib/sync/connection';

/** A change of hers this recent is told of even when it was on the server. */
export const RECENT_MS = 60_000;
/**
 * At most this many removed rows are looked at in one change (a coordinator's clean-up); a bigger
 * one is narrowed first to the rows her own history entries name (`rowsWithHerWork`).
 */
export const MAX_ROWS_LOOKED_AT = 5_000;

export interface DeletedWork {
	/** The rows, in the order the change listed them. */
	rows: string[];
	/** Who deleted them, when their history says so ('' when it does not yet). */
	by: string;
	/** When they were deleted (one moment per delete): names those deletes (`rowsDeleteKey`). */
	deleted: number[];
}

/**
 * What is needed of a `DocConnection`: its status, word when that changes, and since when its
 * changes have waited for the server (kept across a reload: work done offline before it).
 */
export interface SyncSource {
	readonly status: Pick<SyncStatus, 'state'>;
	onStatus(listener: () => void): () => void;
	readonly unsavedSince?: number | null;
}

/**
 * The moment a colleague's change came (`at`, her clock; null: none to measure «recent» from),
 * and since when her changes had not all been on the server then (null: they were).
 */
export interface UnseenWindow {
	at: number | null;
	since: number | null;
}

/** Whether her change made at `time` is one the colleague could not have seen (rules above). */
function unseenIn({ at, since }: UnseenWindow): (time: number) => boolean {
	return (time) => (at !== null && at - time <= RECENT_MS) || (since !== null && time >= since);
}

/**
 * Which of her changes a colleague could not have seen, asked at the moment a change comes (see
 * the rules above), and the unsubscribe.
 */
function trackUnseen(
	sync: SyncSource,
	now: () => number
): { unseen: () => UnseenWindow; stop: () => void } {
	/** Since when her changes have not all been on the server (null: they are). */
	let unsavedSince: number | null = sync.status.state === 'saved' ? null : now();
	const stop = sync.onStatus(() => {
		if (sync.status.state === 'saved') unsavedSince = null;
		else unsavedSince ??= now();
	});
	const unseen = () => {
		const stored = sync.unsavedSince ?? null;
		const since =
			unsavedSince === null
				? stored
				: stored === null
					? unsavedSince
					: Math.min(stored, unsavedSince);
		return { at: now(), since };
	};
	return { unseen, stop };
}

/**
 * Calls `onDeleted` for each colleague's change that deleted rows holding her unseen work.
 * Returns the unsubscribe.
 */
export function watchDeletedWork(
	sheet: Sheet,
	sync: SyncSource,
	onDeleted: (work: DeletedWork) => void,
	now: () => number = Date.now
): () => void {
	const tracker = trackUnseen(sync, now);
	const stopSheet = sheet.observe((change) => {
		if (change.local || change.removed.length === 0) return;
		const unseen = unseenIn(tracker.unseen());
		// A clean-up bigger than the rows looked at: those where her own entries say she wrote in
		// the window (found in review: her call in a row past the first 5,000 was not told).
		const removed =
			change.removed.length > MAX_ROWS_LOOKED_AT
				? rowsWithHerWork(sheet, change.removed, unseen)
				: change.removed;
		// Only a deleted row can be brought back (not one a colleague's undo took away).
		const rows = removed.slice(0, MAX_ROWS_LOOKED_AT).filter((r) => sheet.isDeletedRow(r));
		const found = herDeletedRows(sheet, rows, () => unseen);
		if (found.length === 0) return;
		const deleted = new Set(found.map(({ rowId }) => sheet.deletedAt(rowId)));
		onDeleted({
			rows: found.map(({ rowId }) => rowId),
			by: found.find(({ by }) => by)?.by ?? '',
			deleted: [...deleted]
		});
	});
	return () => {
		tracker.stop();
		stopSheet();
	};
}

/**
 * Of a delete's rows, in its order, those where she changed a cell at a time `unseen` takes: her
 * history entries read once, as on load (`deletedRowWorkOnLoad`), not each row's history.
 */
function rowsWithHerWork(
	sheet: Sheet,
	removed: readonly string[],
	unseen: (time: number) => boolean
): string[] {
	const me = sheet.history.author.id;
	const gone = new Set(removed);
	const hers = new Set<string>();
	for (const entry of sheet.history.entries()) {
		if (entry.by !== me || entry.u || !unseen(entry.t)) continue;
		for (const [rowId] of entry.cells ?? []) if (gone.has(rowId)) hers.add(rowId);
	}
	return removed.filter((rowId) => hers.has(rowId));
}

/**
 * Who deleted a row its history does not name: a delete's entry lists its first
 * `MAX_ENTRY_ITEMS` rows only, so a row past them is named by the entry of a row deleted at the
 * same moment (`Sheet.deletedAt`, one per delete) whose entry left rows unlisted. Undefined when
 * none is found.
 */
function deleterOf(
	sheet: Sheet,
	rowId: string
): { author: { id: string; name: string } } | undefined {
	const at = sheet.deletedAt(rowId);
	if (!at) return undefined;
	const entries = sheet.history.entries();
	for (let i = entries.length - 1; i >= 0; i--) {
		// Only an entry with rows left unlisted (`more`): her own small delete from another tab at
		// the same millisecond lists all its rows, and named her as the deleter of a colleague's
		// row (found in review: then her work in it was not told, one time in two).
		const first = entries[i].more ? entries[i].del?.[0] : undefined;
		if (first !== undefined && first !== rowId && sheet.deletedAt(first) === at)
			return { author: { id: entries[i].by, name: entries[i].n } };
	}
	return undefined;
}

/**
 * Of these deleted rows, those holding a change of hers to a cell that `unseenIn` says the
 * colleague could not have seen, with who deleted each ('' when its history does not say yet);
 * never a row she deleted herself (from another tab of hers: found in review).
 */
function herDeletedRows(
	sheet: Sheet,
	rows: string[],
	unseenIn: (rowId: string) => (time: number) => boolean
): { rowId: string; byId: string; by: string }[] {
	const me = sheet.history.author.id;
	const found: { rowId: string; byId: string; by: string }[] = [];
	// Each delete's author looked for once (a delete's rows are deleted at one moment).
	const byMoment = new Map<number, ReturnType<typeof deleterOf>>();
	const deleters = (rowId: string) => {
		const at = sheet.deletedAt(rowId);
		if (!byMoment.has(at)) byMoment.set(at, deleterOf(sheet, rowId));
		return byMoment.get(at);
	};
	for (const rowId of rows) {
		const items = sheet.history.forRow(rowId);
		const deletion = items.find((item) => item.kind === 'deleted') ?? deleters(rowId);
		if (deletion?.author.id === me) continue;
		const unseen = unseenIn(rowId);
		const mine = items.some(
			(item) => item.kind === 'cell' && item.author.id === me && !item.undo && unseen(item.time)
		);
		if (mine)
			found.push({ rowId, byId: deletion?.author.id ?? '', by: deletion?.author.name ?? '' });
	}
	return found;
}

/** A column a colleague deleted with her unseen work in it. */
export interface DeletedColumnWork {
	column: string;
	title: string;
	/** Her cells in it that still hold what she wrote. */
	cells: number;
	/** Who deleted it, when the delete says so ('' when it does not: an older tab's). */
	by: string;
	/** When it was deleted: with `column`, names this delete (`deleteKey`). */
	deleted: number;
}

/**
 * Calls `onDeleted` for each column a colleague's change deleted while it held cells of hers the
 * colleague could not have seen (the same rules as for rows). Found by exploration: an operator
 * offline wrote residents' addresses; a coordinator deleted the column «Адрес» meanwhile; back
 * online, the column left her screen with her addresses in it, and only «Вернуть столбец (1)»
 * beside the filters said anything. Who deleted it is noted in the column (`deletedBy`): her
 * own delete from another tab is not told. Returns the unsubscribe.
 */
export function watchDeletedColumnWork(
	sheet: Sheet,
	sync: SyncSource,
	onDeleted: (work: DeletedColumnWork) => void,
	now: () => number = Date.now
): () => void {
	const tracker = trackUnseen(sync, now);
	let shown = new Set(sheet.columns().map((c) => c.id));
	const stopSheet = sheet.observe((change) => {
		if (!change.columns) return;
		const before = shown;
		shown = new Set(sheet.columns().map((c) => c.id));
		if (change.local) return;
		const me = sheet.history.author.id;
		// Only a deleted column can be brought back (not one a colleague's undo took away).
		const gone = new Map(
			sheet
				.deletedColumns()
				.filter((c) => before.has(c.id) && !shown.has(c.id) && c.by?.id !== me)
				.map((c) => [c.id, c])
		);
		if (gone.size === 0) return;
		const unseen = unseenIn(tracker.unseen());
		for (const work of herWorkIn(sheet, gone, () => unseen)) onDeleted(work);
	});
	return () => {
		tracker.stop();
		stopSheet();
	};
}

/**
 * Her cells in these deleted columns that still hold what she wrote in changes `unseenIn` says
 * the colleague could not have seen: the columns that hold any.
 */
function herWorkIn(
	sheet: Sheet,
	gone: Map<string, DeletedColumn>,
	unseenIn: (column: string) => (time: number) => boolean
): DeletedColumnWork[] {
	const me = sheet.history.author.id;
	const unseen = new Map([...gone.keys()].map((column) => [column, unseenIn(column)]));
	// Her last value of each cell of those columns, from her unseen changes (a column's delete
	// is rare: the whole history is read then).
	const written = new Map<string, Map<string, string>>();
	for (const entry of sheet.history.entries()) {
		if (entry.by !== me || entry.u) continue;
		for (const [rowId, colId, , value] of entry.cells ?? []) {
			if (!unseen.get(colId)?.(entry.t)) continue;
			let cells = written.get(colId);
			if (!cells) written.set(colId, (cells = new Map()));
			cells.set(rowId, value);
		}
	}
	const work: DeletedColumnWork[] = [];
	for (const [column, { title, by, deleted }] of gone) {
		let cells = 0;
		// Still hers: not emptied by her undo, nor written over by a colleague since (the history
		// keeps a long value clipped), and in a row the column brings back (a deleted row's
		// cells are told of with the row).
		for (const [rowId, value] of written.get(column) ?? [])
			if (
				value !== '' &&
				sheet.hasRow(rowId) &&
				clip(sheet.getCell(rowId, column), MAX_HISTORY_VALUE) === value
			)
				cells++;
		if (cells > 0) work.push({ column, title, cells, by: by?.name ?? '', deleted });
	}
	return work;
}

// ---------------------------------------------------------------- across a reload

/**
 * A column's delete, named so across reloads: the column and when it was deleted (restored and
 * deleted again, it is another delete).
 */
export function deleteKey(column: string, deleted: number): string {
	return `${column}@${deleted}`;
}

/**
 * A delete of rows, named so across reloads: when it was deleted (one moment for all the rows of
 * one delete, however many: a clean-up of 5,000 rows is one name, not 5,000). A row brought back
 * and deleted again is another delete. (`#` is in no column id.)
 */
export function rowsDeleteKey(deleted: number): string {
	return `#rows@${deleted}`;
}

/** When the delete a key names was made (`deleteKey`, `rowsDeleteKey`). */
function timeOfKey(key: string): number {
	return Number(key.slice(key.lastIndexOf('@') + 1)) || 0;
}

/** The deletes of a list standing now (rows and columns): what `DeletedWorkLog.looked` keeps. */
export function standingDeletes(sheet: Sheet): Set<string> {
	const keys = new Set(sheet.deletedColumns().map((c) => deleteKey(c.id, c.deleted)));
	for (const { deleted } of sheet.deletedRows()) keys.add(rowsDeleteKey(Number(deleted) || 0));
	return keys;
}

/** Where this browser keeps, per list, what `DeletedWorkLog` notes. */
export const DELETED_WORK_PREFIX = 'shtab:deleted-work:';
/**
 * At most this many deletes are kept one by one of a list (each of its two notes), rows' and
 * columns'; earlier arrivals are kept in one record (`Overflow`), and, once a page has looked at
 * them all, earlier deletes seen are dropped (`DeletedWorkLog.looked`).
 */
export const MAX_DELETES_KEPT = 100;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Kept {
	/** A delete that reached this browser → when, and since when her changes waited then. */
	arrived: Record<string, [number, number | null]>;
	/**
	 * Deletes she has been told of, or that a page of the list has looked at since they came: all
	 * those told until a page has looked (`looked` keeps the latest `MAX_DELETES_KEPT`).
	 */
	seen: string[];
	/** The arrivals left out of `arrived` for its size, in one (`Overflow`). */
	over?: Overflow;
}

/**
 * Arrivals of deletes no longer kept one by one (more than `MAX_DELETES_KEPT` came while no page
 * of the list was open), in one record of a fixed size: the earliest moment they came, the
 * earliest since when her changes waited then, and the moments of the deletes themselves
 * (`timeOfKey`), earliest and latest. Found in review: the oldest were dropped without a word,
 * and her work in them was never told.
 */
interface Overflow {
	at: number;
	since: number | null;
	from: number;
	to: number;
}

const earliest = (a: number | null, b: number | null) =>
	a === null ? b : b === null ? a : Math.min(a, b);

/**
 * The window of a delete that came among the arrivals not kept one by one (`Overflow`): it came
 * no earlier than the first of them, so the window from then holds every change of hers its own
 * window held (more, perhaps: told of rather than left out). Not the moment it was made: that
 * is the colleague's clock, and found in review, when it ran ahead of hers, the window began
 * after the delete had come, and a call she logged in the minute before was left out.
 */
function overflowWindow(over: Overflow): UnseenWindow {
	return { at: over.at, since: over.since };
}

const isTime = (value: unknown): value is number => typeof value === 'number' && value > 0;

/**
 * What a page of a list needs of deletes of rows and columns across a reload, kept in
 * localStorage (this browser's, like her operator id, which her changes are written under), one
 * entry per delete (`rowsDeleteKey`, `deleteKey`), never per row:
 * - the deletes that reached this browser, with the moment and since when her changes waited
 *   then (`recordDeletes`): they may have come while no page of the list was open to tell her
 *   (the list of sheets sends a closed tab's changes, and takes the colleague's in); past
 *   `MAX_DELETES_KEPT`, the earliest in one record of a fixed size (`Overflow`);
 * - the deletes she has been told of, or that a page has looked at: never told twice.
 */
export class DeletedWorkLog {
	readonly #key: string;
	readonly #storage: StorageLike | undefined;

	constructor(room: string, storage: StorageLike | undefined = globalThis.localStorage) {
		this.#key = DELETED_WORK_PREFIX + room;
		this.#storage = storage;
	}

	#read(): Kept {
		const kept: Kept = { arrived: {}, seen: [] };
		try {
			const raw: unknown = JSON.parse(this.#storage?.getItem(this.#key) ?? 'null');
			if (!raw || typeof raw !== 'object') return kept;
			const { arrived, seen } = raw as Record<string, unknown>;
			if (arrived && typeof arrived === 'object')
				for (const [key, value] of Object.entries(arrived))
					if (Array.isArray(value) && isTime(value[0]) && (value[1] === null || isTime(value[1])))
						kept.arrived[key] = [value[0], value[1]];
			if (Array.isArray(seen)) kept.seen = seen.filter((key) => typeof key === 'string');
			const over = (raw as Record<string, unknown>).over;
			// [at, since, from, to]; an earlier version wrote the latest arrival after `at`.
			if (Array.isArray(over) && (over.length === 4 || over.length === 5)) {
				const [at, since, from, to] = over.length === 5 ? [over[0], ...over.slice(2)] : over;
				if (isTime(at) && (since === null || isTime(since)))
					if (typeof from === 'number' && typeof to === 'number')
						kept.over = { at, since, from, to };
			}
		} catch {
			// Storage blocked, or not ours: nothing known.
		}
		return kept;
	}

	#write(kept: Kept) {
		// The latest arrivals one by one, the earlier ones in one record, when there are too many.
		const arrived = Object.entries(kept.arrived).sort(([, a], [, b]) => a[0] - b[0]);
		let over = kept.over;
		for (const [key, [at, since]] of arrived.slice(0, -MAX_DELETES_KEPT)) {
			const time = timeOfKey(key);
			over = over
				? {
						at: Math.min(over.at, at),
						since: earliest(over.since, since),
						from: Math.min(over.from, time),
						to: Math.max(over.to, time)
					}
				: { at, since, from: time, to: time };
		}
		try {
			if (arrived.length === 0 && kept.seen.length === 0 && !over)
				this.#storage?.removeItem(this.#key);
			else
				this.#storage?.setItem(
					this.#key,
					JSON.stringify({
						arrived: Object.fromEntries(arrived.slice(-MAX_DELETES_KEPT)),
						seen: kept.seen,
						...(over ? { over: [over.at, over.since, over.from, over.to] } : {})
					})
				);
		} catch {
			// Storage full or blocked: she may be told again, or not at all after a reload.
		}
	}

	/**
	 * The deletes that reached this browser, not seen yet, and when: those kept one by one, and,
	 * found by its moment, one among the arrivals not kept so for their number (`Overflow`), with
	 * a window that holds its own.
	 */
	arrivals(): { get(key: string): UnseenWindow | undefined; size: number; keys(): string[] } {
		const { arrived, seen, over } = this.#read();
		const done = new Set(seen);
		const kept = new Map<string, UnseenWindow>(
			Object.entries(arrived)
				.filter(([key]) => !done.has(key))
				.map(([key, [at, since]]) => [key, { at, since }])
		);
		return {
			get(key) {
				const window = kept.get(key);
				if (window || !over || done.has(key)) return window;
				const time = timeOfKey(key);
				return time >= over.from && time <= over.to ? overflowWindow(over) : undefined;
			},
			/** Those kept one by one. */
			size: kept.size,
			keys: () => [...kept.keys()]
		};
	}

	/** A delete reached this browser: the first time is kept. */
	arrived(key: string, window: UnseenWindow): void {
		const kept = this.#read();
		if (key in kept.arrived || kept.seen.includes(key) || window.at === null) return;
		kept.arrived[key] = [window.at, window.since];
		this.#write(kept);
	}

	seen(): Set<string> {
		return new Set(this.#read().seen);
	}

	/** She has been told of these deletes. */
	told(keys: string[]): void {
		const kept = this.#read();
		const seen = new Set(kept.seen);
		for (const key of keys) if (!seen.has(key)) kept.seen.push(key);
		this.#write(kept);
	}

	/**
	 * A page of the list, open, has looked at the deletes that came (as they came: it tells of
	 * them live, `watchDeletedWork`): their arrivals go; what is seen stays (`lookWhileOpen`).
	 */
	forgetArrivals(): void {
		const kept = this.#read();
		if (Object.keys(kept.arrived).length === 0 && !kept.over) return;
		this.#write({ arrived: {}, seen: kept.seen });
	}

	/**
	 * A page has looked at these deletes (told of them or not): the arrivals go, and what is seen
	 * keeps only the deletes still standing (`standing`, `standingDeletes`: a restored column's
	 * delete is over, as is a delete of rows all brought back), the latest `MAX_DELETES_KEPT` when
	 * there are more. Only here: with the arrivals gone, an earlier delete dropped is looked at
	 * again only for her changes waiting as a page opens, and any of those in it were waiting, and
	 * told, when it came. Found in review: cut at each note, the deletes told past 100 at once
	 * were told again by the page's second look, once the server answered.
	 */
	looked(keys: string[], standing: Set<string>): void {
		const kept = this.#read();
		const seen = [...new Set([...kept.seen, ...keys])]
			.filter((key) => standing.has(key))
			.map((key, i) => ({ key, i, at: timeOfKey(key) }))
			.sort((a, b) => a.at - b.at || a.i - b.i)
			.slice(-MAX_DELETES_KEPT)
			.map(({ key }) => key);
		this.#write({ arrived: {}, seen });
	}
}

/** How soon after a colleague's delete reaches an open page its arrival is forgotten. */
export const LOOK_WHILE_OPEN_MS = 1_000;

/**
 * For a page of the list open (and done with its look as it opened, `DeletedWorkLog.looked`):
 * forgets the arrivals `recordDeletes` notes of the deletes that come, a moment after, since the
 * page looks at them as they come (`watchDeletedWork`, `watchDeletedColumnWork`). Found in review:
 * with the page open all day, more than `MAX_DELETES_KEPT` deletes came, the earliest were kept in
 * one record whose window starts at the first of them (`Overflow`), and the reload in the evening
 * told her of a call she had logged hours before a delete, on the server, seen by the colleague.
 * Returns the function that stops it.
 */
export function lookWhileOpen(sheet: Sheet, log: DeletedWorkLog): () => void {
	const doc = sheet.doc;
	// (Typed for the transaction's maps, keyed by any type of the doc.)
	const columns = doc.getMap('columns') as never;
	const deleted = doc.getMap('deleted') as never;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const onTransaction = (tr: Y.Transaction) => {
		if (tr.local || timer !== null) return;
		if (![columns, deleted].some((map) => tr.changed.has(map) || tr.changedParentTypes.has(map)))
			return;
		// After `recordDeletes` has noted it (its listener may come after this one).
		timer = setTimeout(() => {
			timer = null;
			log.forgetArrivals();
		}, LOOK_WHILE_OPEN_MS);
	};
	doc.on('afterTransaction', onTransaction);
	return () => {
		doc.off('afterTransaction', onTransaction);
		if (timer !== null) clearTimeout(timer);
	};
}

/**
 * Notes in `log` each colleague's delete of columns or rows as it reaches this doc (`Sheet`-less:
 * the list of sheets opens a list only to send what a closed tab left), with the moment and since
 * when her changes had waited then, so that a page of the list opened later can tell her
 * (`deletedColumnWorkOnLoad`, `deletedRowWorkOnLoad`). Returns the unsubscribe.
 */
export function recordDeletes(
	doc: Y.Doc,
	sync: SyncSource,
	log: DeletedWorkLog,
	now: () => number = Date.now
): () => void {
	const tracker = trackUnseen(sync, now);
	// (Typed for the transaction's maps, keyed by any type of the doc.)
	const columns = doc.getMap('columns') as never;
	let before = columnDeletes(doc);
	const onTransaction = (tr: Y.Transaction) => {
		if (!tr.changed.has(columns) && !tr.changedParentTypes.has(columns)) return;
		const was = before;
		before = columnDeletes(doc);
		// Her own, from this tab.
		if (tr.local) return;
		let window: UnseenWindow | null = null;
		// A column shown until now: not one that came deleted (the browser's copy read in, or a
		// list received for the first time, holds every earlier delete).
		for (const [column, deleted] of before)
			if (deleted && was.get(column) === 0)
				log.arrived(deleteKey(column, deleted), (window ??= tracker.unseen()));
	};
	doc.on('afterTransaction', onTransaction);
	// Rows: one note per delete (its moment), however many rows it took.
	const deleted = doc.getMap<unknown>('deleted');
	const chunks = doc.getMap<unknown>('chunks');
	const onRows = (event: Y.YMapEvent<unknown>) => {
		if (event.transaction.local) return;
		const found = rowDeletesIn(chunks, event);
		if (found.size === 0) return;
		const window = tracker.unseen();
		for (const at of found) log.arrived(rowsDeleteKey(at), window);
	};
	deleted.observe(onRows);
	return () => {
		doc.off('afterTransaction', onTransaction);
		deleted.unobserve(onRows);
		tracker.stop();
	};
}

/**
 * Her work in columns a colleague deleted, that a page of the list opened now is to tell her of
 * (the page tells of the deletes that come while it is open, `watchDeletedColumnWork`):
 * - a delete that reached this browser while no page of the list was open (the list of sheets
 *   sent her changes and took the delete in), by the rules above at the moment it came, as
 *   `log` kept it;
 * - her changes that waited for the server when the page was opened (`since`): the colleague
 *   deleted the column before they reached the server, whenever that was (a list received
 *   before the browser's copy was read: a big one, `LOCAL_LOAD_WAIT_MS`).
 * Never a delete of hers, nor one she has been told of (`log`). Returns the work, and the
 * deletes looked at (for `DeletedWorkLog.looked` once the server has answered).
 */
export function deletedColumnWorkOnLoad(
	sheet: Sheet,
	log: DeletedWorkLog,
	since: number | null
): { work: DeletedColumnWork[]; looked: string[] } {
	const me = sheet.history.author.id;
	const seen = log.seen();
	const arrivals = log.arrivals();
	const gone = new Map<string, DeletedColumn>();
	const windows = new Map<string, (time: number) => boolean>();
	const looked: string[] = [];
	for (const column of sheet.deletedColumns()) {
		const key = deleteKey(column.id, column.deleted);
		if (seen.has(key) || column.by?.id === me) continue;
		looked.push(key);
		const unseen = unseenOnLoad(arrivals.get(key), since);
		if (!unseen) continue;
		gone.set(column.id, column);
		windows.set(column.id, unseen);
	}
	if (gone.size === 0) return { work: [], looked };
	const work = herWorkIn(sheet, gone, (column) => windows.get(column) ?? (() => false));
	return { work, looked };
}

/**
 * Whether her change made at a time is one the colleague could not have seen, for a delete a
 * page opened now looks into: by the moment it reached this browser (`arrival`, as the log kept
 * it), or because it waited for the server when the page was opened (`since`); null when
 * neither applies.
 */
function unseenOnLoad(
	arrival: UnseenWindow | undefined,
	since: number | null
): ((time: number) => boolean) | null {
	const tests = [
		...(arrival ? [unseenIn(arrival)] : []),
		...(since !== null ? [unseenIn({ at: null, since })] : [])
	];
	return tests.length ? (time) => tests.some((unseen) => unseen(time)) : null;
}

/**
 * Rows a colleague deleted with her work in them, that a page of the list opened now is to tell
 * her of (the page tells of the deletes that come while it is open, `watchDeletedWork`), by the
 * same two windows as `deletedColumnWorkOnLoad`: the moment a delete reached this browser while
 * no page of the list was open, as `log` kept it, and her changes that waited when the page was
 * opened (`since`). One notice per colleague (her own deletes are never told), as one change of
 * theirs is told when it comes. Never a delete she has been told of. Returns the work, and the
 * deletes looked at (for `DeletedWorkLog.looked` once the server has answered).
 */
export function deletedRowWorkOnLoad(
	sheet: Sheet,
	log: DeletedWorkLog,
	since: number | null
): { work: DeletedWork[]; looked: string[] } {
	const me = sheet.history.author.id;
	const seen = log.seen();
	const arrivals = log.arrivals();
	const looked = new Set<string>();
	/** A delete to look into (its moment) → whether her change at a time is one unseen. */
	const windows = new Map<number, (time: number) => boolean>();
	/** Each deleted row → its delete's moment. */
	const deletedAt = new Map<string, number>();
	// Oldest first: the log keeps the latest deletes looked at.
	for (const { id, deleted } of sheet.deletedRows().reverse()) {
		const at = Number(deleted) || 0;
		const key = rowsDeleteKey(at);
		if (seen.has(key)) continue;
		deletedAt.set(id, at);
		if (looked.has(key)) continue;
		looked.add(key);
		const unseen = unseenOnLoad(arrivals.get(key), since);
		if (unseen) windows.set(at, unseen);
	}
	if (windows.size === 0) return { work: [], looked: [...looked] };
	// The rows where she wrote in one of those windows: her entries, read once (a row's own
	// history is read only for those, to say who deleted it).
	const candidates = new Set<string>();
	for (const entry of sheet.history.entries()) {
		if (entry.by !== me || entry.u) continue;
		for (const [rowId] of entry.cells ?? []) {
			const test = windows.get(deletedAt.get(rowId) ?? 0);
			if (test?.(entry.t)) candidates.add(rowId);
		}
	}
	const rows = [...candidates].slice(0, MAX_ROWS_LOOKED_AT);
	const found = herDeletedRows(
		sheet,
		rows,
		(rowId) => windows.get(deletedAt.get(rowId) ?? 0) ?? (() => false)
	);
	const byColleague = new Map<string, DeletedWork>();
	for (const { rowId, byId, by } of found) {
		let work = byColleague.get(byId);
		if (!work) byColleague.set(byId, (work = { rows: [], by, deleted: [] }));
		work.rows.push(rowId);
		const at = deletedAt.get(rowId) ?? 0;
		if (!work.deleted.includes(at)) work.deleted.push(at);
	}
	return { work: [...byColleague.values()], looked: [...looked] };
}
