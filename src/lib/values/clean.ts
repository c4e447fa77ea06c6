/**
 * What every typed parser does first: look past the spaces, quotes and the Excel text marker
 * around a value. Char-code loops, no regular expressions: the CSV import calls this for every
 * cell of a 100,000-row file.
 */

/** Spaces of every kind a spreadsheet or a copy from a web page brings (NBSP included). */
export function isSpaceCode(code: number): boolean {
	return (
		code === 32 ||
		(code >= 9 && code <= 13) ||
		code === 0xa0 || // no-break space
		(code >= 0x2000 && code <= 0x200b) || // en quad … zero-width space (thin, figure…)
		code === 0x202f || // narrow no-break space
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff // byte-order mark left at the start of a file
	);
}

/** The closing quote for an opening one, or 0. */
function closingQuote(code: number): number {
	switch (code) {
		case 0x22: // "
			return 0x22;
		case 0x27: // '
			return 0x27;
		case 0xab: // «
			return 0xbb; // »
		case 0x201e: // „
			return 0x201c; // “
		case 0x201c: // “
			return 0x201d; // ”
		case 0x201d: // ” (used on both sides)
			return 0x201d;
		default:
			return 0;
	}
}

/**
 * `raw` without surrounding spaces, one pair of surrounding quotes, and the apostrophe Excel
 * puts in front of a number to keep it as text (`'89111234567`). Returns `raw` itself (no
 * allocation) when there is nothing to remove.
 */
export function trimValue(raw: string): string {
	let start = 0;
	let end = raw.length;
	while (start < end && isSpaceCode(raw.charCodeAt(start))) start++;
	while (end > start && isSpaceCode(raw.charCodeAt(end - 1))) end--;
	if (end - start >= 1) {
		const close = closingQuote(raw.charCodeAt(start));
		if (close !== 0 && end - start >= 2 && raw.charCodeAt(end - 1) === close) {
			start++;
			end--;
		} else if (raw.charCodeAt(start) === 0x27) {
			start++; // Excel's text marker: an apostrophe with no closing one
		} else {
			return start === 0 && end === raw.length ? raw : raw.slice(start, end);
		}
		while (start < end && isSpaceCode(raw.charCodeAt(start))) start++;
		while (end > start && isSpaceCode(raw.charCodeAt(end - 1))) end--;
	}
	return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

/** True when `raw` holds nothing but spaces. */
export function isBlank(raw: string): boolean {
	for (let i = 0; i < raw.length; i++) if (!isSpaceCode(raw.charCodeAt(i))) return false;
	return true;
}

/**
 * Invisible format characters: zero-width spaces and joiners, the soft hyphen, the word
 * joiner, the byte-order mark, and the bidirectional marks, embeddings, overrides and isolates
 * (an override in a name turns the text after it around).
 */
const INVISIBLE = /[\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * A zero-width joiner not joining two pictographs (as in 👨‍👩‍👧 or 👩🏽‍💻, which it keeps whole:
 * a pictograph may carry a variation selector or a skin tone before the joiner).
 */
const LOOSE_JOINER =
	/(?<!\p{Extended_Pictographic}[\p{M}\u{1F3FB}-\u{1F3FF}]*)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/** Whether the character is one `cleanLabel` leaves out (a joiner, unless inside an emoji). */
export function isInvisibleCode(code: number): boolean {
	return (
		code === 0xad ||
		(code >= 0x200b && code <= 0x200f) ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2060 && code <= 0x2064) ||
		(code >= 0x2066 && code <= 0x2069) ||
		code === 0xfeff
	);
}

/**
 * A title, a name or an option as operators give it: without invisible format characters,
 * runs of spaces as one, trimmed. Two titles that look the same are the same.
 */
export function cleanLabel(text: string): string {
	return text.replace(INVISIBLE, '').replace(LOOSE_JOINER, '').replace(/\s+/g, ' ').trim();
}

/** `text` at most `max` characters long: a longer one cut, its last character an ellipsis. */
export function clip(text: string, max: number): string {
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * Characters a cell never means to hold: C0 control characters but the tab and line breaks, DEL,
 * and the invisible format characters of `isInvisibleCode` (zero-width spaces and joiners, the
 * soft hyphen, the word joiner, the byte-order mark, bidirectional marks, embeddings, overrides
 * and isolates). An override in a name shows «Иванова» turned around; a stray \x01 keeps a
 * search and the duplicates check from finding the resident. One test per value: a clean one
 * (nearly all of an import's) costs nothing more.
 */
const HIDDEN =
	// eslint-disable-next-line no-control-regex -- control characters are what it finds
	/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'g');
/** A vertical tab or a form feed: what some programs write between the lines of a cell. */
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\x0b\x0c]/g;

/**
 * `text` without the characters of `HIDDEN` — a vertical tab or form feed becomes a space,
 * a zero-width joiner inside an emoji (👨‍👩‍👧) stays; `text` itself when it has none.
 */
export function withoutHidden(text: string): string {
	if (!HIDDEN.test(text)) return text;
	const cleaned = text.replace(LINE_CONTROL, ' ');
	// The joiners: kept between pictographs (`LOOSE_JOINER`), the others all gone.
	return cleaned.replace(LOOSE_JOINER, '').replace(HIDDEN_ALL, (c) => (c === '\u200d' ? c : ''));
}

/**
 * Spaces of other kinds than the ordinary one (` `) inside a text: the no-break space Excel and
 * Word put between a name's parts, the en and em spaces, the thin, figure and narrow no-break ones,
 * the ideographic space. Not the tab and line breaks, which a note may mean.
 */
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
const ODD_SPACE_ALL = new RegExp(ODD_SPACE.source, 'g');

/**
 * `text` with each odd space (`ODD_SPACE`) an ordinary one: the import stores «Иванова\u00a0Анна»
 * as «Иванова Анна», the text it looks like. `text` itself when it has none.
 */
export function withPlainSpaces(text: string): string {
	return ODD_SPACE.test(text) ? text.replace(ODD_SPACE_ALL, ' ') : text;
}
