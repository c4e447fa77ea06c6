/**
 * Test oracle of `foldLookalikes` (`dedupe.ts`), written apart from it, character by character:
 * the specs that compare `normalizeName` with its code before read a name through this first.
 */

/** Each Latin look-alike and, at the same place, the Cyrillic letter it is read as. */
const LATIN = 'abcehkmoptxyABCEHKMOPTXYëË';
const CYRILLIC = 'авсенкмортхуАВСЕНКМОРТХУёЁ';

const isWordChar = (ch: string) => /^[\p{L}\p{N}\p{M}]$/u.test(ch);
const isCyrillic = (ch: string) => /^\p{Script=Cyrillic}$/u.test(ch);
const isLetter = (ch: string) => /^\p{L}$/u.test(ch);

/**
 * `text` with the Latin look-alikes read as Cyrillic in each word that has a Cyrillic character
 * or whose letters are all look-alikes — when the text has any Cyrillic at all.
 */
export function foldLookalikesOracle(text: string): string {
	const chars = Array.from(text);
	if (!chars.some(isCyrillic)) return text;
	let out = '';
	let i = 0;
	while (i < chars.length) {
		if (!isWordChar(chars[i])) {
			out += chars[i++];
			continue;
		}
		let end = i;
		while (end < chars.length && isWordChar(chars[end])) end++;
		const word = chars.slice(i, end);
		const letters = word.filter(isLetter);
		const fold =
			word.some(isCyrillic) || (letters.length > 0 && letters.every((ch) => LATIN.includes(ch)));
		for (const ch of word) {
			const at = LATIN.indexOf(ch);
			out += fold && at >= 0 ? CYRILLIC[at] : ch;
		}
		i = end;
	}
	return out;
}

/**
 * `text` with each letter and its marks joined as one character where Unicode has one (NFC), and
 * the marks left over (a stress mark) dropped, character by character.
 */
export function composedOracle(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC')) if (!/^\p{M}$/u.test(ch)) out += ch;
	return out;
}
