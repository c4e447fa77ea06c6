import { describe, expect, it } from 'vitest';
import { keyBetween, keysAfter } from './order';
import { seededRandom } from './testing';

describe('sort keys', () => {
	it('a key between two keys sorts strictly between them', () => {
		const random = seededRandom(7);
		let keys = [keyBetween(null, null)];
		for (let n = 0; n < 2000; n++) {
			const i = Math.floor(random() * (keys.length + 1));
			const before = i > 0 ? keys[i - 1] : null;
			const after = i < keys.length ? keys[i] : null;
			const key = keyBetween(before, after);
			if (before !== null) expect(key > before).toBe(true);
			if (after !== null) expect(key < after).toBe(true);
			keys = [...keys.slice(0, i), key, ...keys.slice(i)];
		}
		expect([...keys].sort()).toEqual(keys);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('repeated inserts at the front and the back keep working', () => {
		let first = keyBetween(null, null);
		let last = first;
		for (let i = 0; i < 500; i++) {
			const f = keyBetween(null, first);
			const l = keyBetween(last, null);
			expect(f < first && l > last).toBe(true);
			first = f;
			last = l;
		}
	});

	it('refuses a range that is empty', () => {
		expect(() => keyBetween('b', 'a')).toThrow(RangeError);
		expect(() => keyBetween('a', 'a')).toThrow(RangeError);
	});

	it('keysAfter gives increasing keys', () => {
		const keys = keysAfter('m', 100);
		expect([...keys].sort()).toEqual(keys);
		expect(keys[0] > 'm').toBe(true);
	});
});
