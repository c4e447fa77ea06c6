import { describe, expect, it } from 'vitest';
import { cssString, safeColor } from './presence';

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
