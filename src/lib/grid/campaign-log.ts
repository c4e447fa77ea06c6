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
 * language; a list without a date column gets no date.
 */
import type { Column, Sheet } from '$lib/model/sheet';
import { localIsoDate } from '$lib/values';
import { kindColumn } from './call-log';

const RESULT = ['результат', 'result'];
const DATE = ['дата', 'date'];
const GIFT_SET = ['подарочный набор', 'gift set'];

/**
 * A result that says a gift set was handed over: the template's «поздравили лично, с письмом и
 * набором» and «вручили набор» («visited with a letter and a gift set», «gift set delivered»),
 * or an option of the headquarters' own naming a set («Набор передан соседке»), unless it says
 * none was («поздравили лично, без набора», «набор не вручили», «without a gift set») or it was
 * refused or not taken («отказ от набора», «набор не нужен», «gift set refused»).
 */
export function handsGiftSet(result: string): boolean {
	const text = result.toLowerCase().replace(/ё/g, 'е');
	if (
		/(^|[^а-я])без\s+(подарочного\s+)?набора|(^|[^а-я])не\s+(вручил|вручен|передал|передан|нуж|взял|взят)/.test(
			text
		)
	)
		return false;
	// Refused (found in review: «отказ от набора» ticked the box and was counted delivered).
	if (/(^|[^а-я])отказ/.test(text)) return false;
	if (/\b(without|no|not|refus\w*|declin\w*)\b/.test(text)) return false;
	return /(^|[^а-я])набор/.test(text) || /\bgift set\b/.test(text);
}

/**
 * The ids of the columns a campaign's result marks («Дата», «Подарочный набор»): a paste writes no
 * empty value over them (`pasteBlock`'s `keep`), as over a call list's log (`callLogColumns`).
 * Found in review: notes pasted over residents already marked, those cells empty as Excel copies
 * them, took away the date of the congratulation and the tick of a set handed over.
 */
export function campaignLogColumns(columns: Column[]): string[] {
	return [kindColumn(columns, 'date', DATE), kindColumn(columns, 'checkbox', GIFT_SET)].flatMap(
		(c) => (c ? [c.id] : [])
	);
}

/**
 * The other cells to set with `value` put into `colId` of `rowId`: «Дата» for a new result, and
 * «Подарочный набор» ticked for a result that hands one over (`handsGiftSet`). Found by
 * exploration: «вручили набор» left the box empty, and the count of gift sets delivered (DOMAIN.md:
 * 24 in one campaign, 45 + 32 visits in another) missed them. Another result never unticks it.
 */
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
	const edits: { colId: string; value: string }[] = [];
	const date = kindColumn(columns, 'date', DATE);
	if (date) {
		const today = localIsoDate(now);
		const had = sheet.getCell(rowId, date.id);
		// Her date typed before the first result stays (a visit entered the day after).
		if (had !== today && !(had && !before)) edits.push({ colId: date.id, value: today });
	}
	const gift = kindColumn(columns, 'checkbox', GIFT_SET);
	if (gift && handsGiftSet(value) && sheet.getCell(rowId, gift.id) !== 'true')
		edits.push({ colId: gift.id, value: 'true' });
	return edits;
}
