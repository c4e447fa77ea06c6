/**
 * A block of cells selected the way spreadsheet users do it (AG Grid's range selection is an
 * Enterprise feature): Shift+click, Shift+arrows or a drag with the mouse. The block is what
 * lies between two corners in this operator's view: rows by their place among the rows shown,
 * columns among the columns shown. The binding keeps each corner's row by id, so the block stays
 * on its rows when a colleague's rows come or go above it; it is dropped when its own rows
 * change (one deleted, one moved in or out), and when the view is sorted or filtered.
 *
 * The anchor is the grid's focused cell (the one typing edits); the far corner moves. Pure
 * logic here, the grid's events in `binding.ts`.
 */

/** A cell by its place in the view: row index among the rows shown, and its column's id. */
export interface CellPos {
	row: number;
	col: string;
}

/** Rows `top…bottom` and columns `left…right` (indexes in the shown columns), inclusive. */
export interface Box {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

/**
 * Cells one clear or one fill may write at most: each is an entry in the sheet's overlay and
 * in its history. A whole column of a 100,000-row call list (new round of calls: clear the
 * outcomes) is about a second of work in one step.
 */
export const MAX_RANGE_WRITE = 100_000;

/** The box between two cells, or null when a column is no longer shown. */
export function boxOf(anchor: CellPos, end: CellPos, columns: readonly string[]): Box | null {
	const a = columns.indexOf(anchor.col);
	const b = columns.indexOf(end.col);
	if (a < 0 || b < 0) return null;
	return {
		top: Math.min(anchor.row, end.row),
		bottom: Math.max(anchor.row, end.row),
		left: Math.min(a, b),
		right: Math.max(a, b)
	};
}

export function boxRows(box: Box): number {
	return box.bottom - box.top + 1;
}

export function boxColumns(box: Box): number {
	return box.right - box.left + 1;
}

export function boxCells(box: Box): number {
	return boxRows(box) * boxColumns(box);
}

export function sameBox(a: Box | null, b: Box | null): boolean {
	if (!a || !b) return a === b;
	return a.top === b.top && a.bottom === b.bottom && a.left === b.left && a.right === b.right;
}

export interface MoveLimits {
	rowCount: number;
	columns: readonly string[];
	/** Rows one PageUp/PageDown moves by. */
	page: number;
}

/**
 * Where Shift+`key` takes the far corner: one cell with an arrow, a page with PageUp/PageDown,
 * the first or last column with Home/End; with Ctrl (`jump`) an arrow goes to the edge of the
 * sheet and Home/End to its first or last cell. Null for any other key. (Without Shift, Home and
 * End move the focus the same way.)
 */
export function movedEnd(
	end: CellPos,
	key: string,
	jump: boolean,
	limits: MoveLimits
): CellPos | null {
	const { rowCount, columns, page } = limits;
	const lastRow = Math.max(0, rowCount - 1);
	const lastCol = columns.length - 1;
	const col = columns.indexOf(end.col);
	if (col < 0 || lastCol < 0) return null;
	const at = (row: number, c: number): CellPos => ({
		row: Math.max(0, Math.min(lastRow, row)),
		col: columns[Math.max(0, Math.min(lastCol, c))]
	});
	switch (key) {
		case 'ArrowUp':
			return at(jump ? 0 : end.row - 1, col);
		case 'ArrowDown':
			return at(jump ? lastRow : end.row + 1, col);
		case 'ArrowLeft':
			return at(end.row, jump ? 0 : col - 1);
		case 'ArrowRight':
			return at(end.row, jump ? lastCol : col + 1);
		case 'PageUp':
			return at(end.row - page, col);
		case 'PageDown':
			return at(end.row + page, col);
		case 'Home':
			return at(jump ? 0 : end.row, 0);
		case 'End':
			return at(jump ? lastRow : end.row, lastCol);
		default:
			return null;
	}
}

/**
 * Cells in the longest row of a block. A loop: `Math.max(...rows)` passes one argument per row
 * and overflows the stack from about 125,000 rows (a whole column pasted from a spreadsheet).
 */
export function blockWidth(block: readonly (readonly string[])[]): number {
	let width = 0;
	for (const row of block) if (row.length > width) width = row.length;
	return width;
}

/**
 * The columns of a block past the first `room` that hold a value: what a paste leaves out when
 * only `room` columns lie right of where it goes. Found by exploration: a coordinator pasted
 * four columns from Excel into the second last column, and the phones and districts were
 * dropped without a word. Empty cells there lose nothing (Excel copies a row's empty tail).
 */
export function leftOutColumns(block: readonly (readonly string[])[], room: number): number {
	let count = 0;
	for (let j = Math.max(0, room), width = blockWidth(block); j < width; j++) {
		if (block.some((row) => (row[j] ?? '') !== '')) count++;
	}
	return count;
}

/**
 * What a paste writes into a selected box, as Excel does: one copied value fills the whole box;
 * a block the box holds a whole number of times (a row pasted into several rows, a column into
 * several columns) is repeated to fill it; any other block is pasted once from the box's
 * top-left cell, at its own size.
 */
export function fillBlock(block: string[][], box: Box): string[][] {
	const height = block.length;
	const width = blockWidth(block);
	if (height === 0 || width === 0) return block;
	const rows = boxRows(box);
	const cols = boxColumns(box);
	if (rows % height !== 0 || cols % width !== 0 || (rows === height && cols === width)) {
		return block;
	}
	const out: string[][] = new Array(rows);
	for (let i = 0; i < rows; i++) {
		const source = block[i % height];
		const row: string[] = new Array(cols);
		for (let j = 0; j < cols; j++) row[j] = source[j % width] ?? '';
		out[i] = row;
	}
	return out;
}

/**
 * The fill handle dragged `count` rows past a block `height` rows high, down or (`upward`) up:
 * for each new row, nearest first, the row of the block it copies (0 = the block's top). The
 * block repeats, as Excel copies it: going down from its top row, going up from its bottom row
 * backwards, so the pattern continues seamlessly either way.
 */
export function fillSourceRows(height: number, count: number, upward: boolean): number[] {
	const rows: number[] = new Array(Math.max(0, count));
	for (let k = 0; k < rows.length; k++) rows[k] = upward ? height - 1 - (k % height) : k % height;
	return rows;
}
