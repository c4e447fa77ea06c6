/**
 * The same residents imported twice at once. Two coordinators (or operators) import the same
 * department file into the same list while one of them is offline: each import searched for
 * duplicates in its own copy of the list, so when the line comes back every resident is in the
 * list twice, and two operators phone the same old person (found by exploration).
 *
 * Two imports were made "at once" when neither was committed knowing of the other
 * (`ImportInfo.known`): an ordinary second import, which knew the first and skipped its
 * residents, is never one. Their rows are the same person by the import's own rule
 * (`findDuplicates`: phone, name + birth date, name + address; namesakes with another birth
 * date stay two). Which copy goes is decided from the list alone, so two operators pressing
 * «Убрать повторы» at once delete the same rows:
 * - the rows of the import committed later go (its commit time, then its id);
 * - unless someone worked on that copy (a call's result, a note: `Sheet.isRowChanged`) and not
 *   on the other: then the untouched copy goes;
 * - when both copies were worked on, both stay and are named: nothing anyone wrote is deleted.
 * The operator pressing it also keeps a copy an operator is at work on right now (her presence:
 * an editor open on the row, or a row she moved onto herself a while ago, `grid/row-work.ts`; not
 * a keyboard merely resting there), phoning the resident with nothing logged yet (found in review: Анна on the later
 * copy in a call, Борис pressed, and her row went from under her): the other copy goes, or both
 * stay and the pair is offered again later. Presences differ from one replica to another, so only
 * the presser reads them: she writes the deletes and notes the rows she kept so
 * (`Removal.busy`), and a list that sees both copies deleted by two presses at once brings back the
 * one noted (`restoreLostTwice`), the same row on every replica.
 */
import {
	findDuplicates,
	keyColumnsOf,
	MAX_LISTED_MATCHES,
	type ExistingRow,
	type IncomingRow
} from '../csv';
import { MAX_KNOWN_IMPORTS, type ImportInfo, type Sheet } from '../model/sheet';

/** Two imports made at once and the residents both added. */
export interface TwiceImported {
	/** Committed first (its rows are kept) and second. */
	first: ImportInfo;
	second: ImportInfo;
	/** Residents in the list twice through these two imports. */
	pairs: number;
	/** The copies «Убрать повторы» deletes: one of each pair nobody worked on. */
	drop: string[];
	/** Pairs both of whose rows someone worked on: both stay. */
	bothWorked: [string, string][];
	/** The pair of each in `drop`, in its order: the first import's copy, the second's. */
	dropPairs: [string, string][];
	/**
	 * Pairs both of whose rows stay because an operator is on one of them right now and the other
	 * was worked on (or someone is on it too): only when the presser's presences are given.
	 */
	onRow: [string, string][];
}

/** The id of a pair of imports, as the notice and «Убрать повторы» name it. */
export const twicePairId = (twice: { first: { id: string }; second: { id: string } }) =>
	`${twice.first.id}|${twice.second.id}`;

/** Whether `a` was committed knowing of `b` (or cannot tell: an import by an older version). */
function knows(a: ImportInfo, b: ImportInfo, byId: Map<string, ImportInfo>): boolean {
	if (!a.known) return true;
	if (a.known.includes(b.id)) return true;
	// Its list of known imports was full: one older than all it names was known too.
	if (a.known.length >= MAX_KNOWN_IMPORTS) {
		let oldest = Infinity;
		for (const id of a.known) oldest = Math.min(oldest, byId.get(id)?.at ?? Infinity);
		if (b.at < oldest) return true;
	}
	return false;
}

/** Committed first: earlier commit time, then the smaller id (the same order everywhere). */
function byCommit(a: ImportInfo, b: ImportInfo): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const LIST = 'list';

/** The note of a pair of imports «Убрать повторы» dealt with (`Sheet.twiceNotes`). */
const pairKey = (first: ImportInfo, second: ImportInfo) => `pair:${first.id}|${second.id}`;
/**
 * Origin of the note of a pair compared with no resident in common (`watchTwiceImported`): nobody's
 * undo step, nobody's change.
 */
const CHECK_ORIGIN = Object.freeze({ twiceChecked: true });
/** The note of one press of «Убрать повторы»: the copies it deleted (`Sheet.twiceNotes`). */
const removalKey = (id: string) => `removal:${id}`;

/** What a press of «Убрать повторы» notes: the copies it deleted, each with the other. */
interface Removal {
	/** `Sheet.deletedAt` its delete wrote: a later delete (by hand) is not the removal's. */
	at: number;
	/** The copies it deleted. */
	drop: string[];
	/** The other copy of each. */
	other: string[];
	/** Of each pair, the copy of the import committed first: kept when neither was worked on. */
	first: string[];
	/** Copies it kept because an operator was on them as it was pressed (absent: none). */
	busy: string[];
}

const strings = (v: unknown): v is string[] =>
	Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The notes of removals, checked: they come from other replicas too. */
function removals(sheet: Sheet): Removal[] {
	const list: Removal[] = [];
	sheet.twiceNotes.forEach((value, key) => {
		if (!key.startsWith('removal:') || !value || typeof value !== 'object') return;
		const { at, drop, other, first, busy } = value as Record<string, unknown>;
		if (typeof at !== 'number' || !strings(drop) || !strings(other) || !strings(first)) return;
		if (other.length !== drop.length || first.length !== drop.length) return;
		list.push({ at, drop, other, first, busy: strings(busy) ? busy : [] });
	});
	return list;
}

let removalCount = 0;

/**
 * The imports of the list to compare, each later one with those made at the same time before it:
 * neither committed knowing of the other, not both «Добавить все строки», and not dealt with by
 * «Убрать повторы» (its note on the pair): once pressed, what stayed (copies someone worked on)
 * stays, and the list is not compared again at every opening (found in review: 370 ms on a
 * 46,000-row list, each time).
 */
export function importPairsToCheck(sheet: Sheet): { second: ImportInfo; firsts: ImportInfo[] }[] {
	const imports = sheet
		.imports()
		.filter((i) => i.known && i.rows > 0)
		.sort(byCommit);
	if (imports.length < 2) return [];
	const byId = new Map(imports.map((i) => [i.id, i]));
	const pairs: { second: ImportInfo; firsts: ImportInfo[] }[] = [];
	for (let j = 1; j < imports.length; j++) {
		const second = imports[j];
		const firsts = imports
			.slice(0, j)
			.filter(
				(first) =>
					!knows(second, first, byId) &&
					!knows(first, second, byId) &&
					(first.policy !== 'keep' || second.policy !== 'keep') &&
					!sheet.twiceNotes.has(pairKey(first, second))
			);
		if (firsts.length) pairs.push({ second, firsts });
	}
	return pairs;
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Every pair of imports of the list made at once whose rows hold the same residents, with what
 * «Убрать повторы» would delete. An import «Добавить все строки» made together with another such
 * one is not counted: both coordinators chose to add every line. `busy`: the rows operators are
 * on right now, as the presser's presences say (the notice does without: its copies are those
 * of the list alone).
 */
export function findTwiceImported(
	sheet: Sheet,
	busy: ReadonlySet<string> = NOBODY
): TwiceImported[] {
	return compareImports(sheet, busy).found;
}

/** `findTwiceImported`, and the pairs compared that have no resident in common. */
function compareImports(
	sheet: Sheet,
	busy: ReadonlySet<string>
): { found: TwiceImported[]; unrelated: [ImportInfo, ImportInfo][] } {
	const toCheck = importPairsToCheck(sheet);
	const found: TwiceImported[] = [];
	const unrelated: [ImportInfo, ImportInfo][] = [];
	if (toCheck.length === 0) return { found, unrelated };
	const columns = sheet.columns();
	const keys = keyColumnsOf(columns, { row: columns.map((c) => c.id) });
	const keyIds = [
		...new Set(
			[keys.phone, keys.name, keys.birthDate, keys.address, ...(keys.row ?? [])]
				.flat()
				.filter((id): id is string => !!id)
		)
	];
	const valuesOf = (rowId: string) => {
		const values: Record<string, string> = {};
		for (const id of keyIds) values[id] = sheet.getCell(rowId, id);
		return values;
	};
	/** Rows already going (a copy of an earlier pair): not paired again. */
	const going = new Set<string>();
	for (const { second, firsts } of toCheck) {
		// Its copies already removed (the usual case once the notice was acted on): nothing to
		// index the other's rows for.
		const all = sheet.importRowIds(second.id);
		const rows = all.filter((id) => !going.has(id));
		if (rows.length === 0) continue;
		const importOf = new Map<string, ImportInfo>();
		const existing: ExistingRow[] = [];
		/**
		 * Imports some of whose rows were left out (going already, or deleted: brought back, they
		 * may be residents in common): not all of it compared.
		 */
		const partly = new Set<string>();
		for (const first of firsts) {
			const firstRows = sheet.importRowIds(first.id);
			if (firstRows.length < first.rows) partly.add(first.id);
			for (const rowId of firstRows) {
				if (going.has(rowId)) {
					partly.add(first.id);
					continue;
				}
				importOf.set(rowId, first);
				existing.push({ sheetId: LIST, rowId, values: valuesOf(rowId) });
			}
		}
		if (existing.length === 0) continue;
		const incoming: IncomingRow[] = rows.map((rowId, i) => ({
			line: i + 1,
			values: valuesOf(rowId)
		}));
		const duplicates = findDuplicates({
			incoming,
			existing,
			keyColumns: keys,
			targetSheetId: LIST
		});
		const paired = new Set<string>();
		const byFirst = new Map<string, TwiceImported>();
		/** Imports with a resident in common with this one, paired or not. */
		const related = new Set<string>();
		/** A resident's matches not all listed: which imports they are in is not known. */
		let unlisted = false;
		duplicates.forEach((dup, i) => {
			if (dup.inSheet.length >= MAX_LISTED_MATCHES) unlisted = true;
			for (const m of dup.inSheet) {
				const of = importOf.get(m.rowId);
				if (of) related.add(of.id);
			}
			const match = dup.inSheet.find((m) => !paired.has(m.rowId));
			if (!match) return;
			paired.add(match.rowId);
			const first = importOf.get(match.rowId);
			if (!first) return;
			let twice = byFirst.get(first.id);
			if (!twice) {
				twice = {
					first,
					second,
					pairs: 0,
					drop: [],
					bothWorked: [],
					dropPairs: [],
					onRow: []
				};
				byFirst.set(first.id, twice);
			}
			twice.pairs++;
			const kept = match.rowId;
			const copy = rows[i];
			// A copy worked on, or one an operator is on right now, stays.
			const held = (row: string) => sheet.isRowChanged(row) || busy.has(row);
			if (!held(copy)) twice.drop.push(copy);
			else if (!held(kept)) twice.drop.push(kept);
			else {
				if (sheet.isRowChanged(kept) && sheet.isRowChanged(copy))
					twice.bothWorked.push([kept, copy]);
				else twice.onRow.push([kept, copy]);
				return;
			}
			twice.dropPairs.push([kept, copy]);
			going.add(twice.drop[twice.drop.length - 1]);
		});
		for (const first of firsts) {
			const twice = byFirst.get(first.id);
			if (twice) found.push(twice);
			else if (
				!related.has(first.id) &&
				!partly.has(first.id) &&
				!unlisted &&
				rows.length === all.length &&
				all.length >= second.rows
			)
				unrelated.push([first, second]);
		}
	}
	return { found, unrelated };
}

/**
 * «Убрать повторы»: deletes the copies `findTwiceImported` finds now, in one change (one undo
 * step, into «Удалённые строки» as any delete). Returns what it deleted and the pairs it kept.
 * It notes, in the same change, each copy it deleted with the other (so that a resident both of
 * whose copies two operators' removals deleted at once comes back: `restoreLostTwice`), the copies
 * it kept because an operator was on them, and each pair of imports it dealt with (not compared
 * again: `importPairsToCheck`) — not one with a pair kept for an operator on it: offered again.
 * `busy`: the rows operators are on now (the presser's presences); `pairs`: the pairs of imports
 * to deal with (`twicePairId`, those her notice told of; absent: all).
 */
export function removeTwiceImported(
	sheet: Sheet,
	options: { busy?: ReadonlySet<string>; pairs?: ReadonlySet<string> } = {}
): TwiceRemoval {
	const busy = options.busy ?? NOBODY;
	const pairs = options.pairs;
	// Decided over all the pairs, as on any replica, and only then those told of taken.
	const found = findTwiceImported(sheet, busy).filter((t) => !pairs || pairs.has(twicePairId(t)));
	const removed = found.flatMap((t) => t.drop);
	const dealt = found.filter((twice) => twice.onRow.length === 0);
	const notes = dealt.map((twice) => pairKey(twice.first, twice.second));
	if (found.length)
		sheet.doc.transact(() => {
			if (removed.length) {
				sheet.deleteRows(removed);
				const removal: Removal = {
					at: sheet.deletedAt(removed[0]),
					drop: [],
					other: [],
					first: [],
					busy: []
				};
				for (const twice of found)
					twice.drop.forEach((row, i) => {
						const [first, second] = twice.dropPairs[i];
						const other = row === first ? second : first;
						removal.drop.push(row);
						removal.other.push(other);
						removal.first.push(first);
						if (busy.has(other) && !sheet.isRowChanged(other)) removal.busy.push(other);
					});
				const key = removalKey(`${sheet.doc.clientID}.${Date.now()}.${++removalCount}`);
				sheet.twiceNotes.set(key, removal);
				notes.push(key);
			}
			for (const twice of dealt)
				sheet.twiceNotes.set(pairKey(twice.first, twice.second), { at: Date.now() });
		}, sheet.origin);
	return {
		removed,
		bothWorked: found.flatMap((t) => t.bothWorked),
		onRow: found.flatMap((t) => t.onRow),
		notes
	};
}

/** What «Убрать повторы» did (`removeTwiceImported`). */
export interface TwiceRemoval {
	/** The copies it deleted. */
	removed: string[];
	/** The pairs it kept, both copies worked on. */
	bothWorked: [string, string][];
	/** The pairs it kept for an operator on one of them (`TwiceImported.onRow`): offered again. */
	onRow: [string, string][];
	/** Its notes (`Sheet.twiceNotes`). */
	notes: string[];
}

/**
 * «Отменить» of the notice of a removal: its copies back and its notes gone, so that the notice
 * of the residents twice comes again (as after Ctrl+Z).
 */
export function undoTwiceRemoval(sheet: Sheet, removal: TwiceRemoval): void {
	sheet.doc.transact(() => {
		sheet.restoreRows(removal.removed);
		for (const key of removal.notes) sheet.twiceNotes.delete(key);
	}, sheet.origin);
}

/**
 * Brings back the residents both of whose copies «Убрать повторы» deleted: two operators pressed
 * it at once, one of them before the other's work on a copy reached her (found in review: Борис
 * wrote a note on his copy of Иванова, Анна deleted that copy as untouched, Борис hers, and
 * Иванова was gone from the list). The copy someone worked on comes back (both, if both were),
 * or kept by a press for an operator on it (`Removal.busy`), else the earlier import's: decided
 * from the list alone, so replicas doing it at once bring back the same row. Not the operator's
 * undo step. Returns the rows it brought back.
 */
export function restoreLostTwice(sheet: Sheet): string[] {
	const list = removals(sheet);
	if (list.length < 2) return [];
	/** Copies a press kept because an operator was on them: hers, as good as worked on. */
	const busy = new Set(list.flatMap((removal) => removal.busy));
	/** Copies deleted by a removal and not brought back or deleted again since. */
	const removedNow = new Set<string>();
	for (const removal of list)
		for (const row of removal.drop) if (sheet.deletedAt(row) === removal.at) removedNow.add(row);
	const restore = new Set<string>();
	for (const removal of list)
		removal.drop.forEach((row, i) => {
			const other = removal.other[i];
			if (!removedNow.has(row) || !removedNow.has(other)) return;
			// Both copies deleted, each by a «Убрать повторы»: the resident would be lost.
			const worked = [row, other].filter((id) => sheet.isRowChanged(id) || busy.has(id));
			for (const id of worked.length ? worked : [removal.first[i]]) restore.add(id);
		});
	if (restore.size) sheet.restoreRowsAsRepair([...restore]);
	return [...restore];
}

/**
 * Calls `onChange` with `findTwiceImported` as the page opens and whenever the list's imports
 * or what «Убрать повторы» noted change (a colleague's import or removal arriving from the server,
 * an undo), at most every `delayMs`; first brings back what removals at once both deleted
 * (`restoreLostTwice`). A pair of imports compared with no resident in common is noted as dealt
 * with (nobody's step, for every replica): not compared again at each opening (found in review:
 * four imports of 5,000 residents each, made offline, cost each opening of the list 0.5–1.4 s).
 * Returns the function that stops it.
 */
export function watchTwiceImported(
	sheet: Sheet,
	onChange: (found: TwiceImported[]) => void,
	delayMs = 300
): () => void {
	const imports = sheet.doc.getMap('imports');
	let timer: ReturnType<typeof setTimeout> | null = null;
	const check = () => {
		timer = null;
		restoreLostTwice(sheet);
		const { found, unrelated } = compareImports(sheet, NOBODY);
		if (unrelated.length)
			sheet.doc.transact(() => {
				for (const [first, second] of unrelated)
					sheet.twiceNotes.set(pairKey(first, second), { at: Date.now(), none: true });
			}, CHECK_ORIGIN);
		onChange(found);
	};
	const later = () => {
		timer ??= setTimeout(check, delayMs);
	};
	imports.observe(later);
	sheet.twiceNotes.observe(later);
	later();
	return () => {
		imports.unobserve(later);
		sheet.twiceNotes.unobserve(later);
		if (timer !== null) clearTimeout(timer);
	};
}

/** Whose import the notice names, seen by the operator `viewer`. */
export function twiceWho(
	twice: TwiceImported,
	viewer: string
):
	| { kind: 'other'; by: string }
	| { kind: 'both'; a: string; b: string }
	| { kind: 'same'; by: string } {
	const a = twice.first.by;
	const b = twice.second.by;
	if (a && b && a.id === b.id) return { kind: 'same', by: a.name };
	if (a && a.id === viewer) return { kind: 'other', by: b?.name ?? '' };
	if (b && b.id === viewer) return { kind: 'other', by: a?.name ?? '' };
	return { kind: 'both', a: a?.name ?? '', b: b?.name ?? '' };
}

/** Whether the two imports were of the same file, by its name and size. */
export function sameFile(twice: TwiceImported): boolean {
	const a = twice.first.file;
	const b = twice.second.file;
	return !!a && !!b && a.name === b.name && a.size === b.size;
}

/** How many pairs of imports closed with × a browser remembers per list (the latest). */
export const MAX_CLOSED_TWICE = 100;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The notices of residents twice a coordinator closed with ×, in this browser (localStorage, per
 * list, by pair of imports: `twicePairId`): not shown again for the same imports when the list is
 * opened again, while a new pair of imports made at once is (found in review: × hid the notice
 * only until the list was opened again). No more than `MAX_CLOSED_TWICE` per list, the latest.
 */
export class ClosedTwiceNotices {
	readonly #key: string;
	readonly #storage: StorageLike | undefined;

	constructor(listId: string, storage: StorageLike | undefined = globalThis.localStorage) {
		this.#key = `shtab.twiceClosed.${listId}`;
		this.#storage = storage;
	}

	#read(): string[] {
		try {
			const raw: unknown = JSON.parse(this.#storage?.getItem(this.#key) ?? '[]');
			return Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string') : [];
		} catch {
			// Storage blocked, or not ours: nothing closed.
			return [];
		}
	}

	isClosed(twice: { first: { id: string }; second: { id: string } }): boolean {
		return this.#read().includes(twicePairId(twice));
	}

	/** The pairs not closed here. */
	shown<T extends { first: { id: string }; second: { id: string } }>(found: T[]): T[] {
		if (found.length === 0) return found;
		const closed = new Set(this.#read());
		return found.filter((twice) => !closed.has(twicePairId(twice)));
	}

	/** × of a notice that told of these pairs. */
	close(found: { first: { id: string }; second: { id: string } }[]): void {
		const ids = found.map(twicePairId);
		const kept = this.#read().filter((id) => !ids.includes(id));
		try {
			this.#storage?.setItem(
				this.#key,
				JSON.stringify([...kept, ...ids].slice(-MAX_CLOSED_TWICE).map((id) => id.slice(0, 200)))
			);
		} catch {
			// Storage full or blocked: the notice may come again at the next opening.
		}
	}
}
