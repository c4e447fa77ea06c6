// @ts-check
/**
 * Counts in the server's log lines, in Russian (the coordinator reads them) and English: the
 * number grouped as a Russian writes it, and the word that follows it in the form the number
 * asks for. «ещё 1 отказов» and «1 more times» read wrong.
 */

/** `5001` → `5 001`. @param {number} n */
export function grouped(n) {
	return String(n).replace(/\B(?=(\d{3})+$)/g, ' ');
}

/**
 * The Russian form for `n`: `one` after 1, 21, 101… (отказ), `few` after 2–4, 22–24… (отказа),
 * `many` after 0, 5–20, 25–30, 111… (отказов).
 * @param {number} n a whole number
 * @param {readonly [one: string, few: string, many: string]} forms
 */
export function russianForm(n, [one, few, many]) {
	const lastTwo = n % 100;
	const last = n % 10;
	if (lastTwo >= 11 && lastTwo <= 14) return many;
	if (last === 1) return one;
	if (last >= 2 && last <= 4) return few;
	return many;
}

/**
 * The English form for `n`: `one` after 1, else `other`.
 * @param {number} n
 * @param {readonly [one: string, other: string]} forms
 */
export function englishForm(n, [one, other]) {
	return n === 1 ? one : other;
}
