/**
 * A sheet (call list, request board, campaign…) inside its own Y.Doc.
 *
 * Layout (see DESIGN.md, measured in `bench/model.bench.ts`):
 * - `chunks`: Y.Map<chunkId, Uint8Array> — rows written together (an import, a paste, one
 *   added row) as ONE immutable value: a header line `[sortKey, rowCount, [colIds]]` in JSON, a
 *   newline, then the rows (`chunk-codec.ts`: Windows-1251, or UTF-8 when a character is not
 *   in it, with separators; newlines inside cells are not escaped, but the header's newline is
 *   the first). Chunks written before 2026-12 are
 *   strings: the same header line, then the rows as JSON `[[cells]]`; both are read. A
 *   100,000-row import is ~100 Yjs items instead of
 *   1.2 million; loading reads only the headers and a chunk's rows are parsed the first time
 *   one of them is read. A row's id is `<chunkId>.<index base 36>`: random, never a position
 *   in the sheet, and it finds its chunk without a per-row index.
 * - `cells`: Y.Map<`<rowId>:<colId>`, string> — every later edit. A cell's value is the
 *   overlay's if present, else the chunk's. Two operators editing different cells of one row
 *   both keep their edits; the same cell gets the Yjs map winner on every replica.
 * - `deleted`: Y.Map<rowId, timestamp> — row tombstones; restore removes the key.
 *   Merge rule for "delete vs concurrent edit": the delete wins for visibility (the row is
 *   hidden on every replica) and the edit is kept in the overlay, so restoring the row brings
 *   it back with the colleague's edit. Nothing is lost.
 * - `columns`: Y.Map<colId, Y.Map> with title, type, order (sort key), width, deleted.
 *   Each field merges on its own: a rename and a concurrent move both survive.
 * - `imports`: Y.Map<importId, {at, rows}> — big imports are STAGED: their chunks (header
 *   `[sortKey, rowCount, [colIds], importId]`) are written in slices, built off the main thread
 *   (`staging.ts`), and stay invisible to everyone until one small transaction sets
 *   `imports[importId]`. So the page never freezes on one huge write, yet every operator sees
 *   the import appear at once, it is one undo step (undo deletes the key: the rows hide again),
 *   and a cancelled or interrupted import shows nothing.
 * - `history`: Y.Array of entries, one per change of cells or rows (see `history.ts`), written
 *   in the change's own transaction; `views`: Y.Map of named views (see `views.ts`).
 */
import * as Y from 'yjs';
import { readVarUint8Array } from 'lib0/decoding';
import {
	decodeHeader,
	decodeRows,
	encodeChunk,
	encodeChunkView,
	encodeChunkViewIfClean
} from './chunk-codec';
import {
	MAX_HISTORY_VALUE,
	SheetHistory,
	type Author,
	type CellChange,
	type ChangeParts,
	type HistoryEntry,
	type HistoryItem,
	readEntry
} from './history';
import { isValidId, newId, SHORT_ID_LENGTH } from './ids';
import { cleanLabel } from '../values/clean';
import { AREA_CODE } from '../values/phone';
import { compareByKey, keyBetween } from './order';
import {
	cleanOptions,
	mergeOptions,
	readOptions,
	readRenames,
	writeOptions,
	writeRenames,
	type ChoiceOption
} from './options';

export type { ChoiceOption } from './options';

export const COLUMN_TYPES = [
	'text',
	'longtext',
	'phone',
	'date',
	'datetime',
	'number',
	'choice',
	'checkbox',
	'person'
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Column {
	id: string;
	title: string;
	type: ColumnType;
	order: string;
	width: number;
	options?: ChoiceOption[];
	/**
	 * A phone column's area code (`812`): local numbers typed, pasted or imported into it
	 * (`555-12-34`) are that city's. Kept when the type changes.
	 */
	areaCode?: string;
	/**
	 * The title as stored, when another column has it too (offline, both operators gave it) and
	 * `title` is the one this column shows, `title (n)` (see `distinguishTitles`).
	 */
	storedTitle?: string;
}

export interface NewColumn {
	/** A new id chosen beforehand (a staged import writes rows for columns it creates later). */
	id?: string;
	title: string;
	type?: ColumnType;
	width?: number;
	options?: ChoiceOption[];
	areaCode?: string;
}

/** A row as a plain object: `id` plus one string per column id that has a value. */
export type Row = { id: string } & Record<string, string>;

/**
 * What one transaction changed, in the terms of a grid: rows that appeared, rows whose cells
 * changed while visible, rows that disappeared (deleted or undone), and whether the column
 * definitions changed. Maps straight onto an AG Grid transaction.
 */
export interface SheetChange {
	added: string[];
	updated: string[];
	removed: string[];
	columns: boolean;
	/**
	 * True when the change was made through this model (this operator, this tab), her undo and
	 * redo included (found by exploration: her own Ctrl+Z was told as a colleague's change).
	 */
	local: boolean;
	origin: unknown;
}

/** A deleted column, for restore (`Sheet.deletedColumns`). */
export interface DeletedColumn {
	id: string;
	title: string;
	/** When it was deleted (ms). */
	deleted: number;
	/** Who deleted it, when the delete says so. */
	by: Author | null;
}

/** `deletedBy` of a column deleted at `deleted`, checked: it comes from other replicas too. */
function readDeletedBy(value: unknown, deleted: unknown): Author | null {
	if (!value || typeof value !== 'object') return null;
	const { id, name, at } = value as Record<string, unknown>;
	if (typeof id !== 'string' || typeof name !== 'string' || at !== deleted) return null;
	return { id: id.slice(0, 80), name: cleanLabel(name).slice(0, 60) };
}

export const DEFAULT_COLUMN_WIDTH = 160;
/** Rows per chunk in bulk inserts: big enough to keep item counts tiny, small enough to merge. */
export const CHUNK_ROWS = 1000;
/** Longest title a sheet or column may have. */
export const MAX_TITLE_LENGTH = 120;
/** Longest value one cell may hold (a long note is a few thousand characters). */
export const MAX_CELL_LENGTH = 100_000;

/** What an import notes of itself as it is committed (`Sheet.commitImport`). */
export interface ImportNote {
	/** Who imported. */
	by?: Author;
	/** The file, as picked: its name and size in bytes. */
	file?: { name: string; size: number };
	/** «Пропустить повторы» ('skip'), «Дополнить» ('update') or «Добавить все строки» ('keep'). */
	policy?: 'skip' | 'update' | 'keep';
}

/** A committed import of a list (`Sheet.imports`). */
export interface ImportInfo extends ImportNote {
	id: string;
	/** When it was committed (ms, the committing browser's clock). */
	at: number;
	rows: number;
	/**
	 * The imports of the list it was committed knowing of (the newest `MAX_KNOWN_IMPORTS`); none
	 * for an import by an older version.
	 */
	known?: string[];
}

/** How many of the list's imports an import notes as known (`ImportInfo.known`). */
export const MAX_KNOWN_IMPORTS = 200;

/** Origin of the staged slices of an import: never an undo step of their own. */
export const STAGING_ORIGIN = Object.freeze({ staging: true });

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => void;

/**
 * Reads an update as Yjs's own decoder does, except that a chunk's bytes (a `ContentBinary`) are
 * a view of the update, not a copy: for a staged slice (`applyStaged`), which nothing changes
 * after it is made (the worker hands it over; the page's store and the relay's provider only
 * read it) and whose bytes are nearly all chunks. Yjs's copies of them cost a 100,000-row import
 * 18 MB of new memory and its filling, about 10 ms plus the collections they bring on
 * (`node bench/run.js model`, profiled).
 */
class ViewDecoder extends Y.UpdateDecoderV1 {
	readBuf(): Uint8Array {
		return readVarUint8Array(this.restDecoder);
	}
}

/** Whether a transaction changed the doc: what Yjs asks before it tells of an update. */
function changedAnything(tr: Y.Transaction): boolean {
	if (tr.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of tr.afterState)
		if (tr.beforeState.get(client) !== clock) return true;
	return false;
}
/** Origin of the repair of a column an undo left without a field (see `#repairColumns`). */
const REPAIR_ORIGIN = Object.freeze({ repair: true });
/**
 * Origin of a value written again because it is the later of two written at once
 * (`#laterLostCells`). Not `local` in a change: it is a colleague's value, and the operator
 * whose value it replaces is told as of any colleague's.
 */
const LATER_ORIGIN = Object.freeze({ later: true });
/** Yjs's own map of a Y.Map's entries: the current item of each key (who wrote it, its left). */
const entriesOf = (map: object) => (map as { _map: Map<string, Y.Item> })._map;
/** A value written at the same time as another stays over it when this much later (ms). */
export const LATER_BY_MS = 1_000;
/** How far back through a cell's values a race is looked for (one entry per change of it). */
const MAX_RACE_WALK = 1_000;
/** A history value cut to its limit (`…` at the end): not the value itself. */
const isCut = (value: string) => value.length >= MAX_HISTORY_VALUE && value.endsWith('…');
/** What every column definition holds; an undo can leave one of them unset. */
const COLUMN_FIELDS = ['title', 'type', 'order'] as const;
type ColumnField = (typeof COLUMN_FIELDS)[number];
/** The title of a column whose title was lost before this replica ever saw it. */
const UNTITLED_COLUMN = 'Столбец';
interface Chunk {
	id: string;
	order: string;
	count: number;
	cols: string[];
	/** Parsed on first use (see `#rowsOf`). */
	colIndex: Map<string, number> | null;
	rows: string[][] | null;
	/** The stored chunk until its rows are read. */
	raw: StoredChunk | null;
	/** The staged import this chunk belongs to; visible only once that import is committed. */
	importId: string | null;
	/** When a staged chunk was written (ms since 1970; 0 when unknown). */
	stagedAt?: number;
	/** Its row ids, made on first use (`idsOf`). */
	ids?: string[];
}

export class ModelError extends Error {
	constructor(
		readonly code:
			'empty-title' | 'unknown-column' | 'unknown-row' | 'bad-type' | 'too-long' | 'bad-area-code',
		message: string
	) {
		super(message);
		this.name = 'ModelError';
	}
}

/** Trim and collapse whitespace; throws `ModelError('empty-title')` when nothing is left. */
export function normalizeTitle(title: string): string {
	const clean = cleanLabel(String(title ?? ''));
	if (!clean) throw new ModelError('empty-title', 'The title is empty');
	return clean.slice(0, MAX_TITLE_LENGTH);
}

/** What makes two titles the same one: spaces and case aside (`ФИО`, ` фио `). */
export function titleKey(title: string): string {
	return cleanLabel(title).toLocaleLowerCase('ru');
}

/**
 * `title`, or `title (2)`, `title (3)`… — the first whose `titleKey` is not in `taken` (which
 * it joins), cut to `MAX_TITLE_LENGTH` with the number kept: two columns of one title cannot be
 * told apart in a filter, a view, an export or an import.
 */
export function uniqueTitle(title: string, taken: Set<string>): string {
	const base = cleanLabel(title);
	let free = base.slice(0, MAX_TITLE_LENGTH);
	for (let n = 2; taken.has(titleKey(free)); n++) {
		const suffix = ` (${n})`;
		free = base.slice(0, MAX_TITLE_LENGTH - suffix.length).trimEnd() + suffix;
	}
	taken.add(titleKey(free));
	return free;
}

/**
 * Titles are unique when given (`uniqueTitle`), but operators offline can give two columns one
 * title; after the merge, the column with the lower id keeps it and the others show the next
 * free `title (n)`, the same on every replica and unchanged by a move. Saving such a column in
 * its dialog stores the title shown.
 */
function distinguishTitles(columns: Column[]) {
	const taken = new Set(columns.map((c) => titleKey(c.title)));
	if (taken.size === columns.length) return;
	const kept = new Set<string>();
	for (const column of [...columns].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		const key = titleKey(column.title);
		if (kept.has(key)) {
			column.storedTitle = column.title;
			column.title = uniqueTitle(column.title, taken);
		}
		kept.add(titleKey(column.title));
	}
}

/**
 * The ends of row ids (`.0`, `.1` … `.rr`) of a chunk's first `CHUNK_ROWS` rows, made once: an
 * import's 100,000 row ids each made its end anew (`index.toString(36)`, and a string more
 * joined), 6–30 ms and twice the new memory of the commit (`node bench/run.js model`, profiled).
 */
const ROW_ENDS = Array.from({ length: CHUNK_ROWS }, (_, i) => `.${i.toString(36)}`);

function rowIdOf(chunkId: string, index: number): string {
	return chunkId + (index < ROW_ENDS.length ? ROW_ENDS[index] : `.${index.toString(36)}`);
}

/** A chunk's row ids, in order: made once, reused by every listing of the rows. */
function idsOf(chunk: Chunk): string[] {
	if (!chunk.ids) {
		chunk.ids = new Array<string>(chunk.count);
		for (let i = 0; i < chunk.count; i++) chunk.ids[i] = rowIdOf(chunk.id, i);
	}
	return chunk.ids;
}

function cellKey(rowId: string, colId: string): string {
	return `${rowId}:${colId}`;
}

/** What a chunk is stored as: bytes (`chunk-codec.ts`), or a string of JSON (before 2026-12). */
type StoredChunk = Uint8Array | string;

/**
 * Reads a stored chunk's header only; its rows stay as stored until first read. A value that is
 * not a chunk (not written by this code) is read as a chunk of no rows: the sheet still opens.
 */
function readChunk(id: string, stored: StoredChunk): Chunk {
	let header: unknown = null;
	try {
		header =
			typeof stored === 'string'
				? JSON.parse(stored.slice(0, stored.indexOf('\n')))
				: stored instanceof Uint8Array
					? decodeHeader(stored)
					: null;
	} catch {
		header = null;
	}
	const [order, count, cols, importId, stagedAt] = Array.isArray(header) ? header : [];
	const valid =
		typeof order === 'string' &&
		Number.isSafeInteger(count) &&
		count >= 0 &&
		Array.isArray(cols) &&
		cols.every((c) => typeof c === 'string');
	if (!valid) console.warn(`sheet: chunk ${id} is not a chunk; read as empty`);
	return {
		id,
		order: valid ? order : '',
		count: valid ? (count as number) : 0,
		cols: valid ? (cols as string[]) : [],
		colIndex: null,
		rows: valid ? null : [],
		raw: valid ? stored : null,
		importId: typeof importId === 'string' ? importId : null,
		stagedAt: typeof stagedAt === 'number' ? stagedAt : 0
	};
}

/**
 * A cell's value as the overlay holds it: the text as stored. Another client may have written
 * any value (Yjs takes numbers, objects, arrays): a number or a yes/no is read as its text,
 * anything else as empty, so the grid and every check that reads cells as text go on (before,
 * one such cell threw at every drawing of its row).
 */
function cellText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

/** The largest time a JavaScript `Date` holds (±100,000,000 days from 1970). */
const MAX_TIME = 8.64e15;

/**
 * A moment a `Date` can show, as another client wrote it: a number of milliseconds, not a text,
 * NaN or beyond `MAX_TIME` (Yjs takes any value; such a moment threw where it was shown).
 */
export function isMoment(value: unknown): value is number {
	return typeof value === 'number' && Math.abs(value) <= MAX_TIME;
}

/** A column's type as stored; an unknown one (a newer version's, or garbage) is shown as text. */
function columnType(type: string | undefined): ColumnType {
	return (COLUMN_TYPES as readonly string[]).includes(type ?? '') ? (type as ColumnType) : 'text';
}

/** A chunk as stored; with `importId`, a chunk of a staged import (see `imports`). */
export function writeChunk(
	order: string,
	cols: string[],
	rows: string[][],
	importId?: string,
	stagedAt = Date.now()
): Uint8Array {
	const header = importId
		? [order, rows.length, cols, importId, stagedAt]
		: [order, rows.length, cols];
	return encodeChunk(header, rows, cols.length);
}

/**
 * `writeChunk` of a staged import's chunk, written at `start` of the encoder's buffer and given as
 * a view of it (`encodeChunkView`): valid only until the next chunk written over it. The rows as
 * they come: written as `cleanRows` makes them (throws `ModelError('too-long')` as it does).
 */
export function writeStagedChunk(
	order: string,
	cols: string[],
	rows: unknown[][],
	importId: string,
	start: number,
	stagedAt = Date.now()
): Uint8Array {
	const header = [order, rows.length, cols, importId, stagedAt];
	return (
		encodeChunkViewIfClean(header, rows, cols.length, start, MAX_CELL_LENGTH) ??
		encodeChunkView(header, cleanRows(rows, cols.length), cols.length, start)
	);
}

function rowsOf(chunk: Chunk): string[][] {
	if (chunk.rows === null) {
		const raw = chunk.raw ?? '';
		chunk.rows =
			typeof raw === 'string'
				? (JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as string[][])
				: decodeRows(raw, chunk.count, chunk.cols.length);
		chunk.raw = null;
	}
	return chunk.rows;
}

function colIndexOf(chunk: Chunk): Map<string, number> {
	if (chunk.colIndex === null) {
		chunk.colIndex = new Map();
		chunk.cols.forEach((c, i) => chunk.colIndex?.set(c, i));
	}
	return chunk.colIndex;
}

/**
 * Rows as string cells, one per column. Rows that already are exactly that (a parsed CSV) are
 * taken as they are, without a copy: they become the sheet's and must not be changed after.
 */
export function cleanRows(rows: unknown[][], width: number): string[][] {
	const out: string[][] = new Array(rows.length);
	for (let r = 0; r < rows.length; r++) {
		const row = rows[r];
		let ok = row.length === width;
		for (let j = 0; ok && j < width; j++) {
			const v = row[j];
			ok = typeof v === 'string' && v.length <= MAX_CELL_LENGTH;
		}
		out[r] = ok ? (row as string[]) : Array.from({ length: width }, (_, j) => toCell(row[j]));
	}
	return out;
}

function toCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const s = typeof value === 'string' ? value : String(value);
	if (s.length > MAX_CELL_LENGTH) {
		throw new ModelError('too-long', `A cell holds at most ${MAX_CELL_LENGTH} characters`);
	}
	return s;
}

/** Whether `item` holds the struct `id` (deleted neighbours of one replica are merged). */
function holds(item: Y.Item, id: Y.ID): boolean {
	return (
		item.id.client === id.client &&
		id.clock >= item.id.clock &&
		id.clock < item.id.clock + item.length
	);
}

/** How far left of a cell's current value losers of a merge are looked for. */
const MAX_LOSER_WALK = 50;

/**
 * Whether `later` was written over `earlier`, directly or through values written over it (Yjs
 * keeps, for each value of a map key, the value it was written over: its `origin`, always left
 * of it). Not decided within the walk: taken as written over (nothing is repaired).
 */
function writtenOver(later: Y.Item, earlier: Y.Item): boolean {
	let item: Y.Item | null = later;
	let n = 0;
	while (item && n < MAX_RACE_WALK) {
		const origin: Y.ID | null = item.origin;
		if (!origin) return false;
		let parent: Y.Item | null = item.left;
		for (; parent && n < MAX_RACE_WALK && !holds(parent, origin); parent = parent.left) n++;
		if (!parent) return false;
		if (parent === earlier) return true;
		item = parent;
	}
	return true;
}

/**
 * When a cell got `value` (`changes`, its history newest first), and by whom: the newest change
 * to it. An undo that gave back a colleague's value, because the value it took back had raced that one
 * (both written over the same value: `#racedUndoneCells`), set nothing new: the time is the
 * colleague's change. Found in review: Анна took back, offline at 11:10, her call that had
 * raced Борис's «перезвонить» at 11:00, and her undo's «перезвонить» (his, given back) was
 * timed 11:10, later than his next call «дозвонились» at 11:05, which it replaced.
 */
function timeOfValue(
	changes: HistoryItem[],
	value: string
): { time: number; by: string } | undefined {
	for (const item of changes) {
		if (item.value !== value) continue;
		const by = item.author.id;
		if (item.undo !== 'undo') return { time: item.time, by };
		const hers = changes.find((i) => !i.undo && i.author.id === by && i.value === item.old);
		const theirs =
			hers &&
			changes.find((i) => !i.undo && i.author.id !== by && i.value === value && i.old === hers.old);
		if (!theirs) return { time: item.time, by };
		return { time: theirs.time, by: theirs.author.id };
	}
	return undefined;
}

/**
 * The newest change of a cell (`changes`, its history newest first) by another operator than
 * `by`, written over `old` (the value `by`'s change was written over, at the same time), and not
 * taken back by its operator since.
 */
function racedChange(changes: HistoryItem[], by: string, old: string): HistoryItem | undefined {
	return changes.find(
		(i) => !i.undo && i.author.id !== by && i.old === old && !takenBackSince(changes, i)
	);
}

/** Whether the operator of `change` took its value back since (an undo of hers from it). */
function takenBackSince(changes: HistoryItem[], change: HistoryItem): boolean {
	return changes.some(
		(u) =>
			u.undo === 'undo' &&
			u.author.id === change.author.id &&
			u.old === change.value &&
			u.time >= change.time
	);
}

/**
 * Whether `current`, a cell's value that came in `tr`, was written over a value already taken out
 * of the cell before it came, with nothing in its place (an undo of a value written over one
 * under the overlay, an imported one: the cell showed that one again): the undo and the value
 * written over hers met, as two values written at once do. Found in review: Анна's call over an
 * imported «Попытки» 3 (4), taken back offline (3, the import's), met Борис's call over her 4
 * (5): the cell kept 5 for his one call over 3, unseen by the merge (`Sheet.mergeCells`).
 */
function overTakenOut(current: Y.Item, tr: Y.Transaction): boolean {
	if (current.id.clock < (tr.beforeState.get(current.id.client) ?? 0)) return false;
	const origin = current.origin;
	if (!origin) return false;
	let item = current.left;
	for (let n = 0; item && n < MAX_LOSER_WALK && !holds(item, origin); n++) item = item.left;
	return item !== null && item.deleted && !Y.isDeleted(tr.deleteSet, item.id);
}

/** A map value's content as stored (a cell's string), or undefined once garbage-collected. */
function valueOf(item: Y.Item): unknown {
	const content = item.content as { getContent?(): unknown[] };
	return item.content instanceof Y.ContentAny ? content.getContent?.()[0] : undefined;
}

/**
 * A new list's doc is stamped by the browser that made it, so that even a list made with no
 * columns is not empty: an empty doc means nothing of the list has reached this browser yet
 * (the sheet page says so, rather than that the list has no columns).
 */
export function stampCreated(doc: Y.Doc, at = Date.now()): void {
	const meta = doc.getMap('meta');
	if (!meta.has('created')) meta.set('created', at);
}

/** Nothing of the list is in this doc: not even the stamp of the browser that made it. */
export function isEmptyDoc(doc: Y.Doc): boolean {
	return doc.store.clients.size === 0;
}

/**
 * When each column of a list's doc was deleted (0: it stands), read from the doc alone: the list
 * of sheets opens a list's doc only to send it, without the cost of a `Sheet` (see
 * `recordDeletes`).
 */
export function columnDeletes(doc: Y.Doc): Map<string, number> {
	const found = new Map<string, number>();
	doc.getMap<unknown>('columns').forEach((def, id) => {
		if (def instanceof Y.Map) found.set(id, Number(def.get('deleted')) || 0);
	});
	return found;
}

/**
 * When the rows a colleague's transaction deleted were deleted (each delete writes one moment for
 * all its rows), read from the doc alone as `columnDeletes` is: only rows shown until then, not
 * rows that came deleted with their chunk (the browser's copy read in, a list received for the
 * first time, holds every earlier delete). Call from an observer of the `deleted` map; `chunks`
 * is `doc.getMap('chunks')`, got before the doc is loaded (a root type first got later is another
 * object than the one the transaction names).
 */
export function rowDeletesIn(chunks: Y.Map<unknown>, event: Y.YMapEvent<unknown>): Set<number> {
	const found = new Set<number>();
	const cameNow = event.transaction.changed.get(chunks as never);
	const deleted = event.target as Y.Map<unknown>;
	for (const [rowId, { action }] of event.keys) {
		if (action !== 'add') continue;
		const chunkId = rowId.slice(0, rowId.lastIndexOf('.'));
		if (!chunks.has(chunkId) || cameNow?.has(chunkId)) continue;
		const at = Number(deleted.get(rowId));
		if (at > 0) found.add(at);
	}
	return found;
}

export class Sheet {
	readonly doc: Y.Doc;
	/** Transaction origin of this operator's writes (used by undo and by observers). */
	readonly origin: object;

	readonly #columns: Y.Map<unknown>;
	readonly #chunkMap: Y.Map<StoredChunk>;
	readonly #cellMap: Y.Map<string>;
	readonly #deletedMap: Y.Map<number>;
	readonly #importsMap: Y.Map<unknown>;
	/**
	 * What «Убрать повторы» decided (`import/twice.ts`): the rows it deleted, each with its pair,
	 * and the pairs of imports it dealt with. Written with the deletes, undone with them.
	 */
	readonly twiceNotes: Y.Map<unknown>;

	readonly #chunks = new Map<string, Chunk>();
	/** Chunks of staged imports not committed (yet): invisible. */
	readonly #staged = new Map<string, Chunk>();
	readonly #overlay = new Map<string, Map<string, string>>();
	readonly #deleted = new Set<string>();
	#order: string[] | null = null;
	#columnCache: Column[] | null = null;

	readonly #listeners = new Set<(change: SheetChange) => void>();
	/** Rows touched by the running transaction → whether they were visible before it. */
	#touched = new Map<string, boolean>();
	/** Chunks that appeared in the running transaction: all their rows are new. */
	#addedChunks: Chunk[] = [];
	/** Chunks this tab is writing, so the observer need not parse what it just wrote. */
	readonly #writing = new Map<string, Chunk>();
	#columnsTouched = false;
	readonly #cleanup: (() => void)[] = [];
	/** Who changed what and when (entries written with each change of this tab). */
	readonly history: SheetHistory;
	/**
	 * The values cells take when values written at the same time meet in them (none written over
	 * the other), in place of the later ones (`#laterLostCells`), one per cell asked: `null`
	 * leaves the later one. Asked once for all the cells a colleague's change brings together
	 * (an operator back online with 500 calls: one read of the history, not 500). Set by a call
	 * list for its «Попытки», a count (`mergedAttemptsOf` in `grid/call-log.ts`): two calls
	 * logged at once are two attempts, not the later one's count. It must give the same value on
	 * every replica from the same doc (its columns and history), so that repairs never take turns.
	 * Each cell comes with the values met in it (the one Yjs kept first): a call list keeps
	 * «нужна помощь» among them (`mergedCallCellsOf`).
	 */
	mergeCells:
		((cells: [rowId: string, colId: string, values: string[]][]) => (string | null)[]) | null =
		null;
	/**
	 * Cells to set along with this tab's undo or redo, in its history entry, from what Yjs's undo
	 * changed (`cells`, as the entry lists them): as `[rowId, colId, value]`. Set by a call list
	 * for its «Попытки» (`undoneAttemptsOf` in `grid/call-log.ts`): where a merge of calls logged
	 * at once (`mergeCells`) wrote the count over hers, Yjs's undo of her call leaves the count as
	 * it is, and the call taken back stayed counted.
	 */
	undoneCells:
		| ((
				cells: CellChange[],
				kind: 'undo' | 'redo'
		  ) => [rowId: string, colId: string, value: string][])
		| null = null;
	/**
	 * The columns whose cells in one row are one record, which a redo leaves whole to a
	 * colleague who wrote in it since the undo (`beforeRedo`). Set by a call list: a call's
	 * result and what it logs (`callColumns` in `grid/call-log.ts`). Elsewhere each cell is
	 * redone where nobody wrote over it.
	 */
	boundColumns: (() => string[]) | null = null;
	/** Undo managers made by `createUndoManager`: their undos and redos are recorded too. */
	readonly #undoManagers = new WeakSet<Y.UndoManager>();
	/** What the running undo or redo transaction changed, for its history entry. */
	#undone: Required<ChangeParts> | null = null;
	/**
	 * The last two values of each column's title, type and order seen set, earlier one first
	 * (see `#repairColumns`).
	 */
	readonly #knownColumns = new Map<string, Partial<Record<ColumnField, [string, string]>>>();
	/**
	 * The values the running undo's repair wrote (a colleague's value given back, a count), for
	 * the redo to take away (`createUndoManager`), each with the item it wrote over where that
	 * was a call's value written back (`#writtenBackCells`), for the redo to bring back.
	 */
	#undoRepair: [key: string, clock: number, shown?: Y.ID][] | null = null;
	/** The running transaction is an undo or redo of this tab that changed the columns. */
	#columnsUndone = false;
	/**
	 * Cells a colleague's undo, its history entry arrived in the running transaction, set to a
	 * value that does not show (his undo's value lost to a merge's).
	 */
	#undoneLost: [rowId: string, colId: string][] = [];
	/** The cells of a colleague's undo, its history entry arrived in the running transaction. */
	#undoneRaced: [...CellChange, by: string, at: number][] = [];

	constructor(doc: Y.Doc, options: { origin?: object; author?: Author } = {}) {
		this.doc = doc;
		this.origin = options.origin ?? { sheet: true };
		this.history = new SheetHistory(doc);
		if (options.author) this.history.author = options.author;
		this.#columns = doc.getMap('columns');
		this.#chunkMap = doc.getMap('chunks');
		this.#cellMap = doc.getMap('cells');
		this.#deletedMap = doc.getMap('deleted');
		this.#importsMap = doc.getMap('imports');
		this.twiceNotes = doc.getMap('twice');

		this.#chunkMap.forEach((stored, id) => {
			const chunk = readChunk(id, stored);
			(this.#live(chunk) ? this.#chunks : this.#staged).set(id, chunk);
		});
		this.#cellMap.forEach((value, key) => this.#setOverlay(key, value));
		this.#deletedMap.forEach((_, rowId) => this.#deleted.add(rowId));

		const onChunks = (event: Y.YMapEvent<StoredChunk>) => {
			const undone = this.#undoneIn(event.transaction);
			event.changes.keys.forEach((change, id) => {
				const old = this.#chunks.get(id);
				if (undone && old && change.action === 'delete') undone.drop.push([id, old.count]);
				if (old) {
					for (const rowId of idsOf(old)) this.#touch(rowId);
					this.#chunks.delete(id);
				}
				this.#staged.delete(id);
				if (change.action !== 'delete') {
					const stored = this.#chunkMap.get(id);
					if (stored === undefined) return;
					const chunk = this.#writing.get(id) ?? readChunk(id, stored);
					if (!this.#live(chunk)) {
						this.#staged.set(id, chunk);
						if (old) this.#order = null;
						return;
					}
					this.#chunks.set(id, chunk);
					if (old) for (const rowId of idsOf(chunk)) this.#touch(rowId);
					else this.#addedChunks.push(chunk);
					if (undone && !old) undone.add.push([id, chunk.count]);
				}
			});
			this.#order = null;
		};
		const onCells = (event: Y.YMapEvent<string>) => {
			const undone = this.#undoneIn(event.transaction);
			event.changes.keys.forEach((change, key) => {
				const sep = key.indexOf(':');
				const rowId = key.slice(0, sep);
				this.#touch(rowId);
				const old = undone ? this.getCell(rowId, key.slice(sep + 1)) : '';
				if (change.action === 'delete') this.#deleteOverlay(key);
				else this.#setOverlay(key, this.#cellMap.get(key) ?? '');
				if (undone) {
					const value = this.getCell(rowId, key.slice(sep + 1));
					if (value !== old) undone.cells.push([rowId, key.slice(sep + 1), old, value]);
				}
			});
		};
		const onDeleted = (event: Y.YMapEvent<number>) => {
			const undone = this.#undoneIn(event.transaction);
			event.changes.keys.forEach((change, rowId) => {
				this.#touch(rowId);
				if (undone) (change.action === 'delete' ? undone.res : undone.del).push(rowId);
				if (change.action === 'delete') this.#deleted.delete(rowId);
				else this.#deleted.add(rowId);
			});
			this.#order = null;
		};
		const onImports = (event: Y.YMapEvent<unknown>) => {
			const undone = this.#undoneIn(event.transaction);
			event.changes.keys.forEach((change, importId) => {
				if (change.action === 'delete') {
					// Undo of an import (or a colleague's): its rows hide again.
					for (const chunk of [...this.#chunks.values()]) {
						if (chunk.importId !== importId) continue;
						for (const rowId of idsOf(chunk)) this.#touch(rowId);
						this.#chunks.delete(chunk.id);
						this.#staged.set(chunk.id, chunk);
						undone?.drop.push([chunk.id, chunk.count]);
					}
				} else {
					for (const chunk of [...this.#staged.values()]) {
						if (chunk.importId !== importId) continue;
						this.#staged.delete(chunk.id);
						this.#chunks.set(chunk.id, chunk);
						this.#addedChunks.push(chunk);
						undone?.add.push([chunk.id, chunk.count]);
					}
				}
			});
			this.#order = null;
		};
		const onColumns = (_: unknown, tr: Y.Transaction) => {
			this.#columnCache = null;
			this.#columnsTouched = true;
			if (tr.origin instanceof Y.UndoManager && this.#undoManagers.has(tr.origin))
				this.#columnsUndone = true;
			this.#knowColumns();
		};
		this.#knowColumns();
		const afterTransaction = (tr: Y.Transaction) => {
			this.#flush(tr);
			const writtenBack = this.#writtenBackCells(tr);
			const raced = [...this.#racedUndoneCells(tr), ...writtenBack];
			const counted = this.#undoneCounts(tr);
			this.#recordUndone(tr);
			if (raced.length || counted.length) {
				// The colleagues' values given back first, noted for the redo to take away
				// (`beforeRedo`); a count the redo sets itself (`undoneCells`). Where the undo
				// wrote over the call's value written back (`#writtenBackCells`), Yjs's undo
				// took nothing of that cell: the value written over is noted for the redo to
				// bring back.
				const own = this.doc.clientID;
				const given: [string, number, Y.ID?][] = [];
				const cells = entriesOf(this.#cellMap);
				const fromWrittenBack = new Set(writtenBack);
				this.doc.transact(() => {
					for (const cell of raced) {
						const [rowId, colId, value] = cell;
						const key = cellKey(rowId, colId);
						const shown = fromWrittenBack.has(cell) ? cells.get(key) : undefined;
						// Kept whole (not collected as a value written over) for the redo to copy.
						if (shown) shown.keep = true;
						const clock = Y.getState(this.doc.store, own);
						given.push(shown ? [key, clock, shown.id] : [key, clock]);
						this.#cellMap.set(key, value);
					}
					for (const [rowId, colId, value] of counted)
						this.#cellMap.set(cellKey(rowId, colId), value);
				}, REPAIR_ORIGIN);
				if (tr.origin instanceof Y.UndoManager && tr.origin.undoing && given.length)
					this.#undoRepair = given;
			}
			const later = [
				...this.#laterLostCells(tr),
				...this.#undoneRacedCells(),
				...this.#undoneLostCells()
			];
			if (later.length)
				this.doc.transact(() => {
					for (const [rowId, colId, value] of later)
						this.#cellMap.set(cellKey(rowId, colId), value);
				}, LATER_ORIGIN);
			if (this.#columnsUndone) {
				this.#columnsUndone = false;
				this.#repairColumns();
			}
		};

		const historyArray = doc.getArray('history');
		const onHistory = (event: Y.YArrayEvent<unknown>) => {
			if (event.transaction.local || !this.mergeCells) return;
			for (const item of event.changes.added)
				for (const value of item.content.getContent()) {
					const entry = readEntry(value);
					if (entry?.u !== 'undo') continue;
					for (const [rowId, colId, before, after] of entry.cells ?? []) {
						if (this.getCell(rowId, colId) !== after) this.#undoneLost.push([rowId, colId]);
						this.#undoneRaced.push([rowId, colId, before, after, entry.by, entry.t]);
					}
				}
		};
		historyArray.observe(onHistory);
		this.#cleanup.push(() => historyArray.unobserve(onHistory));
		this.#chunkMap.observe(onChunks);
		this.#cellMap.observe(onCells);
		this.#deletedMap.observe(onDeleted);
		this.#importsMap.observe(onImports);
		this.#columns.observeDeep(onColumns);
		doc.on('afterTransaction', afterTransaction);
		this.#cleanup.push(
			() => this.#chunkMap.unobserve(onChunks),
			() => this.#cellMap.unobserve(onCells),
			() => this.#deletedMap.unobserve(onDeleted),
			() => this.#importsMap.unobserve(onImports),
			() => this.#columns.unobserveDeep(onColumns),
			() => doc.off('afterTransaction', afterTransaction)
		);
	}

	/** Stop observing the doc (the doc itself is left alone). */
	destroy(): void {
		for (const fn of this.#cleanup.splice(0)) fn();
		this.#listeners.clear();
		this.history.destroy();
	}

	// ---------------------------------------------------------------- repair after an undo

	/** Note each column's title, type and order where they are set. */
	#knowColumns() {
		this.#forEachColumn((def, id) => {
			let known = this.#knownColumns.get(id);
			if (!known) this.#knownColumns.set(id, (known = {}));
			for (const field of COLUMN_FIELDS) {
				const value = def.get(field);
				if (typeof value !== 'string' || !value) continue;
				const seen = known[field];
				if (!seen) known[field] = [value, value];
				else if (seen[1] !== value) known[field] = [seen[1], value];
			}
		});
	}

	/**
	 * Yjs's undo of a column's rename (or move, or type change) deletes this operator's value and
	 * brings back the earlier one only if no colleague overwrote it meanwhile: when a colleague
	 * renamed the column at the same moment, the title was left unset (an empty header, a column
	 * that could not be moved). The replica that undid writes back the value it saw before the
	 * one undone, as an undo would have, in a transaction of its own, outside the undo scopes
	 * (the redo stack stays). Only that replica: a colleague's repair would race later changes
	 * it has not seen (a move made right after). Until the repair arrives, a colleague's
	 * `columns()` shows the last value it saw (see `#columnField`).
	 */
	#repairColumns() {
		const broken: [Y.Map<unknown>, ColumnField[], string][] = [];
		this.#forEachColumn((def, id) => {
			const missing = COLUMN_FIELDS.filter((f) => {
				const value = def.get(f);
				return typeof value !== 'string' || !value;
			});
			if (missing.length) broken.push([def, missing, id]);
		});
		if (!broken.length) return;
		this.doc.transact(() => {
			for (const [def, missing, id] of broken) {
				const known = this.#knownColumns.get(id) ?? {};
				for (const field of missing) {
					const before = known[field]?.[0];
					if (field === 'order') {
						const orders = this.columns()
							.map((c) => c.order)
							.filter(Boolean);
						def.set('order', before ?? keyBetween(orders[orders.length - 1] ?? null, null));
					} else if (field === 'type') def.set('type', before ?? 'text');
					else def.set('title', before ?? UNTITLED_COLUMN);
				}
			}
		}, REPAIR_ORIGIN);
	}

	/** A column's field as stored, else (an undo left it unset) the last value seen. */
	#columnField(def: Y.Map<unknown>, id: string, field: ColumnField): string | undefined {
		const value = def.get(field);
		return typeof value === 'string' && value ? value : this.#knownColumns.get(id)?.[field]?.[1];
	}

	// ---------------------------------------------------------------- history of undo

	/** The collector of the running transaction when it is an undo or redo of this tab. */
	#undoneIn(tr: Y.Transaction): Required<ChangeParts> | null {
		if (!(tr.origin instanceof Y.UndoManager) || !this.#undoManagers.has(tr.origin)) return null;
		this.#undone ??= { cells: [], add: [], drop: [], del: [], res: [] };
		return this.#undone;
	}

	/**
	 * An undo or redo is a change like any other and gets its own entry, written right after
	 * it (the undo manager runs its own transaction), outside every undo scope: undoing an edit
	 * never removes the edit's entry.
	 */
	/**
	 * Cells where the value this tab's undo takes back had won a race with a colleague's (both
	 * changed the cell at the same time), with the colleague's value: an undo never reverts a
	 * colleague's value, so theirs is what stays. Found by exploration: her «в работе» had won
	 * over «выполнена», and her Ctrl+Z left the cell empty for everyone (Yjs brings back the
	 * value before hers only where nobody wrote over it; theirs had lost).
	 *
	 * The race is read from Yjs itself: between her value and the value it was written over lies
	 * a value of another replica, written over the same one at the same time. Its text is gone
	 * from Yjs (a value that loses is garbage-collected) and is taken from the history: the
	 * newest colleague's change from the value hers replaced. None found, or cut there (over
	 * 1,000 characters), and the cell is left as Yjs's undo left it.
	 */
	#racedUndoneCells(tr: Y.Transaction): [string, string, string][] {
		const undone = this.#undone;
		if (!undone?.cells.length || !(tr.origin instanceof Y.UndoManager) || !tr.origin.undoing)
			return [];
		const entries = entriesOf(this.#cellMap);
		const raced: [string, string, string][] = [];
		for (const cell of undone.cells) {
			const [rowId, colId, before, after] = cell;
			if (!this.#lostRace(entries.get(cellKey(rowId, colId)), tr)) continue;
			const me = this.history.author.id;
			const changes = this.history.forCell(rowId, colId);
			const mine = changes.find((i) => !i.undo && i.author.id === me && i.value === before);
			if (!mine) continue;
			// Not one its operator took back since (found in review: Анна's call, raced by Борис's and
			// taken back, came back with his Ctrl+Z of his).
			const target = racedChange(changes, me, mine.old ?? '')?.value;
			if (target === undefined || target === after || isCut(target)) continue;
			cell[3] = target;
			raced.push([rowId, colId, target]);
		}
		return raced;
	}

	/**
	 * The other cells of a call (`boundColumns`) this tab's undo `tr` took part of back, where
	 * Yjs's undo did not reach them: the call's value shows there only as written back (by an
	 * undo in another tab or a replica's repair), its change still the cell's newest standing
	 * one. As `[rowId, colId, value]`: the value a colleague's change raced it with, else the
	 * value it was written over; added to the undo's entry. Never a count (`mergeCells`'s).
	 * Found in review: Борис's call in one tab, his next call in another taken back there, his
	 * next in the first taken back, then his Ctrl+Z of the first call emptied only «Оператор»,
	 * the result and «Дата звонка» staying (Yjs knows a value an undo wrote back only on the
	 * replica that wrote it); and by a fuzz: his offline call raced Анна's, taken back.
	 */
	#writtenBackCells(tr: Y.Transaction): [string, string, string][] {
		const undone = this.#undone;
		if (!undone?.cells.length || !(tr.origin instanceof Y.UndoManager) || !tr.origin.undoing)
			return [];
		const step = runningStep.get(tr.origin);
		const bound = new Set(this.boundColumns?.() ?? []);
		if (!step || bound.size === 0) return [];
		const written = new Set<string>();
		this.#structsIn(step.insertions, (struct) => {
			const key = struct instanceof Y.Item && struct.parent === this.#cellMap && struct.parentSub;
			if (key && bound.has(key.slice(key.indexOf(':') + 1))) written.add(key);
		});
		const taken = undone.cells.filter(([r, c]) => written.has(cellKey(r, c)));
		if (taken.length === 0) return [];
		// The step's change: her newest that gave each cell taken back the value taken back.
		const me = this.history.author.id;
		// Looked up by key, not by walking the entry for each cell: an undo of a paste of
		// thousands of a call list's cells took 90 ms more for those walks.
		const [r0, c0, before0] = taken[0];
		let change: HistoryEntry | undefined;
		for (const entry of this.history.entriesFor(new Set(taken.map(([r]) => r)))) {
			if (entry.by !== me || entry.u || !entry.cells) continue;
			if (!entry.cells.some(([r, c, , v]) => r === r0 && c === c0 && v === before0)) continue;
			const values = new Map(entry.cells.map(([r, c, , v]) => [cellKey(r, c), v]));
			const has = (r: string, c: string, v: string) => {
				const key = cellKey(r, c);
				return (
					values.get(key) === v ||
					entry.cells!.some(([r2, c2, , v2]) => r2 === r && c2 === c && v2 === v)
				);
			};
			if (taken.every(([r, c, before]) => has(r, c, before))) change = entry;
		}
		if (!change?.cells) return [];
		const undoneKeys = new Set(undone.cells.map(([r, c]) => cellKey(r, c)));
		const asked = change.cells.filter(
			([r, c, , value]) =>
				written.has(cellKey(r, c)) && !undoneKeys.has(cellKey(r, c)) && this.getCell(r, c) === value
		);
		if (asked.length === 0) return [];
		const merged =
			this.mergeCells?.(asked.map(([r, c, , value]) => [r, c, [value]])) ?? asked.map(() => null);
		const out: [string, string, string][] = [];
		asked.forEach(([rowId, colId, old, value], i) => {
			if ((merged[i] ?? null) !== null) return;
			const items = this.history.forCell(rowId, colId);
			const newest = items.find((i) => i.undo !== 'undo' && !takenBackSince(items, i));
			if (
				!newest ||
				newest.author.id !== me ||
				newest.time !== change.t ||
				newest.value !== value ||
				(newest.old ?? '') !== old
			)
				return;
			const target = racedChange(items, me, old)?.value ?? old;
			if (target === value || isCut(target)) return;
			out.push([rowId, colId, target]);
			undone.cells.push([rowId, colId, value, target]);
		});
		return out;
	}

	/**
	 * The cells `undoneCells` sets along with this tab's undo or redo `tr`, added to what its
	 * history entry lists (so a count read from the history, `mergeCells`, sees them set).
	 */
	#undoneCounts(tr: Y.Transaction): [string, string, string][] {
		const undone = this.#undone;
		if (!undone?.cells.length || !this.undoneCells || !(tr.origin instanceof Y.UndoManager))
			return [];
		if (tr.origin.undoing) this.#lostTypedCell(tr.origin, undone.cells);
		const out = this.undoneCells(undone.cells, tr.origin.undoing ? 'undo' : 'redo');
		for (const [rowId, colId, value] of out) {
			const listed = undone.cells.find(([r, c]) => r === rowId && c === colId);
			if (listed) listed[3] = value;
			else undone.cells.push([rowId, colId, this.getCell(rowId, colId), value]);
		}
		return out;
	}

	/**
	 * Her undo that took back some of a call's cells (`boundColumns`), its result having lost to
	 * a colleague's: the typed cell of the step's change (her result), as the undo's entry lists
	 * it when nothing of the step stands (`undoLost`), added to `cells` (the result taken back,
	 * the colleague's staying), so that her call leaves «Попытки» (`undoneCells`, and `kindsOf`
	 * on every replica). Found by R1's fuzz in review: Борис's «перезвонить» raced Анна's, hers
	 * was written over by her next call; his Ctrl+Z took back only his «Оператор» (hers the
	 * same name, never written again), and «Попытки» kept his call: 7 for 6.
	 */
	#lostTypedCell(undo: Y.UndoManager, cells: CellChange[]) {
		const step = runningStep.get(undo);
		const bound = new Set(this.boundColumns?.() ?? []);
		if (!step || bound.size === 0) return;
		const written = new Set<string>();
		this.#structsIn(step.insertions, (struct) => {
			const key = struct instanceof Y.Item && struct.parent === this.#cellMap && struct.parentSub;
			if (key && bound.has(key.slice(key.indexOf(':') + 1))) written.add(key);
		});
		const taken = cells.filter(([r, c]) => written.has(cellKey(r, c)));
		if (taken.length === 0) return;
		// The step's change: her newest that gave each cell taken back the value taken back.
		const me = this.history.author.id;
		let typed: CellChange | undefined;
		for (const entry of this.history.entriesFor(new Set(taken.map(([r]) => r)))) {
			if (entry.by !== me || entry.u || !entry.cells) continue;
			const all = taken.every(([r, c, before]) =>
				entry.cells!.some(([r2, c2, , v]) => r2 === r && c2 === c && v === before)
			);
			if (all) typed = entry.cells[0];
		}
		if (!typed) return;
		const [rowId, colId, , value] = typed;
		if (!written.has(cellKey(rowId, colId)) || cells.some(([r, c]) => r === rowId && c === colId))
			return;
		cells.unshift([rowId, colId, value, this.getCell(rowId, colId)]);
	}

	/**
	 * Cells where a colleague's transaction `tr` brought together values written at the same
	 * time (none written over the other), and the one that stays is not the latest: as
	 * `[rowId, colId, latest value]`, to be written again so the later change stays everywhere
	 * (or, where `mergeCells` gives a value for the cell, that value instead).
	 * Found by exploration: an operator offline logged «не дозвонились»; a colleague, online,
	 * called the same resident later and logged «дозвонились»; when the first came back online,
	 * Yjs kept her older value (values written at once are ordered by replica, not by time), and
	 * the resident counted as not reached.
	 *
	 * "Written over" follows Yjs's own record of what each value replaced, so a value written
	 * knowing another stays whatever the clocks say. Times are those of the values' changes in
	 * the history (each operator's clock: the newest change to that value). Values less than
	 * `LATER_BY_MS` apart (two keys pressed at once: which is later means nothing at that scale,
	 * nor across two laptops' clocks), or a time not found, leave Yjs's order. Any replica that
	 * sees it repairs it (the later writer may have closed her tab): every replica picks the
	 * same value, so repairs never take turns, and the write is not a change of anyone's in the
	 * history.
	 */
	#laterLostCells(tr: Y.Transaction): [string, string, string][] {
		if (tr.local) return [];
		const keys = tr.changed.get(
			this.#cellMap as unknown as Y.AbstractType<Y.YEvent<Y.Map<string>>>
		);
		if (!keys?.size) return [];
		const entries = entriesOf(this.#cellMap);
		const out: [string, string, string][] = [];
		const met: { rowId: string; colId: string; losers: Y.Item[]; gone: boolean }[] = [];
		for (const key of keys) {
			if (key === null) continue;
			const current = entries.get(key);
			if (!current) continue;
			// Values this transaction deleted (replaced or lost): written at once with the current
			// one unless it was written over them.
			let losers: Y.Item[] | null = null;
			let replaced = false;
			let item = current.left;
			for (let n = 0; item && n < MAX_LOSER_WALK; item = item.left, n++) {
				if (!Y.isDeleted(tr.deleteSet, item.id)) continue;
				replaced = true;
				if (!writtenOver(current, item)) (losers ??= []).push(item);
			}
			// The cell's value taken back (an undo) before the values that came met it, or with
			// them: they lost to nothing, and the latest of them stands (found in review, fault C:
			// Анна's call taken back offline, and Борис's unseen call, arriving, showed nothing;
			// and by a fuzz: her call and her undo reaching him in one update, as after a
			// reconnect, his call went, all of it or all but his «Оператор»).
			const gone = current.deleted;
			if (gone && !losers) continue;
			if (!losers && !replaced && overTakenOut(current, tr)) losers = [];
			if (!losers) continue;
			const sep = key.indexOf(':');
			met.push({ rowId: key.slice(0, sep), colId: key.slice(sep + 1), losers, gone });
		}
		if (met.length === 0) return out;
		// Each with the values met (the one kept first), the same on every replica.
		const merged =
			this.mergeCells?.(
				met.map(({ rowId, colId, losers }) => [
					rowId,
					colId,
					[
						this.getCell(rowId, colId),
						...losers.map(valueOf).filter((v): v is string => typeof v === 'string')
					]
				])
			) ?? [];
		met.forEach(({ rowId, colId, losers, gone }, i) => {
			const kept = this.getCell(rowId, colId);
			const mergedValue = merged[i] ?? null;
			if (mergedValue !== null) {
				if (mergedValue !== kept) out.push([rowId, colId, mergedValue]);
				return;
			}
			// An undo or redo is a change at its own time too (found in review), but a colleague's
			// value an undo gave back (hers had raced it) is the colleague's, at its own time.
			const changes = this.history.forCell(rowId, colId);
			const keptChange = gone ? undefined : timeOfValue(changes, kept);
			if (!gone && keptChange === undefined) return;
			// A value an undo of its writer took back since its time is no value to keep (found in
			// review: Борис's later call, written back by his replica, taken back by his Ctrl+Z
			// before Анна's replica heard of either, came back there over the value his undo gave).
			// Only its writer's: Анна's undo of her «перезвонить» is no undo of Борис's same
			// «перезвонить» logged unseen (found by a fuzz: his call arrived after her undo, and
			// the row kept his «Оператор» and «Дата звонка» with no result).
			const takenBack = (value: string, change: { time: number; by: string }) =>
				changes.some(
					(i) =>
						i.undo === 'undo' &&
						i.old === value &&
						i.time >= change.time &&
						i.author.id === change.by
				);
			let best: string | null = null;
			let bestAt =
				!keptChange || takenBack(kept, keptChange) ? -Infinity : keptChange.time + LATER_BY_MS;
			for (const loser of losers) {
				const value = valueOf(loser);
				if (typeof value !== 'string' || value === kept || isCut(value)) continue;
				const change = timeOfValue(changes, value);
				if (change !== undefined && change.time > bestAt && !takenBack(value, change)) {
					best = value;
					bestAt = change.time;
				}
			}
			if (best !== null) out.push([rowId, colId, best]);
		});
		return out;
	}

	/**
	 * Cells a colleague's undo, its history entry arrived in the running transaction, took her
	 * value out of while it had raced a value of another operator (both written over the same
	 * one, neither seeing the other): as `[rowId, colId, value]`, that operator's value, as her
	 * own replica's undo gives it (`#racedUndoneCells`), or her undo's value where his was taken
	 * back too. Only where her undo is the cell's newest change (but for other undos), the change
	 * before it hers, and the cell shows her value (written back by a replica as the later of the
	 * two, `#laterLostCells`) or her undo's; never a count (`mergeCells`'s). Found in review
	 * (fault C): Борис logged a call at 11:22,
	 * Анна hers at 11:33 unseen, and took hers back before they met; his replica wrote her call
	 * back as the later when it arrived, and her undo, arriving after, deleted only her value
	 * already lost: her taken-back «перезвонить» stood everywhere. The same on every replica,
	 * read from the history.
	 */
	#undoneRacedCells(): [string, string, string][] {
		const asked = this.#undoneRaced.splice(0);
		if (asked.length === 0) return [];
		// A count (`mergeCells` gives it a value) is the merge's, read again from the history.
		const merged =
			this.mergeCells?.(
				asked.map(([rowId, colId]) => [rowId, colId, [this.getCell(rowId, colId)]])
			) ?? [];
		const out: [string, string, string][] = [];
		asked.forEach(([rowId, colId, before, after, by, at], n) => {
			if ((merged[n] ?? null) !== null) return;
			const shown = this.getCell(rowId, colId);
			if ((shown !== before && shown !== after) || isCut(before)) return;
			const changes = this.history.forCell(rowId, colId);
			// Her undo, newest but for other undos; the change it took back, next.
			const undo = changes.findIndex(
				(i) =>
					i.undo !== 'undo' ||
					(i.author.id === by && i.time === at && i.old === before && i.value === after)
			);
			if (undo < 0 || changes[undo].undo !== 'undo') return;
			// A colleague's change between, taken back by him, is passed over (found in review:
			// Борис's call, unseen, after hers and taken back too: his replica wrote hers back as
			// the later, and her undo, arriving, left it standing, both calls taken back).
			const mine = changes
				.slice(undo + 1)
				.find((i) => !i.undo && (i.author.id === by || !takenBackSince(changes, i)));
			if (!mine || mine.author.id !== by || mine.value !== before) return;
			const theirs = racedChange(changes, by, mine.old ?? '');
			const target = theirs?.value ?? after;
			if (target !== shown && !isCut(target)) out.push([rowId, colId, target]);
		});
		return out;
	}

	/**
	 * Cells a colleague's undo, its history entry arrived in the running transaction, set to a
	 * value that does not show, where `mergeCells` (a call list's «Попытки») now gives another
	 * value: as `[rowId, colId, value]`. Found in review: Борис, offline, logged a call over an
	 * empty «Попытки» and took it back; Анна, unseen, logged hers; where his call reached her
	 * replica before his undo, the merge of the two counts wrote 2, his undo deleted only his
	 * value already lost, and «Попытки» stayed 2 for her one call. The count is read again from
	 * the history, his undo's entry in it leaving his call out (`kindsOf`), the same on every
	 * replica. Other cells (`mergeCells` gives `null`) are left as they are.
	 */
	#undoneLostCells(): [string, string, string][] {
		const asked = this.#undoneLost.splice(0);
		if (asked.length === 0 || !this.mergeCells) return [];
		const seen = new Set<string>();
		const cells = asked.filter(([rowId, colId]) => {
			const key = cellKey(rowId, colId);
			if (seen.has(key) || !this.#cellMap.has(key)) return false;
			seen.add(key);
			return true;
		});
		if (cells.length === 0) return [];
		const merged = this.mergeCells(
			cells.map(([rowId, colId]) => [rowId, colId, [this.getCell(rowId, colId)]])
		);
		const out: [string, string, string][] = [];
		cells.forEach(([rowId, colId], i) => {
			const value = merged[i] ?? null;
			if (value !== null && value !== this.getCell(rowId, colId)) out.push([rowId, colId, value]);
		});
		return out;
	}

	/**
	 * Whether the value of this replica that `tr` (an undo) deleted from the cell whose newest
	 * entry is `last` had been written at the same time as another replica's over the same value:
	 * between it and that value lies the other's (a few entries back at most: one per change).
	 */
	#lostRace(last: Y.Item | undefined, tr: Y.Transaction): boolean {
		const own = this.doc.clientID;
		let mine: Y.Item | null = null;
		for (let item = last ?? null, n = 0; item && n < MAX_RACE_WALK; item = item.left, n++) {
			if (item.id.client === own && Y.isDeleted(tr.deleteSet, item.id)) {
				mine = item;
				break;
			}
		}
		if (!mine) return false;
		// Back to the value hers was written over (none: the cell's first value in the overlay).
		const origin = mine.origin;
		for (let item = mine.left, n = 0; item && n < MAX_RACE_WALK; item = item.left, n++) {
			if (origin && item.id.client === origin.client && item.id.clock === origin.clock)
				return false;
			if (item.id.client !== own) return true;
		}
		return false;
	}

	#recordUndone(tr: Y.Transaction) {
		const undone = this.#undone;
		this.#undone = null;
		if (!undone || !(tr.origin instanceof Y.UndoManager)) return;
		// A cell given back a colleague's value equal to the one taken back stays in the entry
		// (a call list reads from it which call the undo took back: `kindsOf`); the history
		// shows no line for it (`History.forRow`).
		const kind = tr.origin.undoing ? 'undo' : 'redo';
		this.doc.transact(() => this.history.record(undone, kind), this.history.origin);
	}

	/**
	 * Her undo of a step Yjs found nothing to take back in (`insertions`, what the step wrote):
	 * every value it wrote had lost to a colleague's written at the same time. Two cases, read
	 * from her newest change of each of the step's cells in the history (Yjs keeps no lost value):
	 * - her value shows only because a replica wrote it back (the later of two values kept,
	 *   `#laterLostCells`), her change still the cell's newest: the undo takes it back as if it
	 *   were hers, giving the colleague's value hers raced (or the one it was written over).
	 *   Found in review: Борис's call, later than Анна's logged offline, stood by such a repair
	 *   in two of four replica orders, and his Ctrl+Z did nothing;
	 * - her result lost: a call list still takes her call out of «Попытки» (`undoneCells`), the
	 *   count being the calls that stand. Found in review: Анна and Борис logged a call to one
	 *   resident at once, Борис's result stood, and Анна's Ctrl+Z of her call (the wrong
	 *   resident) left «Попытки» 2 for his one call. The undo's entry lists her result taken
	 *   back and the colleague's that stays, as an undo that raced does.
	 * Whether anything was set.
	 */
	undoLost(insertions: Parameters<typeof Y.isDeleted>[0]): boolean {
		// The step's values, by cell (the last one of each).
		const written = new Map<string, Y.Item>();
		this.#structsIn(insertions, (struct) => {
			if (struct instanceof Y.Item && struct.parent === this.#cellMap && struct.parentSub)
				written.set(struct.parentSub, struct);
		});
		const lost = new Set(written.keys());
		if (lost.size === 0) return false;
		const entries = entriesOf(this.#cellMap);
		for (const key of lost) {
			const item = entries.get(key);
			// A value of hers that stands: Yjs's undo would have taken it back.
			if (item && !item.deleted && Y.isDeleted(insertions, item.id)) return false;
		}
		// Nothing to read the history for: every value written knowing hers, and no call's cell.
		const bound = new Set(this.boundColumns?.() ?? []);
		const open = [...lost].some((key) => {
			const current = entries.get(key);
			const hers = written.get(key);
			if (bound.has(key.slice(key.indexOf(':') + 1))) return true;
			return !!current && !!hers && !current.deleted && !writtenOver(current, hers);
		});
		if (!open) return false;
		// Her newest change (not an undo) of each of the step's cells; the typed cell, the first
		// of the newest such change.
		const me = this.history.author.id;
		const mine = new Map<string, CellChange>();
		let typed: CellChange | undefined;
		const rows = new Set([...lost].map((key) => key.slice(0, key.indexOf(':'))));
		// Not a change of hers she took back since (found in review: Борис's second call taken back,
		// his Ctrl+Z of his first, which Анна had written over and taken back, emptied only his
		// «Оператор», read from his first; his result, date and «Попытки» stayed).
		const changesOf = new Map<string, HistoryItem[]>();
		const undoneSince = (change: CellChange, at: number) => {
			const key = cellKey(change[0], change[1]);
			let items = changesOf.get(key);
			if (!items) changesOf.set(key, (items = this.history.forCell(change[0], change[1])));
			return items.some(
				(u) => u.undo === 'undo' && u.author.id === me && u.old === change[3] && u.time >= at
			);
		};
		for (const entry of this.history.entriesFor(rows)) {
			if (entry.by !== me || entry.u || !entry.cells) continue;
			let touched = false;
			for (const change of entry.cells) {
				const key = cellKey(change[0], change[1]);
				if (!lost.has(key)) continue;
				// A call's «Оператор» written again with the same name gave the cell nothing.
				if (change[2] === change[3] || undoneSince(change, entry.t)) continue;
				touched = true;
				mine.set(key, change);
			}
			if (touched) typed = entry.cells[0];
		}
		const cells: CellChange[] = [];
		for (const [key, [rowId, colId, old, value]] of mine) {
			// Hers, written back: not a value written knowing hers (a colleague's), which the undo
			// leaves. A value written over hers is hers written back when no change of the cell
			// made since hers stands (found in review, fault C: a replica wrote a colleague's call
			// back over his as the later, then his again over it when her undo arrived).
			const current = entries.get(key);
			const hers = written.get(key);
			if (!current || !hers) continue;
			if (this.getCell(rowId, colId) !== value) continue;
			const items = this.history.forCell(rowId, colId);
			const newest = items.find((i) => i.undo !== 'undo' && !takenBackSince(items, i));
			if (!newest || newest.undo || newest.author.id !== me || newest.value !== value) continue;
			const theirs = racedChange(items, me, old);
			const target = theirs?.value ?? old;
			if (target !== value && !isCut(target)) cells.push([rowId, colId, value, target]);
		}
		const back = cells.length;
		// The typed cell is in the entry even where what shows equals hers (a colleague's equal
		// result): a call list reads from it which call the undo took back (found in review: both
		// «дозвонились», and her undo left «Попытки» 2 for his one call).
		if (typed && lost.has(cellKey(typed[0], typed[1]))) {
			const [rowId, colId, , value] = typed;
			if (!cells.some(([r, c]) => r === rowId && c === colId))
				cells.unshift([rowId, colId, value, this.getCell(rowId, colId)]);
		}
		const counts = cells.length ? (this.undoneCells?.(cells, 'undo') ?? []) : [];
		if (back === 0 && counts.length === 0) return false;
		this.doc.transact(() => {
			for (const [r, c, , v] of cells)
				if (this.getCell(r, c) !== v) this.#cellMap.set(cellKey(r, c), v);
			for (const [r, c, v] of counts) {
				cells.push([r, c, this.getCell(r, c), v]);
				this.#cellMap.set(cellKey(r, c), v);
			}
		}, REPAIR_ORIGIN);
		this.doc.transact(() => this.history.record({ cells }, 'undo'), this.history.origin);
		return true;
	}

	// ---------------------------------------------------------------- change events

	/** Subscribe to row-level changes, one call per transaction. Returns the unsubscribe. */
	observe(listener: (change: SheetChange) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Whether a chunk's rows are part of the sheet: not a staged import still uncommitted. */
	#live(chunk: Chunk): boolean {
		return chunk.importId === null || this.#importsMap.has(chunk.importId);
	}

	#visible(rowId: string): boolean {
		if (this.#deleted.has(rowId)) return false;
		const dot = rowId.lastIndexOf('.');
		const chunk = this.#chunks.get(rowId.slice(0, dot));
		if (!chunk) return false;
		const index = parseInt(rowId.slice(dot + 1), 36);
		return index >= 0 && index < chunk.count;
	}

	#touch(rowId: string) {
		if (!this.#touched.has(rowId)) this.#touched.set(rowId, this.#visible(rowId));
	}

	#flush(tr: Y.Transaction) {
		if (this.#touched.size === 0 && this.#addedChunks.length === 0 && !this.#columnsTouched) return;
		const change: SheetChange = {
			added: [],
			updated: [],
			removed: [],
			columns: this.#columnsTouched,
			local:
				tr.origin === this.origin ||
				tr.origin === REPAIR_ORIGIN ||
				(tr.origin instanceof Y.UndoManager && this.#undoManagers.has(tr.origin)),
			origin: tr.origin
		};
		const fresh = new Set<string>();
		const deleted = this.#deleted;
		for (const chunk of this.#addedChunks) {
			if (this.#chunks.get(chunk.id) !== chunk) continue;
			fresh.add(chunk.id);
			const list = idsOf(chunk);
			if (deleted.size === 0) for (let i = 0; i < list.length; i++) change.added.push(list[i]);
			else for (const rowId of list) if (!deleted.has(rowId)) change.added.push(rowId);
		}
		for (const [rowId, was] of this.#touched) {
			if (fresh.has(rowId.slice(0, rowId.lastIndexOf('.')))) continue;
			const now = this.#visible(rowId);
			if (was && now) change.updated.push(rowId);
			else if (now) change.added.push(rowId);
			else if (was) change.removed.push(rowId);
		}
		this.#touched = new Map();
		this.#addedChunks = [];
		this.#columnsTouched = false;
		for (const listener of this.#listeners) listener(change);
	}

	#setOverlay(key: string, value: unknown) {
		const sep = key.indexOf(':');
		const rowId = key.slice(0, sep);
		let cells = this.#overlay.get(rowId);
		if (!cells) this.#overlay.set(rowId, (cells = new Map()));
		cells.set(key.slice(sep + 1), cellText(value));
	}

	#deleteOverlay(key: string) {
		const sep = key.indexOf(':');
		const rowId = key.slice(0, sep);
		const cells = this.#overlay.get(rowId);
		if (!cells) return;
		cells.delete(key.slice(sep + 1));
		if (cells.size === 0) this.#overlay.delete(rowId);
	}

	#transact(fn: () => void) {
		this.doc.transact(fn, this.origin);
	}

	// ---------------------------------------------------------------- columns

	/** Visible columns in their shared order. */
	columns(): Column[] {
		if (this.#columnCache) return this.#columnCache;
		const list: Column[] = [];
		this.#forEachColumn((def, id) => {
			if (def.get('deleted')) return;
			const options = readOptions(def);
			const areaCode = def.get('areaCode');
			list.push({
				id,
				title: this.#columnField(def, id, 'title') ?? UNTITLED_COLUMN,
				type: columnType(this.#columnField(def, id, 'type')),
				order: this.#columnField(def, id, 'order') ?? '',
				width: Number(def.get('width')) || DEFAULT_COLUMN_WIDTH,
				...(options ? { options } : {}),
				...(typeof areaCode === 'string' && AREA_CODE.test(areaCode) ? { areaCode } : {})
			});
		});
		list.sort(compareByKey);
		distinguishTitles(list);
		return (this.#columnCache = list);
	}

	/**
	 * Deleted columns (their cells are kept), for restore, newest delete first, with who deleted
	 * each when the delete says so (`null` for one made before it was noted, or by an older tab).
	 */
	deletedColumns(): DeletedColumn[] {
		const list: DeletedColumn[] = [];
		this.#forEachColumn((def, id) => {
			const deleted = def.get('deleted');
			if (deleted)
				list.push({
					id,
					title: this.#columnField(def, id, 'title') ?? UNTITLED_COLUMN,
					deleted: Number(deleted),
					by: readDeletedBy(def.get('deletedBy'), deleted)
				});
		});
		return list.sort((a, b) => b.deleted - a.deleted || (a.id < b.id ? -1 : 1));
	}

	/**
	 * The columns' settings as stored, each a map: an entry of another shape (written by a
	 * broken or hostile client; Yjs takes any value) is no column and is passed over, as a chunk
	 * that is not one is read as empty — before, it threw in every observer and the list did not
	 * open for anyone.
	 */
	#forEachColumn(fn: (def: Y.Map<unknown>, id: string) => void): void {
		this.#columns.forEach((def, id) => {
			if (def instanceof Y.Map) fn(def, id);
		});
	}

	#columnDef(id: string): Y.Map<unknown> | undefined {
		const def = this.#columns.get(id);
		return def instanceof Y.Map ? def : undefined;
	}

	column(id: string): Column | undefined {
		return this.columns().find((c) => c.id === id);
	}

	#def(id: string): Y.Map<unknown> {
		const def = this.#columnDef(id);
		if (!def) throw new ModelError('unknown-column', `No column ${id}`);
		return def;
	}

	/** Add columns at the end (or before `before`). Returns their ids, in order. */
	addColumns(columns: NewColumn[], options: { before?: string | null } = {}): string[] {
		const visible = this.columns();
		let next: string | null = null;
		let prev: string | null = visible.length ? visible[visible.length - 1].order : null;
		if (options.before) {
			const at = visible.findIndex((c) => c.id === options.before);
			if (at >= 0) {
				next = visible[at].order;
				prev = at > 0 ? visible[at - 1].order : null;
			}
		}
		const ids: string[] = [];
		this.#transact(() => {
			for (const col of columns) {
				const type = col.type ?? 'text';
				if (!COLUMN_TYPES.includes(type)) throw new ModelError('bad-type', `Unknown type ${type}`);
				// No key fits before an empty one (a column an undo left without its place): then after.
				const order =
					(prev !== null && next !== null && prev >= next) || next === ''
						? keyBetween(prev, null)
						: keyBetween(prev, next);
				const def = new Y.Map<unknown>();
				def.set('title', normalizeTitle(col.title));
				def.set('type', type);
				def.set('order', order);
				def.set('width', col.width ?? DEFAULT_COLUMN_WIDTH);
				const id = col.id ?? newId(SHORT_ID_LENGTH);
				if (!isValidId(id) || this.#columns.has(id))
					throw new ModelError('unknown-column', `Column id ${id} cannot be used`);
				this.#columns.set(id, def);
				if (col.options) writeOptions(def, cleanOptions(col.options));
				if (col.areaCode && AREA_CODE.test(col.areaCode)) def.set('areaCode', col.areaCode);
				ids.push(id);
				prev = order;
			}
		});
		return ids;
	}

	addColumn(column: NewColumn, options: { before?: string | null } = {}): string {
		return this.addColumns([column], options)[0];
	}

	renameColumn(id: string, title: string): void {
		const def = this.#def(id);
		const clean = normalizeTitle(title);
		this.#transact(() => def.set('title', clean));
	}

	setColumnType(id: string, type: ColumnType): void {
		if (!COLUMN_TYPES.includes(type)) throw new ModelError('bad-type', `Unknown type ${type}`);
		const def = this.#def(id);
		this.#transact(() => def.set('type', type));
	}

	/**
	 * A choice column's options (value + colour), shared by every operator. With `base` (the
	 * list the operator's edit started from), only what they changed is applied, onto the
	 * options as they are now: a colleague's changes made meanwhile stay (see `mergeOptions`).
	 */
	setColumnOptions(
		id: string,
		options: ChoiceOption[],
		edit: { base?: ChoiceOption[] } = {}
	): void {
		const def = this.#def(id);
		const wanted = cleanOptions(options);
		this.#transact(() => {
			const target = edit.base
				? cleanOptions(mergeOptions(cleanOptions(edit.base), wanted, readOptions(def) ?? []))
				: wanted;
			writeOptions(def, target);
		});
	}

	/**
	 * A choice column's options renamed in the column dialog, old value → new (`options.ts`,
	 * `readRenames`); empty for another column.
	 */
	optionRenames(id: string): ReadonlyMap<string, string> {
		const def = this.#columnDef(id);
		return def ? readRenames(def) : new Map();
	}

	/** Notes options of a choice column renamed (old → new), in the caller's step. */
	noteOptionRenames(id: string, renames: ReadonlyMap<string, string>): void {
		if (!renames.size) return;
		const def = this.#def(id);
		this.#transact(() => writeRenames(def, renames));
	}

	/** A phone column's area code (`AREA_CODE`), or '' for none. */
	setColumnAreaCode(id: string, areaCode: string): void {
		if (areaCode !== '' && !AREA_CODE.test(areaCode))
			throw new ModelError('bad-area-code', `Not an area code: ${areaCode}`);
		const def = this.#def(id);
		if ((def.get('areaCode') ?? '') === areaCode) return;
		this.#transact(() => (areaCode ? def.set('areaCode', areaCode) : def.delete('areaCode')));
	}

	setColumnWidth(id: string, width: number): void {
		const def = this.#def(id);
		const w = Math.max(40, Math.min(2000, Math.round(width)));
		if (def.get('width') !== w) this.#transact(() => def.set('width', w));
	}

	/** Move a column to `toIndex` among the visible columns (only its sort key changes). */
	moveColumn(id: string, toIndex: number): void {
		const others = this.columns().filter((c) => c.id !== id);
		const at = Math.max(0, Math.min(others.length, toIndex));
		const prev = at > 0 ? others[at - 1].order : null;
		const next = at < others.length ? others[at].order : null;
		const def = this.#def(id);
		this.#transact(() => {
			if ((prev !== null && next !== null && prev >= next) || next === '') {
				// Two operators once picked the same key (or a key is missing): spread every key
				// again, then move.
				let key: string | null = null;
				others.forEach((c, i) => {
					key = keyBetween(key, null);
					this.#def(c.id).set('order', key);
					if (i === at - 1) {
						key = keyBetween(key, null);
						def.set('order', key);
					}
				});
				if (at === 0)
					def.set('order', keyBetween(null, String(this.#def(others[0].id).get('order'))));
			} else {
				def.set('order', keyBetween(prev, next));
			}
		});
	}

	/** Hide a column from everyone; its cells are kept and `restoreColumn` brings it back. */
	deleteColumn(id: string): void {
		const def = this.#def(id);
		const { id: by, name } = this.history.author;
		const at = Date.now();
		this.#transact(() => {
			def.set('deleted', at);
			// Who: a colleague whose unseen work was in it is told (`deleted-work.ts`). Its time
			// ties it to this delete: a later one by an older tab, which notes no one, names no one.
			def.set('deletedBy', { id: by, name, at });
		});
	}

	/**
	 * Bring a deleted column back. When a column of the same title was added meanwhile, the one
	 * coming back is called «Телефон (2)»: two columns of one title cannot be told apart.
	 */
	restoreColumn(id: string): void {
		const def = this.#def(id);
		const title = this.#columnField(def, id, 'title') ?? UNTITLED_COLUMN;
		const free = uniqueTitle(title, new Set(this.columns().map((c) => titleKey(c.title))));
		this.#transact(() => {
			def.delete('deleted');
			def.delete('deletedBy');
			if (free !== title) def.set('title', free);
		});
	}

	// ---------------------------------------------------------------- rows

	/** Ids of the visible rows, in sheet order. */
	rowIds(): string[] {
		if (this.#order) return this.#order;
		const chunks = [...this.#chunks.values()].sort(compareByKey);
		// Sized once: 100,000 ids pushed one by one regrow the array a dozen times.
		let total = 0;
		for (const chunk of chunks) total += chunk.count;
		const ids = new Array<string>(total);
		const deleted = this.#deleted;
		let n = 0;
		for (const chunk of chunks) {
			const list = idsOf(chunk);
			if (deleted.size === 0) for (let i = 0; i < list.length; i++) ids[n++] = list[i];
			else for (const id of list) if (!deleted.has(id)) ids[n++] = id;
		}
		ids.length = n;
		return (this.#order = ids);
	}

	get rowCount(): number {
		return this.rowIds().length;
	}

	hasRow(rowId: string): boolean {
		return this.#visible(rowId);
	}

	/** A row deleted (a tombstone: `restoreRows` brings it back with every edit). */
	isDeletedRow(rowId: string): boolean {
		return this.#deletedMap.has(rowId);
	}

	/** When a deleted row was deleted (0: it is not). */
	deletedAt(rowId: string): number {
		return Number(this.#deletedMap.get(rowId)) || 0;
	}

	/** Deleted rows with when they were deleted, newest first. */
	deletedRows(): { id: string; deleted: number }[] {
		const list: { id: string; deleted: number }[] = [];
		// A moment that is none (`isMoment`) threw where «Удалённые строки» shows it: listed at 0.
		this.#deletedMap.forEach((at: unknown, id) =>
			list.push({ id, deleted: isMoment(at) ? at : 0 })
		);
		return list.sort((a, b) => b.deleted - a.deleted || (a.id < b.id ? -1 : 1));
	}

	/**
	 * The newest `limit` deleted rows, each with who deleted it when the list's history says so
	 * (its newest delete of the row; `null` for a delete the history no longer has), for
	 * «Удалённые строки»: two deleted «Иванова Анна Петровна» are told apart by who and when.
	 */
	deletedRowsBy(limit: number): { id: string; deleted: number; by: Author | null }[] {
		return this.deletedRows()
			.slice(0, limit)
			.map(({ id, deleted }) => {
				const item = this.history.forRow(id).find((i) => i.kind === 'deleted');
				return { id, deleted, by: item ? item.author : null };
			});
	}

	#locate(rowId: string): { chunk: Chunk; index: number } | null {
		const dot = rowId.lastIndexOf('.');
		const chunk = this.#chunks.get(rowId.slice(0, dot));
		if (!chunk) return null;
		const index = parseInt(rowId.slice(dot + 1), 36);
		return index >= 0 && index < chunk.count ? { chunk, index } : null;
	}

	/** Whether the cell was ever written after its row was (a cell never edited has no history). */
	isEdited(rowId: string, colId: string): boolean {
		return this.#overlay.get(rowId)?.has(colId) ?? false;
	}

	/**
	 * Whether the cell holds another value than the one its row was written with: edited, and
	 * not undone back to it (an import replaces only cells nobody changed, `import/apply.ts`).
	 */
	isChanged(rowId: string, colId: string): boolean {
		const over = this.#overlay.get(rowId)?.get(colId);
		if (over === undefined) return false;
		const at = this.#locate(rowId);
		const i = at ? colIndexOf(at.chunk).get(colId) : undefined;
		const written = at && i !== undefined ? (rowsOf(at.chunk)[at.index][i] ?? '') : '';
		return over !== written;
	}

	getCell(rowId: string, colId: string): string {
		const over = this.#overlay.get(rowId)?.get(colId);
		if (over !== undefined) return over;
		const at = this.#locate(rowId);
		if (!at) return '';
		const i = colIndexOf(at.chunk).get(colId);
		return i === undefined ? '' : (rowsOf(at.chunk)[at.index][i] ?? '');
	}

	/**
	 * Decodes the stored chunks holding `rowIds[from]` to `rowIds[to - 1]` now, so `getRow` on
	 * them later is quick: the grid does it in tasks of its own before handing a slice of a big
	 * add over (`grid/binding.ts`). Nothing is read into rows, so nothing can go stale.
	 */
	decodeRows(rowIds: readonly string[], from: number, to: number): void {
		let last: Chunk | null = null;
		for (let r = from; r < to; r++) {
			const at = this.#locate(rowIds[r]);
			if (!at || at.chunk === last) continue;
			last = at.chunk;
			rowsOf(last);
		}
	}

	/** A row as a plain object (also for deleted rows, so they can be shown for restore). */
	getRow(rowId: string): Row {
		const row = { id: rowId } as Row;
		const at = this.#locate(rowId);
		if (at) {
			const values = rowsOf(at.chunk)[at.index];
			const cols = at.chunk.cols;
			for (let i = 0; i < cols.length; i++) {
				const v = values[i];
				if (v) row[cols[i]] = v;
			}
		}
		const over = this.#overlay.get(rowId);
		if (over) for (const [colId, v] of over) row[colId] = v;
		return row;
	}

	/**
	 * The rows' values for `columnIds`, in that order, `''` where empty: what `getRow` gives, as
	 * arrays, without building an object per row (an export reads 100,000 rows: objects keyed by
	 * column ids are slow to build). Where a chunk keeps each column is worked out once per chunk.
	 */
	rowValues(rowIds: readonly string[], columnIds: readonly string[]): string[][] {
		const out: string[][] = new Array(rowIds.length);
		const width = columnIds.length;
		let chunk: Chunk | null = null;
		let positions: number[] = [];
		for (let r = 0; r < rowIds.length; r++) {
			const rowId = rowIds[r];
			const cells: string[] = new Array(width);
			const at = this.#locate(rowId);
			if (at) {
				if (at.chunk !== chunk) {
					chunk = at.chunk;
					const index = colIndexOf(chunk);
					positions = columnIds.map((id) => index.get(id) ?? -1);
				}
				const values = rowsOf(at.chunk)[at.index];
				for (let c = 0; c < width; c++) {
					const i = positions[c];
					cells[c] = i < 0 ? '' : (values[i] ?? '');
				}
			} else cells.fill('');
			const over = this.#overlay.get(rowId);
			if (over)
				for (let c = 0; c < width; c++) {
					const v = over.get(columnIds[c]);
					if (v !== undefined) cells[c] = v;
				}
			out[r] = cells;
		}
		return out;
	}

	/** Add one row at the end with the given values (column id → value). */
	addRow(values: Record<string, unknown> = {}): string {
		const cols = Object.keys(values);
		return this.addRows({ columns: cols, rows: [cols.map((c) => values[c])] })[0];
	}

	/**
	 * Bulk insert at the end, in ONE transaction (one undo step, one update to the relay).
	 * `rows[i][j]` is the value for `columns[j]`. Returns the new row ids in order.
	 */
	addRows(options: { columns: string[]; rows: unknown[][]; chunkSize?: number }): string[] {
		const { columns, rows, chunkSize = CHUNK_ROWS } = options;
		const ids: string[] = [];
		if (rows.length === 0) return ids;
		let last = this.lastOrder();
		const clean = cleanRows(rows, columns.length);
		this.#transact(() => {
			const add: [string, number][] = [];
			for (let start = 0; start < clean.length; start += chunkSize) {
				const part = clean.slice(start, start + chunkSize);
				const id = newId();
				last = keyBetween(last, null);
				const chunk: Chunk = {
					id,
					order: last,
					count: part.length,
					cols: columns,
					colIndex: null,
					rows: part,
					raw: null,
					importId: null
				};
				this.#writing.set(id, chunk);
				this.#chunkMap.set(id, writeChunk(last, columns, part));
				for (const rowId of idsOf(chunk)) ids.push(rowId);
				add.push([id, part.length]);
			}
			this.history.record({ add });
		});
		this.#writing.clear();
		return ids;
	}

	setCell(rowId: string, colId: string, value: unknown): void {
		this.setCells([{ rowId, colId, value }]);
	}

	/**
	 * Set many cells in one transaction (one undo step). Unchanged values are skipped, but for an
	 * edit marked `always` (a call's «Оператор» and «Дата звонка», `callLogEdits`).
	 */
	setCells(edits: { rowId: string; colId: string; value: unknown; always?: boolean }[]): void {
		const clean = edits.map((e) => ({ ...e, value: toCell(e.value) }));
		this.#transact(() => {
			const cells: CellChange[] = [];
			for (const { rowId, colId, value, always } of clean) {
				const old = this.getCell(rowId, colId);
				if (old === value && !always) continue;
				this.#cellMap.set(cellKey(rowId, colId), value);
				cells.push([rowId, colId, old, value]);
			}
			if (cells.length) this.history.record({ cells });
		});
	}

	/** Hide rows from everyone (tombstones); `restoreRows` brings them back with every edit. */
	deleteRows(rowIds: string[]): void {
		const now = Date.now();
		this.#transact(() => {
			const del: string[] = [];
			for (const id of rowIds) {
				// The doc, not the index: a row added earlier in the same transaction counts too.
				const chunkId = id.slice(0, id.lastIndexOf('.'));
				if (this.#chunkMap.has(chunkId) && !this.#deletedMap.has(id)) {
					this.#deletedMap.set(id, now);
					del.push(id);
				}
			}
			if (del.length) this.history.record({ del });
		});
	}

	restoreRows(rowIds: string[]): void {
		this.#transact(() => this.#restore(rowIds));
	}

	/**
	 * `restoreRows` as a repair the list makes by itself (a resident both of whose copies two
	 * operators' «Убрать повторы» deleted at once: `import/twice.ts`): not the operator's undo
	 * step, so that her Ctrl+Z does not delete it again.
	 */
	restoreRowsAsRepair(rowIds: string[]): void {
		this.doc.transact(() => this.#restore(rowIds), REPAIR_ORIGIN);
	}

	#restore(rowIds: string[]) {
		const res = rowIds.filter((id) => this.#deletedMap.has(id));
		for (const id of res) this.#deletedMap.delete(id);
		if (res.length) this.history.record({ res });
	}

	/** The sort key of the last chunk, staged ones included: new rows go after it. */
	lastOrder(): string | null {
		let last: string | null = null;
		for (const chunk of this.#chunks.values())
			if (last === null || chunk.order > last) last = chunk.order;
		for (const chunk of this.#staged.values())
			if (last === null || chunk.order > last) last = chunk.order;
		return last;
	}

	// ---------------------------------------------------------------- staged imports

	/**
	 * Write a slice of a staged import (an update made by `staging.ts`, off the main thread). Not
	 * this operator's undoable change: only `commitImport` is. The rows stay invisible.
	 */
	applyStaged(update: Uint8Array): void {
		const doc = this.doc;
		const listeners = doc._observers.get('update') as Set<UpdateListener> | undefined;
		// Yjs tells of it, as it would, where the slice alone would not say all: a transaction
		// open or being cleaned up (the slice joins it), or updates waiting for what they follow
		// (pending), which the slice may let in with it (found in review: told the slice alone,
		// the relay and the browser's store never had the ones it let in).
		if (
			!listeners ||
			doc._transaction !== null ||
			doc._transactionCleanups.length > 0 ||
			doc.store.pendingStructs !== null ||
			doc.store.pendingDs !== null
		) {
			Y.applyUpdateV2(doc, update, STAGING_ORIGIN, ViewDecoder);
			return;
		}
		// The 'update' listeners (the relay's provider, the browser's store) get this very update:
		// Yjs would encode the transaction into a copy of it first, about 0.2 s of copying for a
		// 100,000-row import (`node bench/run.js import`, profiled). Any update holding what the
		// transaction changed is as good to them: the same structs, applied once wherever they go.
		// The slice's transaction is cleaned up first; after it, those its observers made.
		const cleaned: Y.Transaction[] = [];
		const onCleanup = (tr: Y.Transaction) => {
			cleaned.push(tr);
		};
		doc._observers.delete('update');
		doc.on('afterTransactionCleanup', onCleanup);
		try {
			Y.applyUpdateV2(doc, update, STAGING_ORIGIN, ViewDecoder);
		} finally {
			doc.off('afterTransactionCleanup', onCleanup);
			const since = doc._observers.get('update') as Set<UpdateListener> | undefined;
			doc._observers.set('update', since ? new Set([...listeners, ...since]) : listeners);
		}
		const [tr, ...others] = cleaned;
		// As Yjs: nothing is told of an update that changed nothing (a slice applied before).
		if (tr && changedAnything(tr))
			for (const listener of [...listeners]) listener(update, STAGING_ORIGIN, doc, tr);
		// What an observer wrote meanwhile (none of ours does today) is told as Yjs would have:
		// everything since its transaction began (found in review: it went to no listener).
		for (const other of others) {
			if (!changedAnything(other)) continue;
			const since = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other.beforeState));
			for (const listener of [...listeners]) listener(since, other.origin, doc, other);
		}
	}

	/** The staged (uncommitted) chunks of one import. */
	#stagedOf(importId: string): Chunk[] {
		return [...this.#staged.values()].filter((c) => c.importId === importId);
	}

	/** Deletes staged chunks from the doc (not an undo step: they were never visible). */
	#dropStaged(chunks: Chunk[]): number {
		if (chunks.length === 0) return 0;
		this.doc.transact(() => {
			for (const chunk of chunks) this.#chunkMap.delete(chunk.id);
		}, STAGING_ORIGIN);
		return chunks.length;
	}

	/** Rows written so far for a staged import that is not committed. */
	stagedRows(importId: string): number {
		return this.#stagedOf(importId).reduce((n, chunk) => n + chunk.count, 0);
	}

	/**
	 * Show a staged import to everyone, in ONE transaction with whatever `fn` writes (the new
	 * columns, updates of existing rows): one change for the other operators, one undo step.
	 * Returns the ids of the rows that appeared, in sheet order.
	 */
	commitImport(importId: string, fn: () => void = () => {}, note: ImportNote = {}): string[] {
		if (!isValidId(importId)) throw new ModelError('unknown-row', `Bad import id ${importId}`);
		const chunks = this.#stagedOf(importId).sort(compareByKey);
		let count = 0;
		for (const chunk of chunks) count += chunk.count;
		const ids = new Array<string>(count);
		let at = 0;
		for (const chunk of chunks) {
			const list = idsOf(chunk);
			for (let i = 0; i < list.length; i++) ids[at++] = list[i];
		}
		this.#transact(() => {
			fn();
			// The imports this one was made knowing of: one it does not list, and that does not list
			// it, was made at the same time, each without the other (offline), and may hold the same
			// residents (`import/twice.ts`).
			const known = this.imports()
				.sort((a, b) => b.at - a.at)
				.slice(0, MAX_KNOWN_IMPORTS)
				.map((i) => i.id);
			this.#importsMap.set(importId, {
				at: Date.now(),
				rows: ids.length,
				known,
				...(note.by ? { by: { id: note.by.id, name: note.by.name } } : {}),
				...(note.file ? { file: { name: note.file.name, size: note.file.size } } : {}),
				...(note.policy ? { policy: note.policy } : {})
			});
			if (chunks.length) this.history.record({ add: chunks.map((c) => [c.id, c.count]) });
		});
		return ids;
	}

	/** The committed imports of the list, as their notes say (`commitImport`), checked. */
	imports(): ImportInfo[] {
		const list: ImportInfo[] = [];
		this.#importsMap.forEach((value, id) => {
			if (!value || typeof value !== 'object') return;
			const v = value as Record<string, unknown>;
			const info: ImportInfo = { id, at: Number(v.at) || 0, rows: Number(v.rows) || 0 };
			// No more than any replica notes: a longer list (another client's garbage) is cut, so
			// that it cannot cost every opening of the list a walk over it (found in review).
			if (Array.isArray(v.known))
				info.known = v.known
					.slice(0, MAX_KNOWN_IMPORTS)
					.filter((k): k is string => typeof k === 'string');
			const by = v.by as Record<string, unknown> | undefined;
			if (by && typeof by.id === 'string' && typeof by.name === 'string')
				info.by = { id: by.id.slice(0, 80), name: cleanLabel(by.name).slice(0, 60) };
			const file = v.file as Record<string, unknown> | undefined;
			if (file && typeof file.name === 'string' && typeof file.size === 'number')
				info.file = { name: cleanLabel(file.name).slice(0, 200), size: file.size };
			if (v.policy === 'skip' || v.policy === 'update' || v.policy === 'keep')
				info.policy = v.policy;
			list.push(info);
		});
		return list;
	}

	/**
	 * The visible rows a committed import added (not those deleted since), in the list's order:
	 * the same on every replica.
	 */
	importRowIds(importId: string): string[] {
		const ids: string[] = [];
		const chunks = [...this.#chunks.values()].filter((c) => c.importId === importId);
		for (const chunk of chunks.sort(compareByKey)) {
			for (const id of idsOf(chunk)) if (!this.#deleted.has(id)) ids.push(id);
		}
		return ids;
	}

	/**
	 * Whether anyone changed a cell of the row since it was written (a call's result, a note, a
	 * value an import filled in): `isChanged` of any of its cells.
	 */
	isRowChanged(rowId: string): boolean {
		const over = this.#overlay.get(rowId);
		if (!over) return false;
		for (const colId of over.keys()) if (this.isChanged(rowId, colId)) return true;
		return false;
	}

	/**
	 * Drop staged chunks older than `maxAgeMs` whose import was never committed: left by an
	 * import interrupted by a crash or a closed tab (a cancel discards its own at once). No import
	 * takes that long, so none under way is touched. Returns how many chunks were dropped.
	 */
	discardStaleImports(maxAgeMs: number, now = Date.now()): number {
		return this.#dropStaged(
			[...this.#staged.values()].filter((c) => now - (c.stagedAt ?? 0) > maxAgeMs)
		);
	}

	/** Drop the chunks of an import that will not be committed (cancelled, failed). */
	discardImport(importId: string): void {
		this.#dropStaged(this.#stagedOf(importId));
	}

	// ---------------------------------------------------------------- undo

	/**
	 * Undo of this operator's own changes only: a colleague's edits are never reverted, and
	 * neither is what they stand on. An undo does not take away rows (typed or imported) or a
	 * column a colleague has written in since: found by exploration, the operator's Ctrl+Z of a
	 * typed request removed it for everyone with the coordinator's assignment in it, and an
	 * import undone took away the rows volunteers had marked. `undoStep` reports it ('kept').
	 */
	createUndoManager(options: { captureTimeout?: number } = {}): Y.UndoManager {
		// The history is not in the scope: an undo adds an entry, it never removes one.
		const undo = new Y.UndoManager(
			[
				this.#columns,
				this.#chunkMap,
				this.#cellMap,
				this.#deletedMap,
				this.#importsMap,
				this.twiceNotes
			],
			{
				trackedOrigins: new Set([this.origin]),
				captureTimeout: options.captureTimeout ?? 500,
				deleteFilter: (item) => {
					let kept = keptByUndo.get(undo);
					if (!kept) keptByUndo.set(undo, (kept = new Set()));
					const key =
						item.parent === this.#cellMap
							? this.#keptAround(item, undo)
							: this.#colleagueWroteIn(item, undo);
					if (key === null) return true;
					kept.add(key);
					return false;
				}
			}
		);
		// The redo of an undo that gave a colleague's value back (or set a count) takes that
		// repair away with it, as it does what Yjs's undo wrote: the repair is no one's value, and
		// Yjs redoes a value only where nobody wrote over it since. Found in review: her redo
		// after such an undo did nothing. A value a colleague writes after the undo stays.
		undo.on('stack-item-added', ({ stackItem, type }) => {
			const repair = this.#undoRepair;
			this.#undoRepair = null;
			if (type !== 'redo') return;
			if (repair) stackItem.meta.set(GIVEN_BACK, repair);
			const store = this.doc.store;
			const states = [...store.clients.keys()].map((c) => [c, Y.getState(store, c)] as const);
			stackItem.meta.set(SEEN, new Map(states));
		});
		this.#undoManagers.add(undo);
		sheetOfUndo.set(undo, this);
		return undo;
	}

	/**
	 * Before the redo of `step`. A record of the step (`boundColumns`: a call's cells in a row) a
	 * colleague has written in since the undo (`SEEN`: his call made after it, in one of the
	 * cells the step wrote) is left as it is: the
	 * redo writes over no value written after the undo, nor brings back her «Оператор» next to
	 * his result (found in review: his call's «Оператор», equal to the one her undo gave back,
	 * was not written again, and her redo put her name there). Elsewhere, the colleagues' values
	 * her undo gave back (`GIVEN_BACK`) are taken away with it, as what Yjs's undo wrote is:
	 * Yjs redoes a value only where nobody wrote over it, and these were written over hers
	 * (found in review: her redo after such an undo did nothing). Her other cells of that row
	 * are redone as any: a colleague's phone typed into a row since the undo left her note in it
	 * undone, without a word, when the whole row was left (found in review of f79ef27).
	 */
	beforeRedo(step: {
		insertions: Parameters<typeof Y.isDeleted>[0];
		deletions: Parameters<typeof Y.isDeleted>[0];
		meta: Map<unknown, unknown>;
	}) {
		const given = (step.meta.get(GIVEN_BACK) as [string, number, Y.ID?][] | undefined) ?? [];
		const seen = step.meta.get(SEEN) as Map<number, number> | undefined;
		step.meta.delete(GIVEN_BACK);
		const own = this.doc.clientID;
		const entries = entriesOf(this.#cellMap);
		const rowOf = (key: string) => key.slice(0, key.indexOf(':'));
		const bound = new Set(this.boundColumns?.() ?? []);
		const isBound = (key: string) => bound.has(key.slice(key.indexOf(':') + 1));
		const keys = new Set(
			bound.size
				? [
						...this.#cellKeysIn(step.deletions),
						...this.#cellKeysIn(step.insertions),
						...given.map(([key]) => key)
					]
				: []
		);
		const written = new Set<string>();
		for (const key of keys) {
			if (!isBound(key)) continue;
			const item = entries.get(key);
			const { client, clock } = item?.id ?? { client: own, clock: 0 };
			if (item && !item.deleted && client !== own && clock >= (seen?.get(client) ?? 0))
				written.add(rowOf(key));
		}
		if (written.size) {
			const keep = (item: Y.Item) =>
				item.parent !== this.#cellMap ||
				!item.parentSub ||
				!written.has(rowOf(item.parentSub)) ||
				!isBound(item.parentSub);
			step.deletions = this.#filterSet(step.deletions, keep);
			step.insertions = this.#filterSet(step.insertions, keep);
		}
		const taken = given.filter(([key, clock]) => {
			const item = entries.get(key);
			return (
				!(written.has(rowOf(key)) && isBound(key)) &&
				!!item &&
				!item.deleted &&
				item.id.client === own &&
				item.id.clock === clock
			);
		});
		if (taken.length === 0) return;
		const ds = Y.createDeleteSet();
		ds.clients.set(
			own,
			taken.map(([, clock]) => ({ clock, len: 1 }) as never)
		);
		step.insertions = Y.mergeDeleteSets([step.insertions, ds]);
		// The call's values the undo wrote over where Yjs's undo had not reached them (found in
		// review of 1bdf60a: his Ctrl+Y brought back his result without «Дата звонка»).
		const shown = Y.createDeleteSet();
		for (const [, , id] of taken)
			if (id)
				shown.clients.set(id.client, [
					...(shown.clients.get(id.client) ?? []),
					{ clock: id.clock, len: 1 } as never
				]);
		if (shown.clients.size) step.deletions = Y.mergeDeleteSets([step.deletions, shown]);
	}

	/**
	 * Before the undo of `step`: a cell's value the step wrote over is not brought back where a
	 * colleague's value came after the step's (another replica's, written over it): an undo
	 * never reverts a colleague's value. Yjs's undo leaves such a value too, but not when her
	 * own later undo had brought it back (Yjs then reads it as hers to replace). Found by a fuzz
	 * in review: Борис logged a call, Анна hers over it, Борис his next over hers; his Ctrl+Z of
	 * his next call brought hers back, and his Ctrl+Z of his first brought back the call before
	 * it over hers, her call lost (and where the value was the same, «Оператор» «Анна» over
	 * «Анна», the undo changed nothing to see and «Попытки» kept his call). Nothing of such a
	 * cell is taken back; where nothing of the step is, `undoLost` reads it as a step written over.
	 */
	beforeUndo(step: {
		insertions: Parameters<typeof Y.isDeleted>[0];
		deletions: Parameters<typeof Y.isDeleted>[0];
	}) {
		const own = this.doc.clientID;
		const overByColleague = (item: Y.Item) => {
			for (let right = item.right; right; right = right.right)
				if (right.id.client !== own) return true;
			return false;
		};
		let any = false;
		this.#structsIn(step.deletions, (struct) => {
			if (struct instanceof Y.Item && struct.parent === this.#cellMap && overByColleague(struct))
				any = true;
		});
		if (!any) return;
		step.deletions = this.#filterSet(
			step.deletions,
			(item) => item.parent !== this.#cellMap || !item.parentSub || !overByColleague(item)
		);
	}

	/** The structs (of every replica) in `ds`'s ranges, each with the part of it in range. */
	#structsIn(
		ds: Parameters<typeof Y.isDeleted>[0],
		fn: (s: Y.Item | Y.GC, from: number, to: number) => void
	) {
		ds.clients.forEach((ranges, client) => {
			const structs = this.doc.store.clients.get(client) ?? [];
			const end = structs.length ? Y.getState(this.doc.store, client) : 0;
			for (const { clock, len } of ranges) {
				if (clock >= end) continue;
				for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
					const struct = structs[i];
					if (struct.id.clock >= clock + len) break;
					const from = Math.max(struct.id.clock, clock);
					fn(struct, from, Math.min(struct.id.clock + struct.length, clock + len));
				}
			}
		});
	}

	/** The cells (`rowId:colId`) of the overlay whose values are in `ds`. */
	#cellKeysIn(ds: Parameters<typeof Y.isDeleted>[0]): string[] {
		const keys: string[] = [];
		this.#structsIn(ds, (struct) => {
			if (struct instanceof Y.Item && struct.parent === this.#cellMap && struct.parentSub)
				keys.push(struct.parentSub);
		});
		return keys;
	}

	/** `ds` without the items `keep` says no to. */
	#filterSet(ds: Parameters<typeof Y.isDeleted>[0], keep: (item: Y.Item) => boolean) {
		const out = Y.createDeleteSet();
		this.#structsIn(ds, (struct, from, to) => {
			if (struct instanceof Y.Item && !keep(struct)) return;
			const list = out.clients.get(struct.id.client) ?? [];
			list.push({ clock: from, len: to - from } as never);
			out.clients.set(struct.id.client, list);
		});
		return Y.mergeDeleteSets([out]);
	}

	/**
	 * For a cell `item` of the overlay the running undo step wrote: the key of the row (chunk,
	 * import) or column the same step added and keeps for colleagues (the name typed into the
	 * new row stays with it), else null.
	 */
	#keptAround(item: Y.Item, undo: Y.UndoManager): string | null {
		if (item.parentSub === null) return null;
		const [rowId, colId] = item.parentSub.split(':');
		const chunkId = rowId.slice(0, rowId.lastIndexOf('.'));
		const importId = this.#chunks.get(chunkId)?.importId;
		for (const added of [
			entriesOf(this.#chunkMap).get(chunkId),
			importId ? entriesOf(this.#importsMap).get(importId) : undefined,
			entriesOf(this.#columns).get(colId)
		]) {
			const key = added && this.#colleagueWroteIn(added, undo);
			if (key) return key;
		}
		return null;
	}

	/**
	 * When `item`, which an undo is about to delete, is rows (a chunk, an import) or a column
	 * that the running step added and that holds a cell another replica wrote (the overlay's
	 * current entries by another client): its key (chunk, import or column id); else null. A
	 * column's fields (its title, type…: the column is a map of its own) go with the column; a
	 * field the step changed (a rename, a deletion) is undone as ever.
	 */
	#colleagueWroteIn(item: Y.Item, undo: Y.UndoManager): string | null {
		const step = runningStep.get(undo);
		if (!step) return null;
		const parent = (item.parent as Y.AbstractType<unknown> | null)?._item;
		if (parent && parent.parent === this.#columns) return this.#colleagueWroteIn(parent, undo);
		const key = item.parentSub;
		if (key === null || !Y.isDeleted(step.insertions, item.id)) return null;
		// Who wrote where, read once per step (a scan of the overlay: 100,000s of entries).
		if (!step.colleagues) {
			const chunks = new Set<string>();
			const columns = new Set<string>();
			const own = this.doc.clientID;
			const entries = entriesOf(this.#cellMap);
			for (const [cell, entry] of entries) {
				if (entry.deleted || entry.id.client === own) continue;
				const sep = cell.indexOf(':');
				chunks.add(cell.slice(0, cell.lastIndexOf('.', sep)));
				columns.add(cell.slice(sep + 1));
			}
			step.colleagues = { chunks, columns };
		}
		const { chunks, columns } = step.colleagues;
		if (item.parent === this.#chunkMap) return chunks.has(key) ? key : null;
		if (item.parent === this.#columns) return columns.has(key) ? key : null;
		if (item.parent === this.#importsMap) {
			for (const chunk of this.#chunks.values())
				if (chunk.importId === key && chunks.has(chunk.id)) return key;
		}
		return null;
	}
}

/** What one press of Ctrl+Z (or Ctrl+Shift+Z) did ('kept': rows or a column colleagues wrote in stayed). */
export type UndoStepResult = 'done' | 'overwritten' | 'empty' | 'kept';

/** Per undo manager, what its running undo left for colleagues' sake (chunk, import, column ids). */
const keptByUndo = new WeakMap<Y.UndoManager, Set<string>>();
/** A redo step's key for the colleagues' values its undo gave back (`Sheet.beforeRedo`). */
const GIVEN_BACK = Symbol('givenBack');
/** A redo step's key for what the replica had seen of each replica when the undo was made. */
const SEEN = Symbol('seen');
/** Per undo manager, the sheet that made it (`undoStep`: `Sheet.undoLost`). */
const sheetOfUndo = new WeakMap<Y.UndoManager, Sheet>();
/** Per undo manager, the step its running undo takes back (`undoStep` sets it). */
const runningStep = new WeakMap<
	Y.UndoManager,
	{
		insertions: Parameters<typeof Y.isDeleted>[0];
		/** Chunks and columns holding a cell another replica wrote (made on first need). */
		colleagues?: { chunks: Set<string>; columns: Set<string> };
	}
>();

/**
 * Undoes (or redoes) exactly one step. Y.UndoManager alone goes on popping steps until one
 * changes something, so when colleagues had overwritten everything the last step did, one
 * press would also undo the step before it, which the operator did not ask for. Here that
 * step is used up with nothing changed and reported as 'overwritten'; the next press undoes
 * the step before it.
 */
export function undoStep(undo: Y.UndoManager, direction: 'undo' | 'redo'): UndoStepResult {
	const stack = direction === 'undo' ? undo.undoStack : undo.redoStack;
	if (stack.length === 0) return 'empty';
	const earlier = stack.splice(0, stack.length - 1);
	let item: unknown;
	keptByUndo.delete(undo);
	const top = stack[stack.length - 1];
	if (direction === 'redo') sheetOfUndo.get(undo)?.beforeRedo(top);
	else sheetOfUndo.get(undo)?.beforeUndo(top);
	const { insertions } = top;
	runningStep.set(undo, { insertions });
	try {
		item = direction === 'undo' ? undo.undo() : undo.redo();
	} finally {
		runningStep.delete(undo);
		stack.unshift(...earlier);
		// An undo that changed nothing does not end the capture of the step before it, as one
		// that changed something does: the next edit would join that step.
		undo.stopCapturing();
	}
	if (keptByUndo.get(undo)?.size) return 'kept';
	if (item) return 'done';
	// Her call that lost to a colleague's is still taken out of «Попытки».
	if (direction === 'undo' && sheetOfUndo.get(undo)?.undoLost(insertions)) return 'done';
	return 'overwritten';
}
