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
 */
import { findDuplicates, keyColumnsOf, type ExistingRow, type IncomingRow } from '../csv';
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
}

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
}

const strings = (v: unknown): v is string[] =>
	Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The notes of removals, checked: they come from other replicas too. */
function removals(sheet: Sheet): Removal[] {
	const list: Removal[] = [];
	sheet.twiceNotes.forEach((value, key) => {
		if (!key.startsWith('removal:') || !value || typeof value !== 'object') return;
		const { at, drop, other, first } = value as Record<string, unknown>;
		if (typeof at !== 'number' || !strings(drop) || !strings(other) || !strings(first)) return;
		if (other.length !== drop.length || first.length !== drop.length) return;
		list.push({ at, drop, other, first });
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

/**
 * Every pair of imports of the list made at once whose rows hold the same residents, with what
 * «Убрать повторы» would delete. An import «Добавить все строки» made together with another such
 * one is not counted: both coordinators chose to add every line.
 */
export function findTwiceImported(sheet: Sheet): TwiceImported[] {
	const toCheck = importPairsToCheck(sheet);
	if (toCheck.length === 0) return [];
	const found: TwiceImported[] = [];
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
		const rows = sheet.importRowIds(second.id).filter((id) => !going.has(id));
		if (rows.length === 0) continue;
		const importOf = new Map<string, ImportInfo>();
		const existing: ExistingRow[] = [];
		for (const first of firsts)
			for (const rowId of sheet.importRowIds(first.id)) {
				if (going.has(rowId)) continue;
				importOf.set(rowId, first);
				existing.push({ sheetId: LIST, rowId, values: valuesOf(rowId) });
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
		duplicates.forEach((dup, i) => {
			const match = dup.inSheet.find((m) => !paired.has(m.rowId));
			if (!match) return;
			paired.add(match.rowId);
			const first = importOf.get(match.rowId);
			if (!first) return;
			let twice = byFirst.get(first.id);
			if (!twice) {
				twice = { first, second, pairs: 0, drop: [], bothWorked: [], dropPairs: [] };
				byFirst.set(first.id, twice);
			}
			twice.pairs++;
			const kept = match.rowId;
			const copy = rows[i];
			if (!sheet.isRowChanged(copy)) twice.drop.push(copy);
			else if (!sheet.isRowChanged(kept)) twice.drop.push(kept);
			else {
				twice.bothWorked.push([kept, copy]);
				return;
			}
			twice.dropPairs.push([kept, copy]);
			going.add(twice.drop[twice.drop.length - 1]);
		});
		for (const first of firsts) {
			const twice = byFirst.get(first.id);
			if (twice) found.push(twice);
		}
	}
	return found;
}

/**
 * «Убрать повторы»: deletes the copies `findTwiceImported` finds now, in one change (one undo
 * step, into «Удалённые строки» as any delete). Returns what it deleted and the pairs it kept.
 * It notes, in the same change, each copy it deleted with the other (so that a resident both of
 * whose copies two operators' removals deleted at once comes back: `restoreLostTwice`) and each
 * pair of imports it dealt with (not compared again: `importPairsToCheck`).
 */
export function removeTwiceImported(sheet: Sheet): TwiceRemoval {
	const found = findTwiceImported(sheet);
	const removed = found.flatMap((t) => t.drop);
	const notes = found.map((twice) => pairKey(twice.first, twice.second));
	if (found.length)
		sheet.doc.transact(() => {
			if (removed.length) {
				sheet.deleteRows(removed);
				const removal: Removal = {
					at: sheet.deletedAt(removed[0]),
					drop: [],
					other: [],
					first: []
				};
				for (const twice of found)
					twice.drop.forEach((row, i) => {
						const [first, second] = twice.dropPairs[i];
						removal.drop.push(row);
						removal.other.push(row === first ? second : first);
						removal.first.push(first);
					});
				const key = removalKey(`${sheet.doc.clientID}.${Date.now()}.${++removalCount}`);
				sheet.twiceNotes.set(key, removal);
				notes.push(key);
			}
			for (const twice of found)
				sheet.twiceNotes.set(pairKey(twice.first, twice.second), { at: Date.now() });
		}, sheet.origin);
	return { removed, bothWorked: found.flatMap((t) => t.bothWorked), notes };
}

/** What «Убрать повторы» did (`removeTwiceImported`). */
export interface TwiceRemoval {
	/** The copies it deleted. */
	removed: string[];
	/** The pairs it kept, both copies worked on. */
	bothWorked: [string, string][];
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
 * else the earlier import's: decided from the list alone, so replicas doing it at once bring back
 * the same row. Not the operator's undo step. Returns the rows it brought back.
 */
export function restoreLostTwice(sheet: Sheet): string[] {
	const list = removals(sheet);
	if (list.length < 2) return [];
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
			const worked = [row, other].filter((id) => sheet.isRowChanged(id));
			for (const id of worked.length ? worked : [removal.first[i]]) restore.add(id);
		});
	if (restore.size) sheet.restoreRowsAsRepair([...restore]);
	return [...restore];
}

/**
 * Calls `onChange` with `findTwiceImported` as the page opens and whenever the list's imports
 * or what «Убрать повторы» noted change (a colleague's import or removal arriving from the server,
 * an undo), at most every `delayMs`; first brings back what removals at once both deleted
 * (`restoreLostTwice`).
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
		onChange(findTwiceImported(sheet));
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
