import { describe, expect, it } from 'vitest';
import {
	findDuplicates,
	normalizeName,
	phoneKeys,
	planImport,
	type ExistingRow,
	type IncomingRow,
	type KeyColumns
} from './dedupe';

const KEYS: KeyColumns = { phone: 'phone', name: 'name', birthDate: 'birth' };

function incoming(...rows: [string, string, string][]): IncomingRow[] {
	return rows.map(([name, phone, birth], i) => ({ line: i + 2, values: { name, phone, birth } }));
}

function existing(sheetId: string, rows: [string, string, string, string][]): ExistingRow[] {
	return rows.map(([rowId, name, phone, birth]) => ({
		sheetId,
		rowId,
		values: { name, phone, birth }
	}));
}

describe('keys', () => {
	it('normalises names: case, ё, punctuation, spaces', () => {
		expect(normalizeName('  ФЁДОРОВА  Анна-Мария П.  ')).toBe('федорова анна мария п');
		expect(normalizeName('Фёдорова А.П.')).toBe(normalizeName('федорова а п'));
	});

	it('normalises any text as the general rule does (property)', () => {
		// The rule: lower case, ё → е, runs of what is neither a letter nor a digit → one space.
		const rule = (s: string) =>
			s
				.toLowerCase()
				.replace(/ё/g, 'е')
				.replace(/[^\p{L}\p{N}]+/gu, ' ')
				.trim();
		const alphabet = [
			...'аяёЁЯАжЖzZaA09 .,-;"«»№/\t\n',
			'  ',
			'ѐ',
			'é',
			'і',
			'Ω',
			'e\u0301',
			'٣',
			'\u00a0',
			'—'
		];
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
		for (let n = 0; n < 3000; n++) {
			let text = '';
			const length = next() % 14;
			for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
			expect(normalizeName(text), JSON.stringify(text)).toBe(rule(text));
		}
	});

	it('takes every valid phone of a cell', () => {
		expect(phoneKeys('8 (911) 123-45-67')).toEqual(['+79111234567']);
		expect(phoneKeys('8 911 123-45-67, 8 812 555-12-34')).toEqual(['+79111234567', '+78125551234']);
		expect(phoneKeys('нет')).toEqual([]);
		expect(phoneKeys('')).toEqual([]);
	});
});

describe('findDuplicates', () => {
	it('finds a person earlier in the file by phone written differently', () => {
		const rows = incoming(
			['Иванова Анна', '8 911 123-45-67', ''],
			['Петров Пётр', '8 812 555-12-34', ''],
			['Иванова Анна', '+7 (911) 123-45-67', '']
		);
		const dups = findDuplicates({
			incoming: rows,
			existing: [],
			keyColumns: KEYS,
			targetSheetId: 's'
		});
		expect(dups.map((d) => d.inFile)).toEqual([null, null, { line: 2, by: 'phone' }]);
	});

	it('finds a person by name and birth date even with another phone', () => {
		const rows = incoming(['Фёдорова  Анна', '8 911 000-00-01', '05.03.1941']);
		const dups = findDuplicates({
			incoming: rows,
			existing: existing('s', [['r1', 'ФЕДОРОВА АННА', '8 911 999-99-99', '1941-03-05']]),
			keyColumns: KEYS,
			targetSheetId: 's'
		});
		expect(dups[0].inSheet).toEqual([{ rowId: 'r1', by: 'name-birth' }]);
	});

	it('keeps a couple sharing a landline apart: same phone, different names', () => {
		const rows = incoming(
			['Иванов Иван Иванович', '8 812 555-12-34', '01.01.1940'],
			['Иванова Мария Петровна', '8 812 555-12-34', '02.02.1942'],
			['', '8 812 555-12-34', '']
		);
		const dups = findDuplicates({
			incoming: rows,
			existing: [],
			keyColumns: KEYS,
			targetSheetId: 's'
		});
		expect(dups[1].inFile).toBeNull();
		// A row with only the phone is the same person as the first with that phone.
		expect(dups[2].inFile).toEqual({ line: 2, by: 'phone' });
	});

	it('tells the target sheet from other sheets', () => {
		const dups = findDuplicates({
			incoming: incoming(['Иванова Анна', '89111234567', '']),
			existing: [
				...existing('calls', [['r1', 'Иванова Анна', '+7 911 123 45 67', '']]),
				...existing('requests', [['q1', '', '8-911-123-45-67', '']])
			],
			keyColumns: KEYS,
			targetSheetId: 'calls'
		});
		expect(dups[0].inSheet).toEqual([{ rowId: 'r1', by: 'phone' }]);
		expect(dups[0].inOtherSheets).toEqual([{ sheetId: 'requests', rowId: 'q1', by: 'phone' }]);
	});

	it('reads other sheets through their own key columns', () => {
		const dups = findDuplicates({
			incoming: incoming(['Иванова Анна', '89111234567', '']),
			existing: [{ sheetId: 'req', rowId: 'q1', values: { tel: '8 911 123-45-67' } }],
			keyColumns: KEYS,
			keyColumnsBySheet: { req: { phone: 'tel' } },
			targetSheetId: 'calls'
		});
		expect(dups[0].inOtherSheets).toEqual([{ sheetId: 'req', rowId: 'q1', by: 'phone' }]);
	});

	it('joins name parts kept in separate columns', () => {
		const keys: KeyColumns = { name: ['last', 'first'], birthDate: 'birth' };
		const dups = findDuplicates({
			incoming: [
				{ line: 2, values: { last: 'Иванова', first: 'Анна', birth: '1941-03-05' } },
				{ line: 3, values: { last: 'ИВАНОВА', first: 'анна', birth: '05.03.1941' } }
			],
			existing: [],
			keyColumns: keys,
			targetSheetId: 's'
		});
		expect(dups[1].inFile).toEqual({ line: 2, by: 'name-birth' });
	});

	it('is fast for 100,000 incoming rows against 100,000 existing ones', () => {
		const n = 100_000;
		const phone = (i: number) => `+7911${String(i).padStart(7, '0')}`;
		const existingRows: ExistingRow[] = [];
		const incomingRows: IncomingRow[] = [];
		for (let i = 0; i < n; i++) {
			existingRows.push({
				sheetId: 's',
				rowId: `r${i}`,
				values: { name: `Житель ${i}`, phone: phone(i), birth: '1941-03-05' }
			});
			incomingRows.push({
				line: i + 2,
				values: { name: `Житель ${i + n / 2}`, phone: phone(i + n / 2), birth: '05.03.1941' }
			});
		}
		const started = performance.now();
		const dups = findDuplicates({
			incoming: incomingRows,
			existing: existingRows,
			keyColumns: KEYS,
			targetSheetId: 's'
		});
		const elapsed = performance.now() - started;
		expect(dups.filter((d) => d.inSheet.length > 0)).toHaveLength(n / 2);
		// About 1.2 s on an idle 2-core machine; the bound leaves room for a loaded CI runner.
		expect(elapsed).toBeLessThan(20_000);
	});
});

describe('planImport', () => {
	const rows = incoming(
		['Иванова Анна', '89111234567', ''],
		['Петров Пётр', '', '01.01.1950'],
		['Иванова Анна', '8 911 123-45-67', '05.03.1941'],
		['Сидоров', '89110000000', '']
	);
	const sheet = existing('s', [['r1', 'Петров Пётр', '8 812 000-00-00', '1950-01-01']]);
	const duplicates = findDuplicates({
		incoming: rows,
		existing: sheet,
		keyColumns: KEYS,
		targetSheetId: 's'
	});

	it("'skip' adds only new people and says why each other line was skipped", () => {
		const plan = planImport({ incoming: rows, duplicates, policy: 'skip' });
		expect(plan.toAdd.map((r) => r.line)).toEqual([2, 5]);
		expect(plan.toUpdate).toEqual([]);
		expect(plan.skipped).toMatchObject([
			{ line: 3, reason: 'duplicate-in-sheet', rowId: 'r1' },
			{ line: 4, reason: 'duplicate-in-file', duplicateOfLine: 2 }
		]);
		expect(plan.skipped[0].messageRu).toBe(
			'Строка 3: уже есть в таблице (те же ФИО и дата рождения) — пропущена.'
		);
	});

	it("'update' fills existing rows and folds repeats into the first line, erasing nothing", () => {
		const plan = planImport({ incoming: rows, duplicates, policy: 'update' });
		expect(plan.toAdd).toEqual([
			{ line: 2, values: { name: 'Иванова Анна', phone: '8 911 123-45-67', birth: '05.03.1941' } },
			{ line: 5, values: { name: 'Сидоров', phone: '89110000000', birth: '' } }
		]);
		expect(plan.toUpdate).toEqual([
			{ rowId: 'r1', values: { name: 'Петров Пётр', birth: '01.01.1950' }, lines: [3] }
		]);
		expect(plan.merged).toEqual([{ line: 4, intoLine: 2 }]);
		expect(plan.skipped).toEqual([]);
	});

	it("'keep' adds every row", () => {
		const plan = planImport({ incoming: rows, duplicates, policy: 'keep' });
		expect(plan.toAdd).toHaveLength(4);
	});
});
