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

	it('stays on her row when the page puts the keyboard back on it, and goes when it moves her off', () => {
		const work = new RowWork();
		work.input(0);
		work.focused('r1', 0);
		work.focused('r1', 5_000);
		expect(work.row(5_000)).toBe('r1');
		work.focused('r2', 6_000);
		expect(work.row(6_000)).toBeNull();
	});

	it('is the row of an open editor, however long it is open', () => {
		const work = new RowWork();
		work.focused('r1', 0);
		work.editing('r1');
		expect(work.row(10 * WORK_MS)).toBe('r1');
		work.editing(null);
		expect(work.row(10 * WORK_MS)).toBeNull();
	});
});
