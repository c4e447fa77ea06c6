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

/**
 * Every pair of imports of the list made at once whose rows hold the same residents, with what
 * «Убрать повторы» would delete. An import «Добавить все строки» made together with another such
 * one is not counted: both coordinators chose to add every line.
 */
export function findTwiceImported(sheet: Sheet): TwiceImported[] {
	const imports = sheet
		.imports()
		.filter((i) => i.known && i.rows > 0)
		.sort(byCommit);
	if (imports.length < 2) return [];
	const byId = new Map(imports.map((i) => [i.id, i]));
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
	for (let j = 1; j < imports.length; j++) {
		const second = imports[j];
		const firsts = imports
			.slice(0, j)
			.filter(
				(first) =>
					!knows(second, first, byId) &&
					!knows(first, second, byId) &&
					(first.policy !== 'keep' || second.policy !== 'keep')
			);
		if (firsts.length === 0) continue;
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
				twice = { first, second, pairs: 0, drop: [], bothWorked: [] };
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
 */
export function removeTwiceImported(sheet: Sheet): {
	removed: string[];
	bothWorked: [string, string][];
} {
	const found = findTwiceImported(sheet);
	const removed = found.flatMap((t) => t.drop);
	if (removed.length) sheet.deleteRows(removed);
	return { removed, bothWorked: found.flatMap((t) => t.bothWorked) };
}

/**
 * Calls `onChange` with `findTwiceImported` as the page opens and whenever the list's imports
 * change (a colleague's import arriving from the server, an undo), at most every `delayMs`.
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
		onChange(findTwiceImported(sheet));
	};
	const later = () => {
		timer ??= setTimeout(check, delayMs);
	};
	imports.observe(later);
	later();
	return () => {
		imports.unobserve(later);
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
