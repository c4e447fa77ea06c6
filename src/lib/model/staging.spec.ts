import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeHeader, SINGLE_BYTE } from './chunk-codec';
import { newId } from './ids';
import {
	cleanRows,
	MAX_CELL_LENGTH,
	ModelError,
	Sheet,
	STAGING_ORIGIN,
	writeChunk,
	type SheetChange
} from './sheet';
import { sliceUpdate, stageRows } from './staging';
import { createNetwork, seededRandom, stageForTest } from './testing';

function rowsOf(n: number, from = 0): string[][] {
	return Array.from({ length: n }, (_, i) => [
		`Житель ${from + i}`,
		`+7812${String(from + i).padStart(7, '0')}`
	]);
}

/** Stage rows the way the import worker does; returns the updates (not applied). */
function stage(sheet: Sheet, columns: string[], rows: string[][], importId?: string) {
	return stageForTest(sheet, columns, rows, { chunkRows: 100, sliceRows: 300 }, importId);
}

describe('staged imports', () => {
	it('are invisible while written slice by slice, and appear in one change on commit', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name, phone] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Телефон', type: 'phone' }]);
		sheet.addRow({ [name]: 'Уже в списке' });
		const changes: SheetChange[] = [];
		sheet.observe((c) => changes.push(c));
		const { importId, updates } = stage(sheet, [name, phone], rowsOf(1000));
		expect(updates).toHaveLength(4); // 300 + 300 + 300 + 100 rows
		for (const u of updates) sheet.applyStaged(u);
		expect(sheet.rowCount).toBe(1);
		expect(sheet.stagedRows(importId)).toBe(1000);
		expect(changes.every((c) => c.added.length === 0)).toBe(true);

		const ids = sheet.commitImport(importId);
		expect(ids).toHaveLength(1000);
		expect(sheet.rowCount).toBe(1001);
		expect(sheet.rowIds().slice(1)).toEqual(ids);
		expect(sheet.getRow(ids[999])[name]).toBe('Житель 999');
		expect(changes.filter((c) => c.added.length > 0).map((c) => c.added.length)).toEqual([1000]);
		expect(changes.at(-1)!.local).toBe(true);
	});

	it('keeps every cell of every chunk of a slice: its chunks share one buffer until the slice is written', () => {
		// A slice's chunks are views of the encoder's one buffer (`encodeChunkView`), the next
		// slice written over them: each must be in the slice's update whole. In the middle of a
		// slice, a chunk in UTF-8 (an emoji: not in Windows-1251) and a cell long enough to grow
		// the buffer while its chunk is written; the updates applied only after other lists have
		// been written (the same buffer used again).
		const sheet = new Sheet(new Y.Doc());
		const [name, note] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Примечание' }]);
		const rows = Array.from({ length: 1000 }, (_, i) => [`Житель ${i}`, `заметка ${i}`]);
		rows[150][1] = 'звонила внучка 🙂';
		rows[420][1] = 'длинная заметка '.repeat(6000);
		rows[999][0] = 'Последняя Анна';
		const { importId, updates } = stage(sheet, [name, note], rows);
		const other = new Sheet(new Y.Doc());
		const [title] = other.addColumns([{ title: 'ФИО' }]);
		other.addRows({ columns: [title], rows: rowsOf(2500).map(([n]) => [n]) });
		for (const u of updates) sheet.applyStaged(u);
		const ids = sheet.commitImport(importId);
		expect(ids.map((id) => [sheet.getRow(id)[name], sheet.getRow(id)[note]])).toEqual(rows);
	});

	it('gives, slice by slice, the very bytes a Y.Doc of its client writing the same chunks gives', () => {
		// The updates are written without Yjs (`sliceUpdate`): each must be what Yjs itself writes
		// for the transaction, so every replica, the relay and the store read it as before.
		const sheet = new Sheet(new Y.Doc());
		const [name, note] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Примечание' }]);
		const rows = Array.from({ length: 1000 }, (_, i) => [`Житель ${i}`, `заметка ${i}`]);
		rows[150][1] = 'звонила внучка 🙂';
		const { updates } = stage(sheet, [name, note], rows);
		expect(updates).toHaveLength(4);
		const client = Y.decodeUpdate(updates[0]).structs[0].id.client;
		const doc = new Y.Doc();
		doc.clientID = client;
		const chunks = doc.getMap<Uint8Array>('chunks');
		let written: Uint8Array | null = null;
		doc.on('update', (u: Uint8Array) => (written = u));
		for (const update of updates) {
			const items = Y.decodeUpdate(update).structs as Y.Item[];
			expect(items.length).toBeGreaterThan(0);
			doc.transact(() => {
				for (const item of items) chunks.set(item.parentSub!, item.content.getContent()[0]);
			});
			expect(written).toEqual(update);
		}
		// A client id and a clock of several bytes each (lib0's varUint), and 200 bytes of a chunk.
		const far = new Y.Doc();
		far.clientID = 0xfffffff0;
		const map = far.getMap<Uint8Array>('chunks');
		far.transact(() => {
			for (let i = 0; i < 300; i++) map.set(`k${i}`, new Uint8Array([i & 0xff]));
		});
		far.on('update', (u: Uint8Array) => (written = u));
		const bytes = new Uint8Array(200).map((_, i) => i);
		far.transact(() => {
			map.set('Ключ', bytes);
			map.set('k', new Uint8Array(0));
		});
		expect(
			sliceUpdate(0xfffffff0, 300, [
				['Ключ', bytes],
				['k', new Uint8Array(0)]
			])
		).toEqual(written);
	});

	it("writes the import worker's rows into chunks read back whole (found in review of 9a4fbc0)", () => {
		// Rows as the mapping gives them, before `cleanRows`: numbers, holes and nulls among the
		// strings, a US, RS or ESC of a cell's own, long notes, a chunk going UTF-8 midway.
		const sheet = new Sheet(new Y.Doc());
		const columns = sheet.addColumns([
			{ title: 'ФИО' },
			{ title: 'Телефон' },
			{ title: 'Примечание' }
		]);
		const random = seededRandom(905);
		const odd = ['\x1f', '\x1e', '\x1b', '\x00', '', 'а\x1fб', 'звонила внучка 🙂'];
		const rows: unknown[][] = Array.from({ length: 3000 }, (_, i) => {
			const pick = random();
			const note =
				pick < 0.01
					? 'длинная заметка '.repeat(1200)
					: pick < 0.03
						? odd[Math.floor(random() * odd.length)]
						: `заметка ${i}`;
			return [`Житель ${i}`, pick < 0.5 ? 79_000_000_000 + i : `+7812${i}`, note];
		});
		rows[10] = ['Без телефона', undefined, null];
		rows[11] = ['Короткая строка'];
		const updates: Uint8Array[] = [];
		const importId = newId();
		stageRows({
			importId,
			after: sheet.lastOrder(),
			columns,
			rows,
			chunkRows: 500,
			sliceRows: 1000,
			onSlice: (update) => updates.push(update.slice())
		});
		const chunks = updates.flatMap((u) =>
			(Y.decodeUpdate(u).structs as Y.Item[]).map((item) => item.content.getContent()[0])
		) as Uint8Array[];
		expect(chunks).toHaveLength(6);
		expect(chunks.filter((bytes) => bytes[0] === SINGLE_BYTE).length).toBeGreaterThan(0);
		expect(chunks.filter((bytes) => bytes[0] !== SINGLE_BYTE).length).toBeGreaterThan(0);
		for (const u of updates) sheet.applyStaged(u);
		const ids = sheet.commitImport(importId);
		const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
		expect(ids.map((id) => columns.map((c) => sheet.getRow(id)[c] ?? ''))).toEqual(
			rows.map((row) => columns.map((_, j) => cell(row[j])))
		);
	});

	it('leaves the chunks in the slice it came in, not copied, and the doc as Yjs would have it', () => {
		// `applyStaged` reads the chunks' bytes as views of the slice (Yjs copies them): the doc
		// must hold what Yjs's own reading gives, byte for byte, and the rows read back whole.
		const sheet = new Sheet(new Y.Doc());
		const [name, note] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Примечание' }]);
		const rows = Array.from({ length: 1000 }, (_, i) => [`Житель ${i}`, `заметка ${i}`]);
		rows[150][1] = 'звонила внучка 🙂';
		const { importId, updates } = stage(sheet, [name, note], rows);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(sheet.doc));
		for (const u of updates) {
			sheet.applyStaged(u);
			Y.applyUpdate(copy, u);
		}
		const buffers = new Set(updates.map((u) => u.buffer));
		const chunks = sheet.doc.getMap<Uint8Array>('chunks');
		let staged = 0;
		chunks.forEach((bytes) => {
			if (buffers.has(bytes.buffer as ArrayBuffer)) staged++;
		});
		expect(staged).toBe(10);
		expect(Y.encodeStateAsUpdate(sheet.doc)).toEqual(Y.encodeStateAsUpdate(copy));
		const ids = sheet.commitImport(importId);
		expect(ids.map((id) => [sheet.getRow(id)[name], sheet.getRow(id)[note]])).toEqual(rows);
	});

	it('is one undo step: undo hides the rows again, redo shows them with later edits', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const { importId, updates } = stage(sheet, [name], rowsOf(250));
		for (const u of updates) sheet.applyStaged(u);
		expect(undo.canUndo()).toBe(false); // the slices are not an undo step of their own
		const ids = sheet.commitImport(importId);
		undo.stopCapturing();
		const removed: string[] = [];
		sheet.observe((c) => removed.push(...c.removed));
		undo.undo();
		expect(sheet.rowCount).toBe(0);
		expect(removed).toHaveLength(250);
		undo.redo();
		expect(sheet.rowCount).toBe(250);
		expect(sheet.getCell(ids[0], name)).toBe('Житель 0');
	});

	it('reaches the other operators as nothing until the commit, in any delivery order', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const net = createNetwork(3, seededRandom(seed));
			const sheets = net.docs.map((d) => new Sheet(d));
			const [name] = sheets[0].addColumns([{ title: 'ФИО' }]);
			net.sync();
			const { importId, updates } = stage(sheets[0], [name], rowsOf(700));
			for (const u of updates) sheets[0].applyStaged(u);
			net.sync();
			for (const s of sheets.slice(1)) expect(s.rowCount).toBe(0);
			// A colleague's own rows meanwhile, and the commit, in shuffled order with the slices.
			sheets[1].addRow({ [name]: 'Коллега' });
			sheets[0].commitImport(importId);
			net.sync();
			net.sync();
			for (const s of sheets) {
				expect(s.rowCount).toBe(701);
				expect(s.rowIds()).toEqual(sheets[0].rowIds());
			}
		}
	});

	it('shows rows whose slices arrive after the commit', () => {
		const a = new Sheet(new Y.Doc());
		const [name] = a.addColumns([{ title: 'ФИО' }]);
		const b = new Sheet(new Y.Doc());
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		const before = Y.encodeStateVector(a.doc);
		const { importId, updates } = stage(a, [name], rowsOf(500));
		for (const u of updates) a.applyStaged(u);
		const afterSlices = Y.encodeStateVector(a.doc);
		a.commitImport(importId);
		// The commit first, then the slices.
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, afterSlices));
		expect(b.rowCount).toBe(0);
		const added: string[] = [];
		b.observe((c) => added.push(...c.added));
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, before));
		expect(b.rowCount).toBe(500);
		expect(added).toHaveLength(500);
	});

	it('a cancelled import is discarded and leaves the sheet as it was', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		sheet.addRow({ [name]: 'Было' });
		const { importId, updates } = stage(sheet, [name], rowsOf(600));
		sheet.applyStaged(updates[0]); // cancelled after the first slice
		const chunks = sheet.doc.getMap('chunks');
		expect(chunks.size).toBe(1 + 3);
		sheet.discardImport(importId);
		expect(chunks.size).toBe(1);
		expect(sheet.rowCount).toBe(1);
		expect(sheet.stagedRows(importId)).toBe(0);
		// A copy loaded from the stored state sees the same.
		const copy = new Sheet(new Y.Doc());
		Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(sheet.doc));
		expect(copy.rowCount).toBe(1);
	});

	it('a reload keeps staged rows hidden and committed rows visible', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		const one = stage(sheet, [name], rowsOf(200));
		for (const u of one.updates) sheet.applyStaged(u);
		sheet.commitImport(one.importId);
		const two = stage(sheet, [name], rowsOf(300, 200));
		for (const u of two.updates) sheet.applyStaged(u);
		const copy = new Sheet(new Y.Doc());
		Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(sheet.doc));
		expect(copy.rowCount).toBe(200);
		expect(copy.stagedRows(two.importId)).toBe(300);
		copy.commitImport(two.importId);
		expect(copy.rowIds().map((id) => copy.getCell(id, name))).toEqual(rowsOf(500).map((r) => r[0]));
	});

	it('drops the slices of an import never committed once they are old, and nothing else', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		sheet.addRow({ [name]: 'Было' });
		const done = stage(sheet, [name], rowsOf(200));
		for (const u of done.updates) sheet.applyStaged(u);
		sheet.commitImport(done.importId);
		const left = stage(sheet, [name], rowsOf(300)); // interrupted: never committed
		for (const u of left.updates) sheet.applyStaged(u);
		const week = 7 * 24 * 60 * 60 * 1000;
		expect(sheet.discardStaleImports(week)).toBe(0); // just written: maybe still under way
		expect(sheet.discardStaleImports(week, Date.now() + week + 1000)).toBe(3);
		expect(sheet.stagedRows(left.importId)).toBe(0);
		expect(sheet.rowCount).toBe(201);
		expect(sheet.doc.getMap('chunks').size).toBe(1 + 2);
	});

	it('writes rows as they come into the very chunks their cleaned rows gave (oracle)', () => {
		// The writer cleans a chunk's rows only when one needs it (`writeStagedChunk`); before,
		// every slice went through `cleanRows` first. Each chunk of each update must be, byte for
		// byte, what the code before wrote: `cleanRows` of the chunk's rows, then `writeChunk`
		// (its order and time read from the chunk's own header).
		const pieces = ['Иванова Анна', '+7 812 555-12-34', '', 'a', 'Ёлкин №5 «а»', 'x'.repeat(40)];
		const odd: unknown[] = [
			'\x1f',
			'а\x1eб\x1b',
			'\x00',
			'звонила внучка 🙂',
			'café',
			79_111_234_567,
			0,
			-1.5,
			null,
			undefined,
			true,
			'x'.repeat(MAX_CELL_LENGTH)
		];
		for (let seed = 1; seed <= 60; seed++) {
			const random = seededRandom(seed);
			const width = 1 + Math.floor(random() * 4);
			const columns = Array.from({ length: width }, (_, j) => `c${j}`);
			const cell = () =>
				random() < 0.15
					? odd[Math.floor(random() * odd.length)]
					: pieces[Math.floor(random() * pieces.length)] + (random() < 0.5 ? seed : '');
			const rows: unknown[][] = Array.from({ length: Math.floor(random() * 120) }, () => {
				const pick = random();
				// Most rows exactly `width` strings; some short, some with extra cells.
				const length = pick < 0.1 ? Math.floor(random() * width) : pick < 0.2 ? width + 2 : width;
				return Array.from({ length }, cell);
			});
			const chunkRows = 1 + Math.floor(random() * 15);
			const sliceRows = chunkRows * (1 + Math.floor(random() * 3));
			const importId = newId();
			const updates: Uint8Array[] = [];
			stageRows({
				importId,
				after: null,
				columns,
				rows,
				chunkRows,
				sliceRows,
				onSlice: (update) => updates.push(update.slice())
			});
			const chunks = updates.flatMap((u) =>
				(Y.decodeUpdate(u).structs as Y.Item[]).map((item) => item.content.getContent()[0])
			) as Uint8Array[];
			expect(chunks).toHaveLength(Math.ceil(rows.length / chunkRows));
			chunks.forEach((bytes, k) => {
				const [order, , , , stagedAt] = decodeHeader(bytes) as [string, number, [], string, number];
				const part = rows.slice(k * chunkRows, (k + 1) * chunkRows);
				const before = writeChunk(order, columns, cleanRows(part, width), importId, stagedAt);
				// Compared as bytes: `toEqual` of chunks with 100,000-character cells is slow.
				expect(Buffer.compare(bytes, before), `seed ${seed}, chunk ${k}`).toBe(0);
			});
		}
	});

	it('refuses an oversize cell in a slice before that slice is given, as cleanRows did', () => {
		for (const [at, given] of [
			[0, 0],
			[299, 0],
			[300, 1],
			[899, 2],
			[900, 3]
		]) {
			const rows: unknown[][] = rowsOf(1000);
			rows[at] = [rows[at][0], 'x'.repeat(MAX_CELL_LENGTH + 1)];
			const slices: Uint8Array[] = [];
			let error: unknown = null;
			try {
				stageRows({
					importId: newId(),
					after: null,
					columns: ['a', 'b'],
					rows,
					chunkRows: 100,
					sliceRows: 300,
					onSlice: (u) => slices.push(u)
				});
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(ModelError);
			expect((error as ModelError).code).toBe('too-long');
			expect(slices, `row ${at}`).toHaveLength(given);
		}
	});

	it('gives rows the ids they had: the chunk’s id, a dot, the row’s place in base 36', () => {
		// The ends of the first CHUNK_ROWS ids are made once (`rowIdOf`); ids are kept by every
		// replica and in every view, so they must stay as they were, past CHUNK_ROWS too.
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		const rows = rowsOf(2600).map(([n]) => [n]);
		const { importId, updates } = stage(sheet, [name], rows.slice(0, 1300));
		for (const u of updates) sheet.applyStaged(u);
		const staged = sheet.commitImport(importId);
		const added = sheet.addRows({ columns: [name], rows: rows.slice(1300), chunkSize: 1200 });
		const ids = [...staged, ...added];
		expect(sheet.rowIds()).toEqual(ids);
		const chunks = [...new Set(ids.map((id) => id.slice(0, id.lastIndexOf('.'))))];
		expect(chunks).toHaveLength(13 + 2);
		const sizes = [...Array(13).fill(100), 1200, 100];
		const expected = chunks.flatMap((chunk, k) =>
			Array.from({ length: sizes[k] }, (_, i) => `${chunk}.${i.toString(36)}`)
		);
		expect(ids).toEqual(expected);
		expect(ids.map((id) => sheet.getCell(id, name))).toEqual(rows.map(([n]) => n));
	});

	it('refuses an oversize cell before anything is written', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		const slices: Uint8Array[] = [];
		expect(() =>
			stageRows({
				importId: newId(),
				after: null,
				columns: [name],
				rows: [['x'.repeat(200_000)]],
				onSlice: (u) => slices.push(u)
			})
		).toThrow(/at most/);
		expect(slices).toHaveLength(0);
	});
});

describe('a staged slice told to the doc’s update listeners (the relay’s provider, the store)', () => {
	it('is the slice itself, once, with the staging origin; a doc fed what they got converges', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name, phone] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Телефон', type: 'phone' }]);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(sheet.doc));
		const told: { update: Uint8Array; origin: unknown }[] = [];
		const listener = (update: Uint8Array, origin: unknown) => told.push({ update, origin });
		sheet.doc.on('update', listener);
		const { importId, updates } = stage(sheet, [name, phone], rowsOf(700));
		for (const u of updates) sheet.applyStaged(u);
		expect(told.map((t) => t.update)).toEqual(updates);
		expect(told.every((t) => t.origin === STAGING_ORIGIN)).toBe(true);

		// Applied again: nothing changed, nothing told (as Yjs does).
		sheet.applyStaged(updates[0]);
		expect(told).toHaveLength(updates.length);

		// The listener stays: the commit and a later edit are told as before.
		const ids = sheet.commitImport(importId);
		sheet.setCell(ids[5], name, 'Иванова Анна');
		expect(told.length).toBeGreaterThan(updates.length + 1);
		for (const t of told) Y.applyUpdate(copy, t.update);
		const other = new Sheet(copy);
		expect(other.rowCount).toBe(700);
		expect(other.getCell(ids[5], name)).toBe('Иванова Анна');
		expect(other.getCell(ids[699], phone)).toBe(sheet.getCell(ids[699], phone));
		expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(sheet.doc));
	});

	/** A sheet with a copy of it and the updates its listeners were told, and 700 rows staged. */
	function toldSetup() {
		const sheet = new Sheet(new Y.Doc());
		const [name, phone] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Телефон', type: 'phone' }]);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(sheet.doc));
		const told: Uint8Array[] = [];
		sheet.doc.on('update', (update: Uint8Array) => told.push(update));
		const { importId, updates } = stage(sheet, [name, phone], rowsOf(700));
		/** Whether the copy fed what the listeners were told has all the sheet has. */
		const converges = () => {
			for (const update of told) Y.applyUpdate(copy, update);
			return (
				copy.store.pendingStructs === null &&
				Buffer.compare(Y.encodeStateVector(copy), Y.encodeStateVector(sheet.doc)) === 0
			);
		};
		return { sheet, name, importId, updates, told, converges };
	}

	it('that lets slices come before it in (waiting for it) is told with them', () => {
		// Yjs integrates the waiting slices in the same transaction and told them with it; the
		// slice alone left them out of the relay and the browser's store.
		const { sheet, updates, told, converges } = toldSetup();
		const [first, ...rest] = updates;
		for (const u of rest) sheet.applyStaged(u);
		expect(told).toHaveLength(0); // waiting: nothing changed yet
		sheet.applyStaged(first);
		expect(sheet.doc.store.pendingStructs).toBeNull();
		expect(converges()).toBe(true);
	});

	it('whose transaction makes an observer write to the doc: that write is told too', () => {
		// An observer's change made while the slice's transaction is cleaned up (a repair, a
		// stamp) went to no listener: they were away while the slice was applied.
		const { sheet, updates, told, converges } = toldSetup();
		const marks = sheet.doc.getMap<number>('marks');
		sheet.doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin === STAGING_ORIGIN && !marks.has('seen')) marks.set('seen', 1);
		});
		for (const u of updates) sheet.applyStaged(u);
		expect(marks.get('seen')).toBe(1);
		expect(told.length).toBeGreaterThan(updates.length);
		expect(converges()).toBe(true);
	});

	it('that fails to apply (a damaged message) leaves the listeners in place for later changes', () => {
		const sheet = new Sheet(new Y.Doc());
		const [name] = sheet.addColumns([{ title: 'ФИО' }]);
		const told: Uint8Array[] = [];
		sheet.doc.on('update', (u: Uint8Array) => told.push(u));
		const { updates } = stage(sheet, [name], rowsOf(10));
		expect(() => sheet.applyStaged(updates[0].subarray(0, 40))).toThrow();
		const id = sheet.addRow({ [name]: 'Иванова Анна' });
		expect(told).toHaveLength(1);
		expect(sheet.getCell(id, name)).toBe('Иванова Анна');
	});
});
