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

/** A gift named: «набор», «подарочный набор», «подарок» (New Year's gifts), «gift set», «present». */
const GIFT_RU = /(^|[^а-я])(набор|подар(ок|к[аиуо]|ков|кам|ками|очн))/;
const GIFT_EN = /\b(gift|present)s?\b/;
/** A gift handed with the visit: «с письмом и набором», «с подарком», «with a gift set». */
const WITH_GIFT =
	/(^|[^а-я])(набором|наборами|подарком|подарками)([^а-я]|$)|\bwith\b(?!out)[^,;.]*\b(gift|present)/;
/**
 * A verb of a set handed over, done (not «вручить», «вручим», «доставка»): «вручили», «вручён»,
 * «с вручением», «доставили», «передан», «отдали», «оставили соседке», «получила», «взяла»;
 * the words before it, to tell «не вручили», «не был вручён».
 */
const HANDED_RU =
	/(?<![а-я])(вручил|вручен|доставил|доставлен|передал|передан|отдал|оставил|оставлен|получил|получен|выдал|выдан|привезл|принесл|занесл|подарил|взял|взят)[а-я]*/g;
const HANDED_EN = /\b(delivered|handed|given|gave|left|received|brought|dropped off|took|taken)\b/g;
const NOT_BEFORE_RU = /(^|[^а-я])не\s+(был[аио]?\s+)?$/;
const NOT_BEFORE_EN = /\b(not|n't|never|to be|will be|will)\s+(been\s+|be\s+)?$/;
/**
 * No set handed over whatever else the result says: refused («отказ от набора», «отказались»,
 * «refused», «declined»), not wanted («набор не нужен»), none with the visit («без набора»,
 * «without a gift set», «no gift set»), none there («набора не было», «наборов не хватило»).
 */
const NO_SET = [
	/(^|[^а-я])отказ/,
	/(^|[^а-я])не\s+нужн/,
	/(^|[^а-я])без\s+([а-я]+\s+)?(набор|подар)/,
	/(набор|подар)[а-я]*\s+(не\s+было|нет|не\s+хватил)/,
	/(^|[^а-я])(нет|не\s+было|не\s+хватил[оа]?)\s+([а-я]+\s+)?(набор|подар)/,
	/\b(refus\w*|declin\w*|without)\b/,
	// «no gift set», «no gifts left»; not «no answer, gift set left with a neighbour» (found in
	// review: any «no» in the result unticked the set).
	/\bno\s+(\w+\s+)?(gift|present|set)s?\b/
];

/**
 * Something else a visit hands over: a letter, a card, flowers, groceries. A part of the result
 * that names one and no gift says it of that thing, not of the set.
 */
const OTHER_THING =
	/(^|[^а-я])(письм|открытк|цвет|грамот|поздравлени|продукт|лекарств)|\b(letters?|cards?|flowers?|groceries|medicines?)\b/;

/**
 * Whether one of `verbs` in `text` is not negated (the words just before it, `not`), in a part
 * of the result (between commas, semicolons, full stops, dashes) that names the set or nothing
 * else handed over: in «вручили письмо, набор не вручили» the first verb is the letter's. Found
 * in review: a letter handed over ticked the set still to take.
 */
function doneVerb(text: string, verbs: RegExp, not: RegExp): boolean {
	for (const part of text.split(/[,;.:!?()\n]|\s[-–—]\s/)) {
		if (!GIFT_RU.test(part) && !GIFT_EN.test(part) && OTHER_THING.test(part)) continue;
		for (const m of part.matchAll(verbs))
			if (!not.test(part.slice(Math.max(0, m.index - 24), m.index))) return true;
	}
	return false;
}

/**
 * A result that says a gift set was handed over: it names a set or a gift and says it was handed
 * over — the template's «вручили набор» and «поздравили лично, с письмом и набором» («gift set
 * delivered», «visited with a letter and a gift set»), and the wordings of the headquarters'
 * reports and operators: «доставили подарочные наборы», «с вручением … подарочного набора»,
 * «вручили подарок», «Набор передан соседке», «набор не взяли, оставили соседке» (delivered: the
 * set left the headquarters for her). Not a set refused, not wanted, without one or none there
 * (`NO_SET`), nor one not handed over («набор не вручили», «не был вручён», «gift set not
 * delivered») or still to hand over («набор доставить до 9 мая», «вручим позже», «нужен набор»):
 * found in review, any result naming a set ticked the box, and the count of sets delivered
 * counted sets still to take.
 */
export function handsGiftSet(result: string): boolean {
	const text = result.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
	if (NO_SET.some((re) => re.test(text))) return false;
	if (!GIFT_RU.test(text) && !GIFT_EN.test(text)) return false;
	return (
		WITH_GIFT.test(text) ||
		doneVerb(text, HANDED_RU, NOT_BEFORE_RU) ||
		doneVerb(text, HANDED_EN, NOT_BEFORE_EN)
	);
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
