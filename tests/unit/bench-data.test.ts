import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CALL_LIST_HEADER, generateCallListCsv, generateRows } from '../../bench/data';

const N = 3000;

function parse(text: string) {
	return Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true });
}

describe('bench call list generator', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const a = generateCallListCsv({ rows: N, seed: 7 });
		expect(generateCallListCsv({ rows: N, seed: 7 })).toBe(a);
		expect(generateCallListCsv({ rows: N, seed: 8 })).not.toBe(a);
		// A shorter list is a prefix of a longer one with the same seed.
		expect(a.startsWith(generateCallListCsv({ rows: 100, seed: 7 }))).toBe(true);
	});

	it('parses back with PapaParse to exactly the generated rows, 12 fields each', () => {
		const text = generateCallListCsv({ rows: N, seed: 3 });
		const { header, rows } = generateRows({ rows: N, seed: 3 });
		const result = parse(text);
		expect(result.errors).toEqual([]);
		expect(result.meta.linebreak).toBe('\r\n');
		expect(result.data).toHaveLength(N + 1);
		expect(result.data[0]).toEqual([...CALL_LIST_HEADER]);
		for (const record of result.data) expect(record).toHaveLength(12);
		expect(result.data).toEqual([header, ...rows]);
		expect(text.endsWith('\r\n')).toBe(true);
	});

	it('has the awkward cells a real list has', () => {
		const { rows } = generateRows({ rows: N, seed: 3 });
		const cells = rows.flat();
		const count = (test: (cell: string) => boolean) => cells.filter(test).length;
		expect(count((c) => c === '')).toBeGreaterThan(N);
		expect(count((c) => c.includes('"'))).toBeGreaterThan(10);
		expect(count((c) => c.includes(';'))).toBeGreaterThan(10);
		expect(count((c) => c.includes('\n'))).toBeGreaterThan(10);
		expect(count((c) => /[А-Яа-яЁё]/.test(c))).toBeGreaterThan(N * 3);
		const phones = rows.map((r) => r[1]);
		expect(phones.some((p) => /^8 \d{3} \d{3}-\d{2}-\d{2}$/.test(p))).toBe(true);
		expect(phones.some((p) => /^\+7\(\d{3}\)\d{7}$/.test(p))).toBe(true);
		// About 25 MB for 100,000 rows.
		const bytesPerRow = new TextEncoder().encode(generateCallListCsv({ rows: N })).length / N;
		expect(bytesPerRow).toBeGreaterThan(200);
		expect(bytesPerRow).toBeLessThan(320);
	});
});
