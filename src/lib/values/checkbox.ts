/**
 * A checkbox cell stores `'true'`, `'false'` or `''` (not filled in). Accepted, in any case:
 * да/нет, д/н, yes/no, y/n, true/false, истина/ложь (Russian Excel's TRUE/FALSE), вкл/выкл,
 * on/off, 1/0, +/-, ✓ ✔ ☑ v x х (a tick or a cross in the box means "yes"), ✗ ✘ ☐ — –
 * (a dash in a list means "no").
 */
import type { Locale } from '$lib/i18n';
import { trimValue } from './clean';
import { EMPTY, invalid, type ValueResult } from './result';

export type CheckboxReason = 'not-yes-no';
export type CheckboxResult = ValueResult<CheckboxReason>;

const YES = ['да', 'д', 'yes', 'y', 'true', 'истина', 'вкл', 'on', '1', '+', '✓', '✔', '☑', 'v'];
const NO = ['нет', 'н', 'no', 'n', 'false', 'ложь', 'выкл', 'off', '0', '-', '—', '–', '✗', '✘'];
const CROSSES = ['x', 'х']; // Latin and Cyrillic

const WORDS = new Map<string, string>();
for (const word of [...YES, ...CROSSES]) WORDS.set(word, 'true');
for (const word of [...NO, '☐']) WORDS.set(word, 'false');

const TRUE = Object.freeze({ ok: true as const, value: 'true' });
const FALSE = Object.freeze({ ok: true as const, value: 'false' });

/** Read a yes/no as typed → `'true'`, `'false'` or `''`. */
export function normalizeCheckbox(raw: string): CheckboxResult {
	if (raw === 'true') return TRUE;
	if (raw === 'false') return FALSE;
	const s = trimValue(raw);
	if (s.length === 0) return EMPTY;
	const word = WORDS.get(s) ?? WORDS.get(s.toLowerCase());
	if (word === 'true') return TRUE;
	if (word === 'false') return FALSE;
	return invalid(raw, 'not-yes-no');
}

/** True when `stored` is a stored checkbox value. */
export function isStoredCheckbox(stored: string): boolean {
	return stored === 'true' || stored === 'false' || stored === '';
}

/** `'true'` → да / yes, `'false'` → нет / no; anything else unchanged. */
export function formatCheckbox(stored: string, locale: Locale = 'ru'): string {
	if (stored === 'true') return locale === 'ru' ? 'да' : 'yes';
	if (stored === 'false') return locale === 'ru' ? 'нет' : 'no';
	return stored;
}
