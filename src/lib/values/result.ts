/**
 * The result every parser in this folder returns. An invalid value is never dropped: `value`
 * is then the input exactly as typed, and `reason` says what is wrong (see `messages.ts`).
 */
export type ValueResult<Reason extends string = string> =
	{ ok: true; value: string } | { ok: false; value: string; reason: Reason };

/** The one result for an empty cell, shared (and frozen) so hot paths allocate nothing. */
export const EMPTY: { readonly ok: true; readonly value: '' } = Object.freeze({
	ok: true,
	value: ''
});

export function valid(value: string): { ok: true; value: string } {
	return { ok: true, value };
}

export function invalid<Reason extends string>(
	value: string,
	reason: Reason
): { ok: false; value: string; reason: Reason } {
	return { ok: false, value, reason };
}
