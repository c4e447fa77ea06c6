/**
 * Sort keys for ordering without positions ("fractional indexing"): a key is a base-36
 * fraction written without the leading "0.", compared as a plain string. Between any two keys
 * there is always another, so moving an item rewrites only that item's key and two operators
 * moving different items never duplicate or lose one.
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digit(key: string, i: number): number {
	return i < key.length ? DIGITS.indexOf(key[i]) : 0;
}

/** A key strictly between `before` and `after`; `null` means the start or the end. */
export function keyBetween(before: string | null, after: string | null): string {
	const a = before ?? '';
	if (after !== null && !(a < after)) {
		throw new RangeError(`keyBetween: "${a}" is not before "${after}"`);
	}
	let prefix = '';
	for (let i = 0; ; i++) {
		const da = digit(a, i);
		// `after === null` is the fraction 1.0: a digit above every real digit.
		const db = after === null ? BASE : digit(after, i);
		if (da === db) {
			prefix += DIGITS[da];
			continue;
		}
		if (db - da > 1) return prefix + DIGITS[Math.floor((da + db) / 2)];
		// Adjacent digits: keep a's digit and find a key above the rest of `a`.
		return prefix + DIGITS[da] + keyBetween(a.slice(i + 1), null);
	}
}

/** `n` increasing keys after `before` (used for bulk appends). */
export function keysAfter(before: string | null, n: number): string[] {
	const keys: string[] = [];
	let last = before;
	for (let i = 0; i < n; i++) {
		last = keyBetween(last, null);
		keys.push(last);
	}
	return keys;
}

/** Compare items by sort key, ties (two operators who picked the same spot) by id. */
export function compareByKey(a: { order: string; id: string }, b: { order: string; id: string }) {
	if (a.order !== b.order) return a.order < b.order ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
