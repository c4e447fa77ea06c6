/**
 * A new request on a request board: the operator adds the row (the «+» line, a paste of new
 * rows, «Добавить строку»), and the same step gives it «Статус» = «новая» and «Дата заявки» =
 * today, where she left them empty. Found by exploration: a hotline operator typed the name,
 * the phone and the kind of help, and the request never showed in the coordinator's view
 * «Новые заявки» (Статус = «новая»).
 *
 * The columns are the request board's own (`model/templates.ts`), found by type and title in
 * either language, as `call-log.ts` finds a call list's. A CSV import gives the rows it adds
 * «новая» where the file's status is empty (`newRequestStatus`), not today's date: a file's
 * request was made the day it says, or on a day nobody wrote down.
 */
import type { Column, Sheet } from '$lib/model/sheet';
import { kindColumn } from './call-log';
import { choiceKey, localIsoDate } from '$lib/values';

const STATUS = ['статус', 'status'];
const REQUEST_DATE = ['дата заявки', 'request date'];
const VOLUNTEER = ['волонтёр', 'волонтер', 'volunteer'];
/** The status of a new request, in either language of the template. */
const NEW = ['новая', 'new'];

/**
 * The cells a new row of a request board also gets, given the values it is added with (column
 * id → value): «Статус» = the column's option «новая» (or «new»), «Дата заявки» = today, each
 * only where the row's own value is empty.
 */
export function newRequestEdits(
	sheet: Pick<Sheet, 'columns'>,
	values: Readonly<Record<string, string>>,
	now = new Date()
): { colId: string; value: string }[] {
	const columns = sheet.columns();
	const edits: { colId: string; value: string }[] = [];
	const status = newRequestStatus(columns);
	if (status && !values[status.colId]) edits.push(status);
	const date = kindColumn(columns, 'date', REQUEST_DATE);
	if (date && !values[date.id]) edits.push({ colId: date.id, value: localIsoDate(now) });
	return edits;
}

/**
 * A request board's «Статус» and its option «новая» (or «new», in the language the board was
 * made in), or null: what a new request gets where its status is empty — typed, pasted or
 * imported.
 */
export function newRequestStatus(
	columns: readonly Pick<Column, 'id' | 'type' | 'title' | 'storedTitle' | 'options'>[]
): { colId: string; value: string } | null {
	const status = kindColumn(columns, 'choice', STATUS);
	const fresh = status?.options?.find((o) => NEW.includes(choiceKey(o.value)));
	return status && fresh ? { colId: status.id, value: fresh.value } : null;
}

/**
 * The ids of the columns that carry a request's progress («Статус», «Волонтёр», «Дата заявки»):
 * a paste writes no empty value over them in a request already there (`pasteBlock`'s `keep`), as
 * over a call list's log (`callLogColumns`). Found in review: a block of requests pasted from
 * Excel whose «Статус» column was empty blanked the status of the requests under it, and they
 * dropped out of «Новые заявки» and the board's counts; an empty «Волонтёр» took them out of the
 * volunteer's «Мои заявки». A value pasted there is written; Delete still empties them; rows the
 * paste adds get «новая» and today's date (`newRequestEdits`).
 */
export function requestProgressColumns(columns: Column[]): string[] {
	return [
		kindColumn(columns, 'choice', STATUS),
		kindColumn(columns, 'person', VOLUNTEER),
		kindColumn(columns, 'date', REQUEST_DATE)
	].flatMap((c) => (c ? [c.id] : []));
}
