import { describe, expect, it } from 'vitest';
import { OWN_MOVE_MS, RowWork, WORK_MS } from './row-work';

describe('the row an operator is at work on', () => {
	it('is none when the page put her keyboard on a row', () => {
		const work = new RowWork();
		work.focused('r1', 10_000);
		expect(work.row(10_000)).toBeNull();
		// Her click long ago is not this move.
		work.input(20_000);
		work.focused('r2', 20_000 + OWN_MOVE_MS + 1);
		expect(work.row(25_000)).toBeNull();
	});

	it('is the row she moved onto herself, for WORK_MS after her last move there', () => {
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 10);
		expect(work.row(WORK_MS - 1)).toBe('r1');
		// Another cell of the row, by her: it starts again.
		work.input(60_000);
		work.focused('r1', 60_010);
		expect(work.row(60_010 + WORK_MS - 1)).toBe('r1');
		// Resting there past it: no longer.
		expect(work.row(60_010 + WORK_MS)).toBeNull();
	});

	it('stays on her row when the page puts the keyboard back on it, or on another row (found in review)', () => {
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 0);
		work.focused('r1', 5_000);
		expect(work.row(5_000)).toBe('r1');
		// A dialog closed, the grid's focus put back by its place onto a neighbour; or let go
		// (her row far off in her sorted view): she is still on her resident's call.
		work.focused('r2', 6_000);
		expect(work.row(6_000)).toBe('r1');
		work.focused(null, 7_000);
		expect(work.row(7_000)).toBe('r1');
		// Put back on it by the page: the time is not started again.
		work.focused('r1', 8_000);
		expect(work.row(WORK_MS)).toBeNull();
	});

	it('goes with her own move to another row, or off the rows', () => {
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 0);
		work.input(10_000);
		work.focused('r2', 10_010);
		expect(work.row(10_010)).toBe('r2');
		work.input(20_000);
		work.focused(null, 20_010);
		expect(work.row(20_010)).toBeNull();
	});

	it('takes no focus just after her click as hers when the page says the move is its own', () => {
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 10);
		// Her click on a column's menu, then «Скрыть у себя» at once: the page puts the keyboard back.
		work.input(1_000);
		work.byPage();
		work.focused('r2', 1_100);
		expect(work.row(1_100)).toBe('r1');
	});

	it('is the row her search or filter left alone on the screen, the grid not touched (found in review)', () => {
		const work = new RowWork();
		work.picked('r3', 1_000);
		expect(work.row(1_000 + WORK_MS - 1)).toBe('r3');
		expect(work.row(1_000 + WORK_MS)).toBeNull();
	});

	it('goes on while she is active on her row, past WORK_MS from her move (found in review)', () => {
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 0);
		work.activeOn('r1', WORK_MS - 1_000);
		expect(work.row(WORK_MS + 60_000)).toBe('r1');
		expect(work.row(2 * WORK_MS - 1_000 - 1)).toBe('r1');
		expect(work.row(2 * WORK_MS - 1_000)).toBeNull();
		// Activity on another row is not work on hers, and a row whose time ran out stays ended.
		const other = new RowWork();
		other.input(0);
		other.focused('r1', 0);
		other.activeOn('r2', WORK_MS - 1_000);
		expect(other.row(WORK_MS)).toBeNull();
		other.activeOn('r1', WORK_MS);
		expect(other.row(WORK_MS)).toBeNull();
		expect(other.row(WORK_MS + 1)).toBeNull();
	});

	it('is the row of an open editor, however long it is open', () => {
		const work = new RowWork();
		work.focused('r1', 0);
		work.editing('r1');
		expect(work.row(10 * WORK_MS)).toBe('r1');
		work.editing(null);
		expect(work.row(10 * WORK_MS)).toBeNull();
	});

	it('stays hers for WORK_MS after an editor open on her row longer than that closes (found in review)', () => {
		// She opened the resident's note and listened for 20 minutes, then clicked the search (the
		// editor closed, nothing written), still on the call: her copy lost its protection at once.
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 10);
		work.editing('r1');
		const closed = 20 * 60_000;
		work.editing(null, closed);
		expect(work.row(closed + 60_000)).toBe('r1');
		expect(work.row(closed + WORK_MS - 1)).toBe('r1');
		expect(work.row(closed + WORK_MS)).toBeNull();
		// An editor on a row the page put her keyboard on: her work stays where it was.
		const paged = new RowWork();
		paged.input(0);
		paged.focused('r1', 10);
		paged.focused('r2', 5_000);
		paged.editing('r2');
		paged.editing(null, closed);
		expect(paged.row(closed)).toBeNull();
	});
});
