import { afterEach, describe, expect, it, vi } from 'vitest';
import { cssString, PeerCells, safeColor } from './presence';

describe('colleague names in the grid’s style sheet', () => {
	it('cannot break out of the CSS string', () => {
		expect(cssString('Анна')).toBe('"Анна"');
		expect(cssString('a"}body{x')).toBe('"a\\22 \\7d body\\7b x"');
		expect(cssString('a\\b\n')).toBe('"a\\5c b\\a "');
	});

	it('takes only plain hex colours', () => {
		expect(safeColor('#2a9d8f')).toBe('#2a9d8f');
		expect(safeColor('red;}body{display:none')).toBe('#888888');
	});
});

describe('a colleague’s row', () => {
	// No DOM in the unit tests: the style sheet is a plain object here.
	afterEach(() => vi.unstubAllGlobals());

	it('is marked at its number in the colour of the first one there, with every name', () => {
		const style = { textContent: '', remove() {} };
		vi.stubGlobal('document', { createElement: () => style });
		const cells = new PeerCells({ append() {} } as unknown as HTMLElement);
		const at = (rowId: string, colId: string) => ({ rowId, colId });
		cells.update([
			{ clientId: 1, name: 'Анна', color: '#2a9d8f', cell: at('r1', 'phone') },
			{ clientId: 2, name: 'Вера', color: '#e76f51', cell: at('r1', 'result') },
			{ clientId: 3, name: 'Гоша', color: '#264653', cell: at('r2', 'name') },
			{ clientId: 4, name: 'Анна', color: '#2a9d8f', cell: at('r1', 'phone') }
		]);
		expect(cells.rowSlot('r1')).toBe(0);
		expect(cells.rowNames('r1')).toEqual(['Анна', 'Вера']);
		expect(cells.rowSlot('r2')).toBe(2);
		expect(style.textContent).toContain('.shtab-peer-row-0{box-shadow:inset 4px 0 0 #2a9d8f;}');
		expect(cells.rowSlot('r3')).toBeUndefined();
		expect(cells.rowNames('r3')).toEqual([]);
		// She leaves: the mark goes, and the row is among those to draw again.
		expect([...cells.update([])].sort()).toEqual(['r1', 'r2']);
		expect(cells.rowSlot('r1')).toBeUndefined();
	});
});
