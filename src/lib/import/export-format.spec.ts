import { describe, expect, it } from 'vitest';
import { lastExportFormat, rememberExportFormat } from './export-format';

/** A browser's localStorage as far as these read it. */
function storage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

describe('the CSV format chosen last', () => {
	it('is Excel’s until another is chosen, then that one', () => {
		const kept = storage();
		expect(lastExportFormat(kept)).toBe('excel-ru');
		rememberExportFormat('utf8-comma', kept);
		expect(lastExportFormat(kept)).toBe('utf8-comma');
		rememberExportFormat('windows-1251', kept);
		expect(lastExportFormat(kept)).toBe('windows-1251');
	});

	it('is Excel’s when what is kept is no format, or the storage is blocked', () => {
		const kept = storage();
		kept.setItem('shtab.exportFormat', 'toString');
		expect(lastExportFormat(kept)).toBe('excel-ru');
		const blocked = {
			getItem: (): string | null => {
				throw new Error('blocked');
			},
			setItem: () => {
				throw new Error('blocked');
			}
		};
		expect(() => rememberExportFormat('utf8-comma', blocked)).not.toThrow();
		expect(lastExportFormat(blocked)).toBe('excel-ru');
		expect(lastExportFormat(undefined)).toBe('excel-ru');
	});
});

describe('the CSV format chosen last, site data blocked in the browser', () => {
	it('is Excel’s, and keeping one says nothing, when localStorage itself cannot be read', () => {
		// Chromium with site data blocked throws at `window.localStorage` itself (found in review:
		// the export dialog opened on `lastExportFormat()` and threw).
		const own = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
		Object.defineProperty(globalThis, 'localStorage', {
			configurable: true,
			get() {
				throw new DOMException('Access is denied for this document.', 'SecurityError');
			}
		});
		try {
			expect(lastExportFormat()).toBe('excel-ru');
			expect(() => rememberExportFormat('utf8-comma')).not.toThrow();
		} finally {
			if (own) Object.defineProperty(globalThis, 'localStorage', own);
			else delete (globalThis as { localStorage?: Storage }).localStorage;
		}
	});
});
