import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { autoMap, findDuplicates, parseCsvBytes } from '../csv';
import { MAX_KNOWN_IMPORTS, Sheet } from '../model/sheet';
import { templateColumns } from '../model/templates';
import { applyPreparedImport, existingRowsForImport } from './apply';
import { analyzeImport, prepareImport } from './plan';
import { targetsOf } from './testing';
import {
	ClosedTwiceNotices,
	findTwiceImported,
	MAX_CLOSED_TWICE,
	removeTwiceImported,
	sameFile,
	twiceWho,
	watchTwiceImported
} from './twice';

// The comparison of residents, counted (it runs as ever): what the check of the list costs.
vi.mock('../csv', async (original) => {
	const csv = await original<typeof import('../csv')>();
	return { ...csv, findDuplicates: vi.fn(csv.findDuplicates) };
});

const ANNA = { id: 'anna', name: 'Анна' };
const BORIS = { id: 'boris', name: 'Борис' };

const FILE = [
	'ФИО;Тел.;Д/р',
	'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941',
	'Петров Пётр Ильич;+7 911 000-11-22;12.04.1950',
	'Новикова Вера;8 921 111-22-33;02.02.1950'
].join('\r\n');

/** The import as the dialog runs it, with the automatic mapping, noted as by `by`. */
function importFile(
	sheet: Sheet,
	text: string,
	by: { id: string; name: string },
	policy: 'skip' | 'update' | 'keep' = 'skip',
	name = 'список отдела.csv'
) {
	const bytes = new TextEncoder().encode(text);
	const parsed = parseCsvBytes(bytes);
	const columns = sheet.columns();
	const targets = targetsOf(autoMap(parsed.header ?? [], columns, { rows: parsed.rows }), columns);
	const analysis = analyzeImport({
		parsed,
		targets,
		existing: existingRowsForImport(sheet, 'target', targets),
		targetSheetId: 'target'
	});
	const prepared = prepareImport(analysis, targets, policy);
	return applyPreparedImport(sheet, targets, prepared, {
		note: { by, file: { name, size: bytes.length }, policy }
	});
}

/** Two operators' copies of one call list, both knowing its columns. */
function twoReplicas(): [Sheet, Sheet] {
	const a = new Sheet(new Y.Doc());
	a.addColumns(templateColumns('callList', 'ru'));
	const b = new Sheet(new Y.Doc());
	sync(a, b);
	return [a, b];
}

function sync(a: Sheet, b: Sheet) {
	Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
	Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
}

const names = (sheet: Sheet) => {
	const name = sheet.columns().find((c) => c.title === 'ФИО')!.id;
	return sheet
		.rowIds()
		.map((id) => sheet.getCell(id, name))
		.sort();
};

describe('the same residents imported twice at once', () => {
	it('finds them on both replicas alike, and the later import’s copies go', () => {
		const [anna, boris] = twoReplicas();
		// Анна offline, Борис online: each imports the department's file into her own copy.
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		expect(findTwiceImported(anna)).toEqual([]);
		sync(anna, boris);
		expect(anna.rowCount).toBe(6);

		const seenByAnna = findTwiceImported(anna);
		const seenByBoris = findTwiceImported(boris);
		expect(seenByAnna).toHaveLength(1);
		expect(seenByAnna[0].pairs).toBe(3);
		expect(seenByAnna[0].drop).toHaveLength(3);
		expect(seenByAnna[0].bothWorked).toEqual([]);
		expect(seenByBoris).toEqual(seenByAnna);
		// The copies going are those of the import committed second, all of them.
		expect(new Set(seenByAnna[0].drop)).toEqual(
			new Set(anna.importRowIds(seenByAnna[0].second.id))
		);
		expect(sameFile(seenByAnna[0])).toBe(true);
		// Each is told of the other's import; a third operator of both.
		expect(twiceWho(seenByAnna[0], 'anna')).toEqual({ kind: 'other', by: 'Борис' });
		expect(twiceWho(seenByAnna[0], 'boris')).toEqual({ kind: 'other', by: 'Анна' });
		expect(twiceWho(seenByAnna[0], 'galina').kind).toBe('both');

		// Both press «Убрать повторы» at once: they delete the same rows.
		expect(removeTwiceImported(anna).removed).toHaveLength(3);
		expect(removeTwiceImported(boris).removed).toHaveLength(3);
		sync(anna, boris);
		expect(names(anna)).toEqual(['Иванова Анна Петровна', 'Новикова Вера', 'Петров Пётр Ильич']);
		expect(names(boris)).toEqual(names(anna));
		expect(findTwiceImported(anna)).toEqual([]);
	});

	it('does not count an ordinary second import, made knowing the first', () => {
		const [anna] = twoReplicas();
		importFile(anna, FILE, ANNA);
		// «Добавить все строки» the second time: every resident twice, as she chose.
		importFile(anna, FILE, ANNA, 'keep');
		expect(anna.rowCount).toBe(6);
		expect(findTwiceImported(anna)).toEqual([]);
	});

	it('leaves namesakes alone: another birth date is another resident', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(
			boris,
			['ФИО;Тел.;Д/р', 'Иванова Анна Петровна;8 911 999-88-77;07.07.1952'].join('\r\n'),
			BORIS,
			'skip',
			'другой.csv'
		);
		sync(anna, boris);
		expect(anna.rowCount).toBe(4);
		expect(findTwiceImported(anna)).toEqual([]);
	});

	it('keeps a copy someone worked on, and both when both were worked on', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		const [found] = findTwiceImported(anna);
		const note = anna.columns().find((c) => c.title === 'Примечание')!.id;
		const name = anna.columns().find((c) => c.title === 'ФИО')!.id;
		const later = anna.importRowIds(found.second.id);
		const earlier = anna.importRowIds(found.first.id);
		const nameOf = (id: string) => anna.getCell(id, name);
		// Борис called Иванова from his copy (the later one): that copy stays, the other goes.
		const ivanovaLater = later.find((id) => nameOf(id) === 'Иванова Анна Петровна')!;
		const ivanovaEarlier = earlier.find((id) => nameOf(id) === 'Иванова Анна Петровна')!;
		boris.setCell(ivanovaLater, note, 'Плохо слышит, звонить дочери');
		// Петров was called on both copies.
		const petrovLater = later.find((id) => nameOf(id) === 'Петров Пётр Ильич')!;
		const petrovEarlier = earlier.find((id) => nameOf(id) === 'Петров Пётр Ильич')!;
		anna.setCell(petrovEarlier, note, 'Дозвонились');
		boris.setCell(petrovLater, note, 'Не берёт трубку');
		sync(anna, boris);

		const [now] = findTwiceImported(boris);
		expect(now.pairs).toBe(3);
		expect(now.drop).toContain(ivanovaEarlier);
		expect(now.drop).not.toContain(ivanovaLater);
		expect(now.bothWorked).toEqual([[petrovEarlier, petrovLater]]);
		expect(findTwiceImported(anna)).toEqual([now]);

		const { removed, bothWorked } = removeTwiceImported(boris);
		expect(removed).toHaveLength(2);
		expect(bothWorked).toHaveLength(1);
		sync(anna, boris);
		expect(anna.getCell(ivanovaLater, note)).toBe('Плохо слышит, звонить дочери');
		expect(names(anna)).toEqual([
			'Иванова Анна Петровна',
			'Новикова Вера',
			'Петров Пётр Ильич',
			'Петров Пётр Ильич'
		]);
		// Nothing more to remove: the notice has nothing to offer.
		expect(findTwiceImported(anna).flatMap((t) => t.drop)).toEqual([]);
	});

	it('is undone in one step', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		const undo = anna.createUndoManager();
		removeTwiceImported(anna);
		expect(anna.rowCount).toBe(3);
		undo.undo();
		expect(anna.rowCount).toBe(6);
		expect(findTwiceImported(anna)[0].drop).toHaveLength(3);
	});

	it('does not count two imports that both added every line', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA, 'keep');
		importFile(boris, FILE, BORIS, 'keep');
		sync(anna, boris);
		expect(anna.rowCount).toBe(6);
		expect(findTwiceImported(anna)).toEqual([]);
	});
});

describe('a colleague’s client writing garbage into the list’s imports (found in review)', () => {
	it('still tells the two imports made at once, whatever another import’s note holds', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		// Another client notes an import "knowing" 200,000 imports, and one with odd types.
		anna.doc.transact(() => {
			const imports = anna.doc.getMap('imports');
			imports.set('x'.repeat(10), {
				at: 1,
				rows: 5,
				known: Array.from({ length: 200_000 }, (_, i) => `i${i}`),
				policy: 'skip'
			});
			imports.set('y'.repeat(10), { at: 'soon', rows: { n: 1 }, known: 'all', by: 7 });
		});
		sync(anna, boris);
		for (const sheet of [anna, boris]) {
			const found = findTwiceImported(sheet);
			expect(found).toHaveLength(1);
			expect(found[0].drop).toHaveLength(3);
			expect(sheet.imports().every((i) => (i.known?.length ?? 0) <= MAX_KNOWN_IMPORTS)).toBe(true);
		}
	});
});

describe('«Убрать повторы» pressed by two operators at once (found in review)', () => {
	const nameOf = (sheet: Sheet, id: string) =>
		sheet.getCell(id, sheet.columns().find((c) => c.title === 'ФИО')!.id);
	const noteOf = (sheet: Sheet) => sheet.columns().find((c) => c.title === 'Примечание')!.id;
	/** Replicas as the sheet page has them: each watching for residents twice. */
	function watched(sheets: Sheet[]) {
		vi.useFakeTimers();
		const stops = sheets.map((sheet) => watchTwiceImported(sheet, () => {}));
		return () => {
			stops.forEach((stop) => stop());
			vi.useRealTimers();
		};
	}
	const syncAll = (sheets: Sheet[]) => {
		for (const a of sheets) for (const b of sheets) if (a !== b) sync(a, b);
	};

	it('never loses a resident: the copy worked on comes back on both replicas', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		const stop = watched([anna, boris]);
		try {
			vi.advanceTimersByTime(1000);
			const [found] = findTwiceImported(anna);
			const later = anna.importRowIds(found.second.id);
			const ivanova = later.find((id) => nameOf(anna, id) === 'Иванова Анна Петровна')!;
			// Борис writes a note on his copy of Иванова; both press «Убрать повторы» before it
			// reaches Анна: she deletes his copy (untouched as she sees it), he deletes hers.
			boris.setCell(ivanova, noteOf(boris), 'Плохо слышит, звонить дочери');
			expect(removeTwiceImported(anna).removed).toContain(ivanova);
			expect(removeTwiceImported(boris).removed).not.toContain(ivanova);
			sync(anna, boris);
			vi.advanceTimersByTime(1000);
			sync(anna, boris);
			vi.advanceTimersByTime(1000);
			for (const sheet of [anna, boris]) {
				expect(names(sheet)).toEqual([
					'Иванова Анна Петровна',
					'Новикова Вера',
					'Петров Пётр Ильич'
				]);
				expect(sheet.hasRow(ivanova)).toBe(true);
				expect(sheet.getCell(ivanova, noteOf(sheet))).toBe('Плохо слышит, звонить дочери');
				expect(findTwiceImported(sheet)).toEqual([]);
			}
			// Deleted by hand afterwards, she stays deleted.
			anna.deleteRows([ivanova]);
			sync(anna, boris);
			vi.advanceTimersByTime(1000);
			expect(anna.hasRow(ivanova) || boris.hasRow(ivanova)).toBe(false);
		} finally {
			stop();
		}
	});

	it('three replicas bring back the same copy at once, once; else the earlier import’s', () => {
		const [anna, boris] = twoReplicas();
		const galina = new Sheet(new Y.Doc());
		sync(anna, galina);
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		const sheets = [anna, boris, galina];
		syncAll(sheets);
		const [found] = findTwiceImported(anna);
		const later = anna.importRowIds(found.second.id);
		const earlier = anna.importRowIds(found.first.id);
		const petrov = later.find((id) => nameOf(anna, id) === 'Петров Пётр Ильич')!;
		const petrovEarlier = earlier.find((id) => nameOf(anna, id) === 'Петров Пётр Ильич')!;
		// Борис noted his copy of Петров, pressed «Убрать повторы» (the earlier copy went), then
		// cleared the note; Анна and Галина pressed it too (the later copy went).
		boris.setCell(petrov, noteOf(boris), 'Дозвонились');
		expect(removeTwiceImported(boris).removed).toContain(petrovEarlier);
		boris.setCell(petrov, noteOf(boris), '');
		expect(removeTwiceImported(anna).removed).toContain(petrov);
		expect(removeTwiceImported(galina).removed).toContain(petrov);
		syncAll(sheets);
		expect(names(anna)).toEqual(['Иванова Анна Петровна', 'Новикова Вера']);
		const stop = watched(sheets);
		try {
			// All three repair before hearing of the others' repair.
			vi.advanceTimersByTime(1000);
			syncAll(sheets);
			vi.advanceTimersByTime(1000);
			syncAll(sheets);
			for (const sheet of sheets) {
				expect(names(sheet)).toEqual([
					'Иванова Анна Петровна',
					'Новикова Вера',
					'Петров Пётр Ильич'
				]);
				// Nobody's work on either: the earlier import's copy, on every replica.
				expect(sheet.hasRow(petrovEarlier)).toBe(true);
				expect(sheet.hasRow(petrov)).toBe(false);
			}
		} finally {
			stop();
		}
	});
});

describe('the check after «Убрать повторы» kept copies worked on (found in review)', () => {
	it('does not compare the pair again at every opening, and tells of an import not dealt with', () => {
		const [anna, boris] = twoReplicas();
		const galina = new Sheet(new Y.Doc());
		sync(anna, galina);
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		// Галина, offline too, imports the same file.
		importFile(galina, FILE, { id: 'galina', name: 'Галина' });
		sync(anna, boris);
		const [found] = findTwiceImported(anna);
		const note = anna.columns().find((c) => c.title === 'Примечание')!.id;
		const name = anna.columns().find((c) => c.title === 'ФИО')!.id;
		const copyOf = (importId: string) =>
			anna.importRowIds(importId).find((id) => anna.getCell(id, name) === 'Петров Пётр Ильич')!;
		// Петров called on both copies: both stay.
		anna.setCell(copyOf(found.first.id), note, 'Дозвонились');
		anna.setCell(copyOf(found.second.id), note, 'Не берёт трубку');
		sync(anna, boris);
		const compared = vi.mocked(findDuplicates);
		compared.mockClear();
		expect(findTwiceImported(anna)[0].bothWorked).toHaveLength(1);
		expect(compared).toHaveBeenCalledTimes(1);

		const { removed, bothWorked } = removeTwiceImported(anna);
		expect([removed.length, bothWorked.length]).toEqual([2, 1]);
		sync(anna, boris);
		for (const sheet of [anna, boris, new Sheet(anna.doc)]) {
			compared.mockClear();
			expect(findTwiceImported(sheet)).toEqual([]);
			// As the list opens: no comparison of the residents.
			expect(compared).not.toHaveBeenCalled();
		}

		// Галина's import arrives: not dealt with, it is told of.
		sync(anna, galina);
		const withGalina = findTwiceImported(anna);
		expect(withGalina.flatMap((t) => t.drop)).toHaveLength(3);
		expect(
			withGalina.every((t) => t.second.by?.name === 'Галина' || t.first.by?.name === 'Галина')
		).toBe(true);
	});
});

describe('a copy an operator is on right now (found in review)', () => {
	const nameOf = (sheet: Sheet, id: string) =>
		sheet.getCell(id, sheet.columns().find((c) => c.title === 'ФИО')!.id);
	const noteOf = (sheet: Sheet) => sheet.columns().find((c) => c.title === 'Примечание')!.id;
	/** The two copies of a resident: the earlier import's, the later one's. */
	function copies(sheet: Sheet, name: string): [string, string] {
		const [found] = findTwiceImported(sheet);
		const of = (importId: string) =>
			sheet.importRowIds(importId).find((id) => nameOf(sheet, id) === name)!;
		return [of(found.first.id), of(found.second.id)];
	}

	it('keeps the copy she is phoning from, with nothing logged yet, and removes the other', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		// Анна is on the later import's copy of Иванова, talking to her: nothing written yet.
		const [earlier, later] = copies(boris, 'Иванова Анна Петровна');
		const removal = removeTwiceImported(boris, { busy: new Set([later]) });
		expect(removal.removed).toHaveLength(3);
		expect(removal.removed).toContain(earlier);
		expect(removal.removed).not.toContain(later);
		sync(anna, boris);
		for (const sheet of [anna, boris]) {
			expect(sheet.hasRow(later)).toBe(true);
			expect(names(sheet)).toEqual(['Иванова Анна Петровна', 'Новикова Вера', 'Петров Пётр Ильич']);
			expect(findTwiceImported(sheet)).toEqual([]);
		}
	});

	it('keeps both when the other copy was worked on, says so, and offers them again later', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		const [earlier, later] = copies(boris, 'Иванова Анна Петровна');
		boris.setCell(earlier, noteOf(boris), 'Звонить после обеда');
		const removal = removeTwiceImported(boris, { busy: new Set([later]) });
		expect(removal.removed).toHaveLength(2);
		expect(removal.onRow).toEqual([[earlier, later]]);
		expect(removal.bothWorked).toEqual([]);
		expect(boris.hasRow(later) && boris.hasRow(earlier)).toBe(true);
		// Not dealt with: once she has left the row (nothing written), the notice offers it again.
		const [again] = findTwiceImported(boris);
		expect(again.drop).toEqual([later]);
		expect(removeTwiceImported(boris).removed).toEqual([later]);
		expect(findTwiceImported(boris)).toEqual([]);
	});

	it('two pressing at once, one not seeing her there yet: her copy comes back on every replica', () => {
		const [anna, boris] = twoReplicas();
		const galina = new Sheet(new Y.Doc());
		sync(anna, galina);
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		const sheets = [anna, boris, galina];
		const syncAll = () => {
			for (const a of sheets) for (const b of sheets) if (a !== b) sync(a, b);
		};
		syncAll();
		const [earlier, later] = copies(boris, 'Петров Пётр Ильич');
		// Борис sees Анна on the later copy of Петров; Галина presses at the same moment, before
		// Анна's presence reached her. Both copies go; the list brings back Анна's.
		expect(removeTwiceImported(boris, { busy: new Set([later]) }).removed).toContain(earlier);
		expect(removeTwiceImported(galina).removed).toContain(later);
		vi.useFakeTimers();
		const stops = sheets.map((sheet) => watchTwiceImported(sheet, () => {}));
		try {
			syncAll();
			vi.advanceTimersByTime(1000);
			syncAll();
			vi.advanceTimersByTime(1000);
			syncAll();
			for (const sheet of sheets) {
				expect(names(sheet)).toEqual([
					'Иванова Анна Петровна',
					'Новикова Вера',
					'Петров Пётр Ильич'
				]);
				expect(sheet.hasRow(later)).toBe(true);
				expect(sheet.hasRow(earlier)).toBe(false);
			}
		} finally {
			stops.forEach((stop) => stop());
			vi.useRealTimers();
		}
	});
});

describe('the notice closed with × (found in review)', () => {
	/** localStorage as the browser has it: strings by key. */
	const storage = () => {
		const map = new Map<string, string>();
		return {
			getItem: (key: string) => map.get(key) ?? null,
			setItem: (key: string, value: string) => void map.set(key, value),
			removeItem: (key: string) => void map.delete(key),
			map
		};
	};

	it('is not shown again for the same imports in this browser, but for a new one it is', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		const local = storage();
		const found = findTwiceImported(anna);
		new ClosedTwiceNotices('list-1', local).close(found);
		// Opened again (a new page): the pair closed stays closed; another list's is its own.
		expect(new ClosedTwiceNotices('list-1', local).shown(findTwiceImported(anna))).toEqual([]);
		expect(new ClosedTwiceNotices('list-2', local).shown(found)).toEqual(found);

		// Анна offline again, both import another file: a new pair of imports, told.
		const more = ['ФИО;Тел.;Д/р', 'Сидорова Мария Ивановна;8 921 555-44-33;01.01.1940'].join(
			'\r\n'
		);
		importFile(anna, more, ANNA, 'skip', 'дополнение.csv');
		importFile(boris, more, BORIS, 'skip', 'дополнение.csv');
		sync(anna, boris);
		const now = new ClosedTwiceNotices('list-1', local).shown(findTwiceImported(anna));
		expect(now).toHaveLength(1);
		expect(now[0].pairs).toBe(1);
		expect(now[0].first.file?.name).toBe('дополнение.csv');
	});

	it('keeps a bounded number of closed pairs, the latest', () => {
		const local = storage();
		const closed = new ClosedTwiceNotices('list-1', local);
		const pair = (n: number) =>
			({
				first: { id: `a${n}`, at: n, rows: 1 },
				second: { id: `b${n}`, at: n, rows: 1 }
			}) as const;
		for (let n = 0; n < MAX_CLOSED_TWICE + 50; n++) closed.close([pair(n)]);
		const kept = new ClosedTwiceNotices('list-1', local);
		expect(kept.isClosed(pair(0))).toBe(false);
		expect(kept.isClosed(pair(MAX_CLOSED_TWICE + 49))).toBe(true);
		expect(local.map.get('shtab.twiceClosed.list-1')!.length).toBeLessThan(MAX_CLOSED_TWICE * 40);
		// Storage not ours or broken: nothing closed, nothing thrown.
		local.map.set('shtab.twiceClosed.list-1', '{"x":');
		expect(new ClosedTwiceNotices('list-1', local).isClosed(pair(1))).toBe(false);
	});
});

describe('imports made at once with no resident in common (found in review)', () => {
	it('are compared once, not at every opening of the list', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(
			boris,
			['ФИО;Тел.;Д/р', 'Сидорова Мария Ивановна;8 921 555-44-33;01.01.1940'].join('\r\n'),
			BORIS,
			'skip',
			'другой.csv'
		);
		sync(anna, boris);
		const compared = vi.mocked(findDuplicates);
		vi.useFakeTimers();
		const stop = watchTwiceImported(anna, () => {});
		try {
			compared.mockClear();
			vi.advanceTimersByTime(1000);
			expect(compared).toHaveBeenCalledTimes(1);
		} finally {
			stop();
			vi.useRealTimers();
		}
		sync(anna, boris);
		for (const sheet of [anna, boris, new Sheet(anna.doc)]) {
			compared.mockClear();
			expect(findTwiceImported(sheet)).toEqual([]);
			expect(compared).not.toHaveBeenCalled();
		}
		// Not undone by the operator's Ctrl+Z: it is nobody's step.
		const undo = anna.createUndoManager();
		expect(undo.canUndo()).toBe(false);
	});

	it('a pair with a resident in common is not noted so, and is still told', () => {
		const [anna, boris] = twoReplicas();
		importFile(anna, FILE, ANNA);
		importFile(boris, FILE, BORIS);
		sync(anna, boris);
		vi.useFakeTimers();
		let told: unknown[] = [];
		const stop = watchTwiceImported(anna, (found) => (told = found));
		try {
			vi.advanceTimersByTime(1000);
			vi.advanceTimersByTime(1000);
		} finally {
			stop();
			vi.useRealTimers();
		}
		expect(told).toHaveLength(1);
		expect(findTwiceImported(new Sheet(anna.doc))[0].drop).toHaveLength(3);
	});

	it('a pair compared with copies deleted is not noted so: brought back, they are told', () => {
		// Both imported the department's file offline, Борис's with one more resident; before his
		// line came back he deleted three of his rows (by mistake: he meant another list).
		const [anna, boris] = twoReplicas();
		importFile(
			boris,
			FILE + '\r\nСидорова Мария Ивановна;8 921 555-44-33;01.01.1940',
			BORIS,
			'skip',
			'список отдела (2).csv'
		);
		const his = boris.importRowIds(boris.imports()[0].id).slice(0, 3);
		importFile(anna, FILE, ANNA);
		boris.deleteRows(his);
		sync(anna, boris);
		// Анна opens the list: as it stands, the two imports have no resident in common.
		vi.useFakeTimers();
		const stop = watchTwiceImported(anna, () => {});
		try {
			vi.advanceTimersByTime(1000);
		} finally {
			stop();
			vi.useRealTimers();
		}
		expect(findTwiceImported(anna)).toEqual([]);
		// Борис brings them back from «Удалённые строки»: three residents are in the list twice.
		sync(anna, boris);
		boris.restoreRows(his);
		sync(anna, boris);
		for (const sheet of [anna, boris, new Sheet(anna.doc)]) {
			expect(names(sheet)).toHaveLength(7);
			expect(findTwiceImported(sheet).flatMap((t) => t.drop)).toHaveLength(3);
		}
	});
});
