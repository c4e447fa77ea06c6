/**
 * Which of the rows the search found is the one she is looking for. The search finds a row when
 * each word typed is somewhere in it, inside a word too (a coordinator types part of a surname),
 * so «Петров Иван» also finds «Иванова Мария Петровна»; the rows stay in the list's order, and
 * Enter took the keyboard to the first of them (found by exploration: her row, above his). Enter
 * and ↓ go to the row that matches best instead: whole words before the start of words, before a
 * part inside a word; then the words in the order typed. A tie goes to the row higher up.
 */
import type { GridApi } from 'ag-grid-community';
import { parseQuickFilter, quickFilterSpellings, searchableName } from './columns';

const LETTER = /[\p{L}\p{N}]/u;

function isLetter(char: string | undefined): boolean {
	return char !== undefined && LETTER.test(char);
}

/**
 * The words typed, as the search reads them (`parseQuickFilter`: upper case, ё as е, without
 * invisible characters, Latin look-alikes in a Russian word as Cyrillic, split at spaces); each
 * once (found in review: «А» pasted 5,000 times was scored 5,000 times over each row, 38 s at
 * Enter on a 20,000-row list).
 */
export function searchWords(query: string): string[] {
	return [...new Set(parseQuickFilter(query.toUpperCase()).filter((w) => w !== ''))];
}

/** Where `word` starts a word of `text` at or after `from`, or -1. */
function wordStart(text: string, word: string, from: number): number {
	for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, at + 1))
		if (!isLetter(text[at - 1])) return at;
	return -1;
}

/**
 * How well a row's text (upper case, ё as е, as the search reads it) matches the words:
 * each word 2 as a whole word, 1 as a word's start, 0 inside a word, doubled; 1 more if the words
 * start words in the order typed.
 */
export function searchScore(text: string, words: readonly string[]): number {
	let score = 0;
	const spelled = words.map(quickFilterSpellings);
	for (const spellings of spelled) {
		let best = 0;
		for (const word of spellings)
			for (
				let at = wordStart(text, word, 0);
				at >= 0 && best < 2;
				at = wordStart(text, word, at + 1)
			)
				best = isLetter(text[at + word.length]) ? 1 : 2;
		score += 2 * best;
	}
	let from = 0;
	for (const spellings of spelled) {
		// The spelling found first after the word before (a word has two: `parseQuickFilter`).
		let next = -1;
		for (const word of spellings) {
			const at = wordStart(text, word, from);
			if (at >= 0 && (next < 0 || at + word.length < next)) next = at + word.length;
		}
		if (next < 0) return score;
		from = next;
	}
	return score + 1;
}

/** The index of the best of `texts` for the words (the first of the best), or 0. */
export function bestSearchMatch(texts: readonly string[], words: readonly string[]): number {
	let best = 0;
	let bestScore = -1;
	const top = 4 * words.length + 1;
	for (let i = 0; i < texts.length && bestScore < top; i++) {
		const score = searchScore(texts[i], words);
		if (score > bestScore) {
			best = i;
			bestScore = score;
		}
	}
	return best;
}

/**
 * The row, by its place among the rows shown, that Enter or ↓ in the search goes to: the best
 * match of the search's words (0 without a search). Each row's text is the one the search read
 * (`quickFilterAggregateText`, kept by AG Grid), else its values.
 */
export function bestFoundRow<T>(api: GridApi<T>): number {
	const words = searchWords(String(api.getGridOption('quickFilterText') ?? ''));
	if (!words.length) return 0;
	const texts: string[] = [];
	api.forEachNodeAfterFilterAndSort((node) => {
		texts.push(
			node.quickFilterAggregateText ??
				searchableName(Object.values(node.data ?? {}).join('\n')).toUpperCase()
		);
	});
	return bestSearchMatch(texts, words);
}
