const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Length of document-level ids (sheets, chunks): 22 base-62 characters ≈ 131 random bits. */
export const LONG_ID_LENGTH = 22;
/** Length of column ids: unique within one sheet, 12 base-62 characters ≈ 71 random bits. */
export const SHORT_ID_LENGTH = 12;

/** A random id from the platform's cryptographic generator. Never derived from a position. */
export function newId(length = LONG_ID_LENGTH): string {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	let id = '';
	// 62 * 4 = 248: rejecting bytes ≥ 248 keeps every character equally likely.
	for (let i = 0; i < length; i++) {
		let b = bytes[i];
		while (b >= 248) {
			const one = new Uint8Array(1);
			crypto.getRandomValues(one);
			b = one[0];
		}
		id += ALPHABET[b % 62];
	}
	return id;
}

/** Ids used in room names and keys: letters, digits, `_` and `-`, at most 64 characters. */
export function isValidId(id: string): boolean {
	return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}
