import { en, ru, type MessageKey } from './messages';

export type Locale = 'ru' | 'en';
export type { MessageKey };
export const LOCALES: Locale[] = ['ru', 'en'];

const dictionaries: Record<Locale, Record<MessageKey, string>> = { ru, en };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(
	locale: Locale,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	const text = dictionaries[locale][key] ?? ru[key] ?? key;
	return text.replace(/\{(\w+)\}/g, (_, name: string) =>
		name in params ? String(params[name]) : `{${name}}`
	);
}

const counters = new Map<Locale, Intl.NumberFormat>();

/** A count as the interface writes it: «100 000» in Russian, «100,000» in English. */
export function formatCount(locale: Locale, n: number): string {
	let counter = counters.get(locale);
	if (!counter) {
		counter = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB');
		counters.set(locale, counter);
	}
	return counter.format(n);
}

const megabytes = new Map<Locale, Intl.NumberFormat>();

/** Bytes in MB with one decimal: «1,2» in Russian, «1.2» in English. */
export function formatMegabytes(locale: Locale, bytes: number): string {
	let format = megabytes.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
			minimumFractionDigits: 1,
			maximumFractionDigits: 1
		});
		megabytes.set(locale, format);
	}
	return format.format(bytes / 1_000_000);
}

/** Dates as the headquarters writes them: дд.мм.гггг чч:мм. */
export function formatDateTime(locale: Locale, ms: number): string {
	return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
		dateStyle: 'short',
		timeStyle: 'short'
	}).format(ms);
}
