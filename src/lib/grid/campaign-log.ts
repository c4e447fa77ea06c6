/**
 * A congratulation marked in a campaign: the operator sets «Результат», and the same step fills
 * «Дата» with today, as a call list's result fills «Дата звонка» (`call-log.ts`). The
 * headquarters reports how many veterans were congratulated and when (DOMAIN.md: 5,611 by phone,
 * 3,296 not reached); found by exploration, a campaign's results had no date unless the operator
 * typed it for every resident.
 *
 * A date the row has without a result (a visit's date typed before its result, entered after
 * the day) is kept; a date of an earlier result («не дозвонились» last week) gives way to today.
 * The columns are the campaign's own (`model/templates.ts`), found by type and title in either
 * language; a list without a date column gets nothing.
 */
import type { Sheet } from '$lib/model/sheet';
import { localIsoDate } from '$lib/values';
import { kindColumn } from './call-log';

const RESULT = ['результат', 'result'];
const DATE = ['дата', 'date'];

/** The other cells to set with `value` put into `colId` of `rowId`: «Дата» for a new result. */
export function campaignLogEdits(
	sheet: Pick<Sheet, 'columns' | 'getCell'>,
	rowId: string,
	colId: string,
	value: string,
	now = new Date()
): { colId: string; value: string }[] {
	if (value === '') return [];
	const columns = sheet.columns();
	const result = kindColumn(columns, 'choice', RESULT);
	if (!result || result.id !== colId) return [];
	const before = sheet.getCell(rowId, colId);
	if (before === value) return [];
	const date = kindColumn(columns, 'date', DATE);
	if (!date) return [];
	const today = localIsoDate(now);
	const had = sheet.getCell(rowId, date.id);
	// Her date typed before the first result stays (a visit entered the day after).
	if (had && !before) return [];
	return had === today ? [] : [{ colId: date.id, value: today }];
}
