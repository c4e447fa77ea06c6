/**
 * Each operator's own view of a sheet: sort, filters, hidden columns, widths, the quick search
 * whether the filter row is shown and whether the first column stays in view (frozen). Kept in this browser's localStorage per sheet, never in
 * the shared document: one operator sorting or hiding a column changes nothing for colleagues.
 * Column order and the column definitions (title, type, options) are shared, in the model.
 *
 * Widths are part of the view: a resize is this operator's. The model's `width` is only the
 * column's starting width (set when the column is made, e.g. by a template).
 */

export interface ColumnView {
	colId: string;
	width?: number;
	hide?: boolean;
	sort?: 'asc' | 'desc' | null;
	sortIndex?: number | null;
}

export interface SheetView {
	columns: ColumnView[];
	filter: Record<string, unknown>;
	quickFilter: string;
	showFilters: boolean;
	/**
	 * The first column (ФИО in every template) stays in view, pinned left, while the operator
	 * scrolls to the call columns. On unless she turned it off.
	 */
	pinFirst: boolean;
}

export const EMPTY_VIEW: SheetView = Object.freeze({
	columns: [],
	filter: {},
	quickFilter: '',
	showFilters: false,
	pinFirst: true
}) as SheetView;

const KEY_PREFIX = 'shtab:view:';
/** A stored view larger than this is ignored (a broken or hostile value). */
const MAX_STORED = 200_000;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cleanColumn(v: unknown): ColumnView | null {
	if (!isObject(v) || typeof v.colId !== 'string') return null;
	const out: ColumnView = { colId: v.colId };
	if (typeof v.width === 'number' && Number.isFinite(v.width))
		out.width = Math.max(40, Math.min(2000, Math.round(v.width)));
	if (v.hide === true) out.hide = true;
	if (v.sort === 'asc' || v.sort === 'desc') {
		out.sort = v.sort;
		if (typeof v.sortIndex === 'number') out.sortIndex = v.sortIndex;
	}
	return out;
}

/** The operator's view of a sheet, or the empty view when nothing (valid) is stored. */
export function loadView(storage: Storage | undefined, sheetId: string): SheetView {
	try {
		const raw = storage?.getItem(KEY_PREFIX + sheetId);
		if (!raw || raw.length > MAX_STORED) return { ...EMPTY_VIEW };
		const v: unknown = JSON.parse(raw);
		if (!isObject(v)) return { ...EMPTY_VIEW };
		return {
			columns: Array.isArray(v.columns)
				? v.columns.map(cleanColumn).filter((c): c is ColumnView => c !== null)
				: [],
			filter: isObject(v.filter) ? v.filter : {},
			quickFilter: typeof v.quickFilter === 'string' ? v.quickFilter.slice(0, 200) : '',
			showFilters: v.showFilters === true,
			pinFirst: v.pinFirst !== false
		};
	} catch {
		return { ...EMPTY_VIEW };
	}
}

export function saveView(storage: Storage | undefined, sheetId: string, view: SheetView): void {
	try {
		storage?.setItem(KEY_PREFIX + sheetId, JSON.stringify(view));
	} catch {
		// Storage full or disabled: the view lasts for this page only.
	}
}
