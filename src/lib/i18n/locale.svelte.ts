/** The interface language: Russian by default, English as a switch, remembered per browser. */
import { translate, type Locale, type MessageKey } from './index';

const STORAGE_KEY = 'shtab:locale';

class LocaleState {
	current = $state<Locale>('ru');

	constructor() {
		if (typeof localStorage !== 'undefined') {
			const saved = localStorage.getItem(STORAGE_KEY);
			if (saved === 'en' || saved === 'ru') this.current = saved;
		}
	}

	set(locale: Locale) {
		this.current = locale;
		if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}

	toggle() {
		this.set(this.current === 'ru' ? 'en' : 'ru');
	}
}

export const locale = new LocaleState();

/** Translate in the current language (reactive: re-runs when the language changes). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(locale.current, key, params);
}
