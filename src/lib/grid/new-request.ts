/**
 * A new request on a request board: the operator adds the row (the «+» line, a paste of new
 * rows, «Добавить строку»), and the same step gives it «Статус» = «новая» and «Дата заявки» =
 * today, where she left them empty. Found by exploration: a hotline operator typed the name,
 * the phone and the kind of help, and the request never showed in the coordinator's view
 * «Новые заявки» (Статус = «новая»).
 *
 * The columns are the request board's own (`model/templates.ts`), found by type and title in
 * either language, as `call-log.ts` finds a call list's. A CSV import adds its rows as the file
 * has them, without these.
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
	const status = kindColumn(columns, 'choice', STATUS);
	const fresh = status?.options?.find((o) => NEW.includes(choiceKey(o.value)));
	if (status && fresh && !values[status.id]) edits.push({ colId: status.id, value: fresh.value });
	const date = kindColumn(columns, 'date', REQUEST_DATE);
	if (date && !values[date.id]) edits.push({ colId: date.id, value: localIsoDate(now) });
	return edits;
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
