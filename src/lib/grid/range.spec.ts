import { describe, expect, it } from 'vitest';
import {
	boxCells,
	boxOf,
	fillSourceRows,
	fillBlock,
	leftOutColumns,
	movedEnd,
	sameBox,
	type Box
} from './range';

const COLUMNS = ['name', 'phone', 'address', 'outcome'];
const LIMITS = { rowCount: 100, columns: COLUMNS, page: 20 };

describe('a selected block of cells', () => {
	it('spans the two corners whichever way it was drawn', () => {
		const down = boxOf({ row: 2, col: 'phone' }, { row: 5, col: 'outcome' }, COLUMNS);
		const up = boxOf({ row: 5, col: 'outcome' }, { row: 2, col: 'phone' }, COLUMNS);
		expect(down).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
		expect(up).toEqual(down);
		expect(boxCells(down!)).toBe(12);
	});

	it('follows the columns as shown: a column moved into it is in, a hidden corner ends it', () => {
		const moved = ['name', 'address', 'phone', 'outcome'];
		expect(boxOf({ row: 0, col: 'name' }, { row: 0, col: 'phone' }, moved)).toEqual({
			top: 0,
			bottom: 0,
			left: 0,
			right: 2
		});
		expect(boxOf({ row: 0, col: 'name' }, { row: 3, col: 'phone' }, ['name', 'address'])).toBe(
			null
		);
	});

	it('is the same box only with the same four sides', () => {
		const box: Box = { top: 3, bottom: 10, left: 0, right: 1 };
		expect(sameBox(box, { ...box })).toBe(true);
		expect(sameBox(box, { ...box, bottom: 11 })).toBe(false);
		expect(sameBox(box, null)).toBe(false);
		expect(sameBox(null, null)).toBe(true);
	});
});

describe('Shift with a key moves the far corner', () => {
	const end = { row: 10, col: 'phone' };

	it('by one cell with an arrow, stopping at the edges', () => {
		expect(movedEnd(end, 'ArrowDown', false, LIMITS)).toEqual({ row: 11, col: 'phone' });
		expect(movedEnd(end, 'ArrowRight', false, LIMITS)).toEqual({ row: 10, col: 'address' });
		expect(movedEnd({ row: 0, col: 'name' }, 'ArrowUp', false, LIMITS)).toEqual({
			row: 0,
			col: 'name'
		});
		expect(movedEnd({ row: 0, col: 'name' }, 'ArrowLeft', false, LIMITS)).toEqual({
			row: 0,
			col: 'name'
		});
		expect(movedEnd({ row: 99, col: 'outcome' }, 'ArrowDown', false, LIMITS)).toEqual({
			row: 99,
			col: 'outcome'
		});
	});

	it('to the edge of the sheet with Ctrl, by a page with PageUp/PageDown', () => {
		expect(movedEnd(end, 'ArrowDown', true, LIMITS)).toEqual({ row: 99, col: 'phone' });
		expect(movedEnd(end, 'ArrowUp', true, LIMITS)).toEqual({ row: 0, col: 'phone' });
		expect(movedEnd(end, 'ArrowRight', true, LIMITS)).toEqual({ row: 10, col: 'outcome' });
		expect(movedEnd(end, 'PageDown', false, LIMITS)).toEqual({ row: 30, col: 'phone' });
		expect(movedEnd(end, 'PageUp', false, LIMITS)).toEqual({ row: 0, col: 'phone' });
		expect(movedEnd(end, 'End', false, LIMITS)).toEqual({ row: 10, col: 'outcome' });
		expect(movedEnd(end, 'Home', true, LIMITS)).toEqual({ row: 0, col: 'name' });
		expect(movedEnd(end, 'End', true, LIMITS)).toEqual({ row: 99, col: 'outcome' });
	});

	it('not at all with any other key, or from a column no longer shown', () => {
		expect(movedEnd(end, 'Tab', false, LIMITS)).toBe(null);
		expect(movedEnd(end, 'Enter', false, LIMITS)).toBe(null);
		expect(movedEnd({ row: 1, col: 'gone' }, 'ArrowDown', false, LIMITS)).toBe(null);
	});
});

describe('a paste wider than the columns right of it', () => {
	it('leaves out the columns past the room that hold a value, not an empty tail', () => {
		const block = [
			['Иванова', 'после 18:00', '+79123456789', '', ''],
			['Петров', '', '', 'Выборгский', '']
		];
		expect(leftOutColumns(block, 5)).toBe(0);
		expect(leftOutColumns(block, 2)).toBe(2);
		expect(leftOutColumns(block, 4)).toBe(0);
		expect(leftOutColumns([['a', 'b'], ['c']], 1)).toBe(1);
		expect(leftOutColumns([['a']], 0)).toBe(1);
	});
});

describe('a paste into a selected block', () => {
	const box: Box = { top: 0, bottom: 3, left: 0, right: 1 };

	it('fills every cell with one copied value', () => {
		expect(fillBlock([['дозвонились']], box)).toEqual([
			['дозвонились', 'дозвонились'],
			['дозвонились', 'дозвонились'],
			['дозвонились', 'дозвонились'],
			['дозвонились', 'дозвонились']
		]);
	});

	it('repeats a row or a block the selection holds a whole number of times', () => {
		expect(fillBlock([['а', 'б']], box)).toEqual([
			['а', 'б'],
			['а', 'б'],
			['а', 'б'],
			['а', 'б']
		]);
		expect(
			fillBlock(
				[
					['1', '2'],
					['3', '4']
				],
				box
			)
		).toEqual([
			['1', '2'],
			['3', '4'],
			['1', '2'],
			['3', '4']
		]);
	});

	it('takes a block of any height without running out of stack (a whole column pasted)', () => {
		// Spread into Math.max, 150,000 rows overflow V8's stack: the paste threw.
		const tall = Array.from({ length: 300_000 }, (_, i) => [String(i)]);
		expect(fillBlock(tall, box)).toBe(tall);
		const column: Box = { top: 0, bottom: 299_999, left: 0, right: 0 };
		const filled = fillBlock([['да']], column);
		expect(filled).toHaveLength(300_000);
		expect(filled[299_999]).toEqual(['да']);
	});

	it('pastes any other block once, at its own size', () => {
		const three = [['1'], ['2'], ['3']];
		expect(fillBlock(three, box)).toBe(three);
		const wide = [['1', '2', '3']];
		expect(fillBlock(wide, box)).toBe(wide);
		const same = [
			['1', '2'],
			['3', '4'],
			['5', '6'],
			['7', '8']
		];
		expect(fillBlock(same, box)).toBe(same);
	});
});

describe('the fill handle', () => {
	it('repeats the block down from its top row', () => {
		expect(fillSourceRows(1, 3, false)).toEqual([0, 0, 0]);
		expect(fillSourceRows(2, 5, false)).toEqual([0, 1, 0, 1, 0]);
	});

	it('repeats the block up from its bottom row, so the pattern goes on above it', () => {
		// Rows а, б: above them come б, а, б… (nearest first).
		expect(fillSourceRows(2, 3, true)).toEqual([1, 0, 1]);
		expect(fillSourceRows(3, 4, true)).toEqual([2, 1, 0, 2]);
		expect(fillSourceRows(2, 0, true)).toEqual([]);
	});
});
