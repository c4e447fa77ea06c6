/**
 * The CSV format this browser's coordinator chose last in «Экспорт CSV»: the dialog opens on it,
 * and the files the import dialog writes — its report, the rows the file did not have — are
 * written in it (found in review: they were always Excel's `;` with a BOM, while she had picked
 * UTF-8 with commas for her Google Sheets). Kept in localStorage; Excel's until she picks another.
 */
import { DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS, type ExportFormat } from '../csv';

const KEY = 'shtab.exportFormat';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** The Excel file, the recommended one, keeps the plain name; the others say what they are. */
export const FORMAT_SUFFIX: Record<ExportFormat, string> = {
	'excel-ru': '',
	'utf8-comma': ' (UTF-8)',
	'windows-1251': ' (Windows-1251)'
};

/**
 * This browser's localStorage, read inside the callers' `try`: with site data blocked, Chromium
 * throws at `localStorage` itself (found in review: as a default parameter it threw out of them).
 */
const browserStorage = (): StorageLike | undefined => globalThis.localStorage;

/** The format chosen last here, or Excel's (none chosen, storage blocked, or not a format). */
export function lastExportFormat(storage?: StorageLike): ExportFormat {
	try {
		const stored = (storage ?? browserStorage())?.getItem(KEY);
		return stored && Object.hasOwn(EXPORT_FORMATS, stored)
			? (stored as ExportFormat)
			: DEFAULT_EXPORT_FORMAT;
	} catch {
		return DEFAULT_EXPORT_FORMAT;
	}
}

/** Keeps `format` as the one chosen last (a blocked storage keeps nothing, and says nothing). */
export function rememberExportFormat(format: ExportFormat, storage?: StorageLike): void {
	try {
		(storage ?? browserStorage())?.setItem(KEY, format);
	} catch {
		// Private mode or full: the next file is Excel's, as before.
	}
}
