/**
 * Logging a call in a call list: the operator sets «Результат звонка», and the same step fills
 * in who called and when, and counts the attempt. Found by exploration: «Оператор» and «Дата
 * звонка» were typed by hand for every call (about 30 keys), and a name typed short («А») took
 * the row out of the view «Мои звонки».
 *
 * The columns are the call list's own (`model/templates.ts`), found by type and title in either
 * language. An attempt is counted when the last call logged on the row is older than
 * `CORRECTION_MS`; a result changed within that time by the operator who logged that call
 * corrects it, it is not another one.
 */
import type { Column, Sheet } from '$lib/model/sheet';
import type { CellChange, HistoryEntry } from '$lib/model/history';
import { localIsoDateTime } from '$lib/values';
import { choiceKey } from '$lib/values/choice';

/** A result changed this soon after the last call logged on the row, by its operator, corrects that call. */
export const CORRECTION_MS = 10 * 60_000;

const RESULT = ['результат звонка', 'call outcome'];
const OPERATOR = ['оператор', 'operator'];
const CALL_DATE = ['дата звонка', 'call date'];
const ATTEMPTS = ['попытки', 'attempts'];

/**
 * A column of a list's kind (`model/templates.ts`), by its type and its title in either language
 * (`titles` lower-cased): the call list's here, the request board's in `new-request.ts`.
 */
export function kindColumn<C extends Pick<Column, 'type' | 'title' | 'storedTitle'>>(
	columns: readonly C[],
	type: Column['type'],
	titles: string[]
): C | undefined {
	return columns.find(
		(c) => c.type === type && titles.includes((c.storedTitle ?? c.title).trim().toLowerCase())
	);
}

/**
 * The ids of the columns a call's result logs («Оператор», «Дата звонка», «Попытки»): a paste
 * writes no empty value over them (`pasteBlock`'s `keep`). Found by exploration: the morning's
 * notes pasted over residents already called, their log cells empty as Excel copies them,
 * blanked who had called them, when, and how many times.
 */
export function callLogColumns(columns: Column[]): string[] {
	return [
		kindColumn(columns, 'person', OPERATOR),
		kindColumn(columns, 'datetime', CALL_DATE),
		kindColumn(columns, 'number', ATTEMPTS)
	].flatMap((c) => (c ? [c.id] : []));
}

/**
 * The ids of one call's columns: «Результат звонка» and what it logs (`callLogColumns`). A redo
 * leaves them whole in a row a colleague logged a call in since the undo (`Sheet.boundColumns`).
 */
export function callColumns(columns: Column[]): string[] {
	const result = kindColumn(columns, 'choice', RESULT);
	return result ? [result.id, ...callLogColumns(columns)] : [];
}

/** A stored date-and-time as a moment (local time), or null. */
function parseStored(value: string): number | null {
	const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(value);
	if (!m) return null;
	return new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]).getTime();
}

/**
 * The other cells to set with `value` typed into `colId` of `rowId`: none unless it is a new
 * call result; then the operator's name, the time, and the attempts one more.
 */
export function callLogEdits(
	sheet: Pick<Sheet, 'columns' | 'getCell'> & Partial<Pick<Sheet, 'history'>>,
	rowId: string,
	colId: string,
	value: string,
	operatorName: string,
	now = new Date()
): { colId: string; value: string; always?: true }[] {
	if (value === '') return [];
	const columns = sheet.columns();
	const result = kindColumn(columns, 'choice', RESULT);
	if (!result || result.id !== colId || sheet.getCell(rowId, colId) === value) return [];
	const edits: { colId: string; value: string; always?: true }[] = [];
	const operator = kindColumn(columns, 'person', OPERATOR);
	// «Оператор» and «Дата звонка» written even where they show the same already (`always`): a
	// call's cells are merged one by one, and a colleague's unseen call that wrote her name would
	// otherwise keep it next to this later result and date (found by a fuzz, 2026-12-08: Борис's
	// second call left Анна's «Оператор» on his «дозвонились»).
	if (operator && operatorName)
		edits.push({ colId: operator.id, value: operatorName, always: true });
	const date = kindColumn(columns, 'datetime', CALL_DATE);
	const last = date ? parseStored(sheet.getCell(rowId, date.id)) : null;
	// Another operator's result a moment after a colleague's call is her own call (found by
	// review: two operators reached the same resident minutes apart, and one attempt was lost).
	// Who logged the last result is known by id from the history (two operators may both be
	// «Анна»); without it, by the name in «Оператор».
	const history = sheet.history;
	const lastBy = history?.forCell(rowId, colId)[0]?.author.id;
	const sameOperator =
		lastBy !== undefined && history
			? lastBy === history.author.id
			: !operator || !operatorName || sheet.getCell(rowId, operator.id) === operatorName;
	const correction = last !== null && now.getTime() - last < CORRECTION_MS && sameOperator;
	if (date) edits.push({ colId: date.id, value: localIsoDateTime(now), always: true });
	const attempts = kindColumn(columns, 'number', ATTEMPTS);
	if (attempts && !correction)
		edits.push({ colId: attempts.id, value: nextCount(sheet.getCell(rowId, attempts.id)) });
	return edits;
}

/** «Попытки» one more than `value` (nothing, or not a number: none before). */
function nextCount(value: string): string {
	const count = Number.parseInt(value, 10);
	return String((Number.isFinite(count) ? count : 0) + 1);
}

/**
 * «Попытки» of a row where two of its values written at the same time meet (`Sheet.mergeCells`),
 * or `null` for another cell. Found by exploration: two operators logged a call to the same
 * resident at the same moment (or one of them offline), each counted her attempt over the same
 * count, and the cell kept one of the two: two calls in the history, «Попытки» one short.
 *
 * The count is read from the cell's changes in the history's order (`cellInOrder`, the same on
 * every replica, so all write the same and repairs never take turns): a call logged (or brought
 * back by a redo) adds one to the count, whatever count its operator saw; an operator's undo of
 * her call leaves that call out (`kindsOf`); any other change of the cell (a coordinator's edit,
 * a paste, an import's update, another undo or redo) sets it. Before the first change, the
 * count is the one that change was made over (the imported «Попытки», say). A coordinator's
 * edit made at the same time as a call counts in the history's order: after it, the call
 * is added to her count; before it, her count stays. `null` (the later value stays, as for any
 * cell) when an entry cut to its limits (a paste of thousands of cells) may have changed the
 * cell after the last change known.
 */
export function mergedAttempts(
	sheet: Pick<Sheet, 'columns' | 'history'>,
	rowId: string,
	colId: string
): string | null {
	return mergedAttemptsOf(sheet, [[rowId, colId]])[0];
}

/**
 * `mergedAttempts` of each of `cells`, reading the history once for them all (`cellsInOrder`):
 * an operator back with 500 calls logged offline over a colleague's brings 500 of them at once.
 */
export function mergedAttemptsOf(
	sheet: Pick<Sheet, 'columns' | 'history'>,
	cells: [rowId: string, colId: string][]
): (string | null)[] {
	const columns = sheet.columns();
	const attempts = kindColumn(columns, 'number', ATTEMPTS);
	const result = kindColumn(columns, 'choice', RESULT);
	if (!attempts || !result) return cells.map(() => null);
	const lists = sheet.history.cellsInOrder(cells.filter(([, colId]) => colId === attempts.id));
	return cells.map(([rowId, colId]) => {
		const list = colId === attempts.id ? lists.get(`${rowId}:${colId}`) : undefined;
		return list ? countOf(list, kindsOf(list, rowId, result.id)) : null;
	});
}

/** «нужна помощь» in either language, however spelled (case, spaces, ё). */
const NEEDS_HELP = new Set(['нужна помощь', 'needs help'].map(choiceKey));
const needsHelp = (value: string) => value !== '' && NEEDS_HELP.has(choiceKey(value));

/**
 * What a call list's cells become where values written at the same time meet
 * (`Sheet.mergeCells`; `values`, the ones met, none written over another): «Попытки» the count
 * (`mergedAttemptsOf`); «Результат звонка» «нужна помощь» when one of them is, the most important
 * result, whoever logged hers later; and that call's «Оператор» and «Дата звонка» with it, so
 * the row says who found the need and when. `null` elsewhere (the later value stays). Found by
 * exploration: an operator offline logged «нужна помощь», a colleague called the same resident
 * two seconds later, without seeing hers, and logged «дозвонились»: the later result stayed, and
 * the resident who needs help showed only in the history and a notice. A result logged knowing
 * «нужна помощь» (written over it) is no such meeting and stays as for any cell.
 *
 * The same on every replica: each reads which call logged «нужна помощь» from the history. Not
 * every meeting has the result in it (a repair of the log cells travels alone, and a value
 * written over comes without its text), so a row showing «нужна помощь» counts as met too.
 */
export function mergedCallCellsOf(
	sheet: Pick<Sheet, 'columns' | 'history' | 'getCell'>,
	cells: [rowId: string, colId: string, values?: string[]][]
): (string | null)[] {
	const out = mergedAttemptsOf(
		sheet,
		cells.map(([rowId, colId]) => [rowId, colId])
	);
	const columns = sheet.columns();
	const result = kindColumn(columns, 'choice', RESULT);
	if (!result) return out;
	// The rows whose result met «нужна помощь»: the value (the first in code order if spelled two
	// ways), and the call's other log cells to keep with it.
	const help = new Map<string, string>();
	cells.forEach(([rowId, colId, values = []], i) => {
		if (colId !== result.id) return;
		const found = values.filter(needsHelp).sort();
		if (found.length === 0 || !values.some((v) => !needsHelp(v))) return;
		help.set(rowId, found[0]);
		out[i] = found[0];
	});
	// A row whose result is «нужна помощь», its log cells met without the other result in sight:
	// a replica's repair of them travels without the result, and a value written over comes
	// without its text (found in review: on three replicas the row showed «нужна помощь» with
	// the «Оператор» and «Дата звонка» of a colleague's «дозвонились»).
	for (const [rowId] of cells) {
		const current = sheet.getCell(rowId, result.id);
		if (!help.has(rowId) && needsHelp(current)) help.set(rowId, current);
	}
	const logged = [
		kindColumn(columns, 'person', OPERATOR),
		kindColumn(columns, 'datetime', CALL_DATE)
	].flatMap((c) => (c ? [c.id] : []));
	const asked = cells.flatMap(([rowId, colId], i) =>
		help.has(rowId) && logged.includes(colId) ? [i] : []
	);
	if (asked.length === 0) return out;
	const lists = sheet.history.cellsInOrder(asked.map((i) => [cells[i][0], cells[i][1]]));
	for (const i of asked) {
		const [rowId, colId, values = []] = cells[i];
		const value = help.get(rowId)!;
		// The value this cell got from the latest change that logged «нужна помощь» on the row.
		let along: string | null = null;
		for (const { entry, change } of lists.get(`${rowId}:${colId}`) ?? [])
			if (change && !entry.u && resultOf(entry, rowId, result.id)?.[3] === value) along = change[3];
		if (along !== null && values.includes(along)) out[i] = along;
	}
	return out;
}

/**
 * «Попытки» to set with this operator's undo (or redo) of calls, as `[rowId, colId, count]`: for
 * each row whose result it took back (brought back) while the count stayed as it was, the count
 * the history gives without that call (with it once more). Found by exploration: two operators
 * logged a call to the same resident at once, the merge made «Попытки» 2 (`mergedAttempts`),
 * and when one of them pressed Ctrl+Z — the wrong resident — her result went and «Попытки» stayed
 * 2 for one call: Yjs brings back the count before hers only where nobody wrote over it, and the
 * merge had. A count Yjs's undo did change (no merge over it), or a row whose last change of hers
 * was no call, is left alone; so is a count a coordinator typed after the call (the history's
 * count without the call is hers).
 */
export function undoneAttemptsOf(
	sheet: Pick<Sheet, 'columns' | 'history' | 'getCell'>,
	cells: CellChange[],
	kind: 'undo' | 'redo'
): [rowId: string, colId: string, value: string][] {
	const columns = sheet.columns();
	const attempts = kindColumn(columns, 'number', ATTEMPTS);
	const result = kindColumn(columns, 'choice', RESULT);
	if (!attempts || !result) return [];
	// The counts Yjs's undo (redo) set itself, by row.
	const counted = new Map(cells.filter(([, c]) => c === attempts.id).map(([r, , , a]) => [r, a]));
	// The result of the call taken back (or brought back), by row. An undo's count is looked at
	// too: where it took the call's count out and nothing came back in its place (the count it
	// was written over already written back elsewhere), the cell shows the one under it, an
	// imported count, not the calls that stand (found by a fuzz in review: «Попытки» 3 for 5).
	const calls = new Map<string, string>();
	for (const [rowId, colId, before, after] of cells) {
		const value = kind === 'undo' ? before : after;
		if (colId === result.id && value !== '' && (kind === 'undo' || !counted.has(rowId)))
			calls.set(rowId, value);
	}
	if (calls.size === 0) return [];
	const me = sheet.history.author.id;
	const lists = sheet.history.cellsInOrder([...calls.keys()].map((rowId) => [rowId, attempts.id]));
	const out: [string, string, string][] = [];
	for (const [rowId, value] of calls) {
		const list = lists.get(`${rowId}:${attempts.id}`) ?? [];
		const kinds = kindsOf(list, rowId, result.id);
		// Her last change of the count: the call whose result this step took back (an undo), or
		// that call, or her undo of it (a redo). Calls taken back and undos that set a count
		// back are passed over, as her undo's repair of a count before them was.
		let at = -1;
		for (let i = list.length - 1; i >= 0; i--) {
			const { entry, change } = list[i];
			const what = kinds[i];
			if (!change || entry.by !== me) continue;
			const undid = what === 'gone' && entry.u === 'undo';
			if (what === 'gone' ? !undid || kind === 'undo' : entry.u && what !== 'call') continue;
			const logged = resultOf(entry, rowId, result.id);
			if ((undid || what === 'call') && logged?.[undid ? 2 : 3] === value) at = i;
			break;
		}
		if (at < 0) continue;
		// Yjs's undo gave back the count the call was logged over: left as it is.
		if (counted.has(rowId) && counted.get(rowId) === (list[at].change?.[2] ?? '')) continue;
		if (kind === 'undo') kinds[at] = 'gone';
		const count = countOf(list, kinds);
		if (count === null) continue;
		const next = kind === 'undo' ? count : nextCount(count);
		if (next !== sheet.getCell(rowId, attempts.id)) out.push([rowId, attempts.id, next]);
	}
	return out;
}

/** What one change of a count is (`kindsOf`). */
type CountKind = 'call' | 'set' | 'unknown' | 'gone';

/** The change of the row's result an entry lists, if any. */
function resultOf(entry: HistoryEntry, rowId: string, resultId: string): CellChange | undefined {
	return entry.cells?.find(([r, c]) => r === rowId && c === resultId);
}

/**
 * What each of one count's changes (`cellsInOrder`) is: a call logged or brought back by a
 * redo (one more), a count set (a coordinator's, a paste's, an import's, any other undo or
 * redo), a change of unknown cells (an entry cut to its limits), or gone — an operator's undo
 * of her call and the call it took back, both left out, as if the call had not been. Found in
 * review: her undo's count read as a count set by hand, so a colleague's call made meanwhile
 * (offline) was counted over the count before it, and an undo after a redo left the redo's
 * count standing, one more each time.
 */
function kindsOf(
	list: { entry: HistoryEntry; change: CellChange | null }[],
	rowId: string,
	resultId: string
): CountKind[] {
	const kinds: CountKind[] = [];
	// Calls still counted, oldest first (indices into `list`).
	const counted: number[] = [];
	list.forEach(({ entry, change }, i) => {
		if (!change) {
			kinds.push('unknown');
			return;
		}
		const logged = resultOf(entry, rowId, resultId);
		if (entry.u !== 'undo' && logged && logged[3] !== '' && change[3] === nextCount(change[2])) {
			kinds.push('call');
			counted.push(i);
			return;
		}
		// An undo that took back a result: her newest call still counted, if it logged that one.
		if (entry.u === 'undo' && logged && logged[2] !== '') {
			let j = counted.length - 1;
			while (j >= 0 && list[counted[j]].entry.by !== entry.by) j--;
			if (j >= 0 && resultOf(list[counted[j]].entry, rowId, resultId)?.[3] === logged[2]) {
				kinds[counted[j]] = 'gone';
				counted.splice(j, 1);
				kinds.push('gone');
				return;
			}
		}
		kinds.push('set');
	});
	return kinds;
}

/** The count one cell's changes in the history's order give (`mergedAttempts`), by their kinds. */
function countOf(
	list: { entry: HistoryEntry; change: CellChange | null }[],
	kinds: CountKind[]
): string | null {
	let count: string | null = null;
	let unknown = false;
	list.forEach(({ entry, change }, i) => {
		const kind = kinds[i];
		if (!change || kind === 'unknown') {
			unknown = count !== null;
			return;
		}
		const [, , old, value] = change;
		// A call taken back first: the count is the one it was logged over.
		if (kind === 'gone') {
			if (entry.u !== 'undo') count ??= old;
			return;
		}
		if (kind === 'call') count = nextCount(count ?? old);
		else {
			count = value;
			unknown = false;
		}
	});
	return unknown ? null : count;
}
