import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNetwork, seededRandom } from './testing';
import { titleTaken, Workspace } from './workspace';

describe('workspace model', () => {
	it('creates, renames, deletes and restores sheets', () => {
		const ws = new Workspace(new Y.Doc());
		const a = ws.createSheet({ title: 'Обзвон 65+', kind: 'callList' });
		const b = ws.createSheet({ title: 'Заявки', kind: 'requests' });
		expect(ws.sheets().map((s) => s.title)).toEqual(['Обзвон 65+', 'Заявки']);
		ws.renameSheet(a, '  Обзвон   65+ (Калининский) ');
		expect(ws.sheet(a)?.title).toBe('Обзвон 65+ (Калининский)');
		ws.deleteSheet(b);
		expect(ws.sheets().map((s) => s.id)).toEqual([a]);
		expect(ws.deletedSheets().map((s) => s.id)).toEqual([b]);
		ws.restoreSheet(b);
		expect(ws.sheets().map((s) => s.id)).toEqual([a, b]);
		expect(ws.sheet(b)?.kind).toBe('requests');
	});

	it('titleTaken finds another list in use with the title, spaces and case aside', () => {
		const ws = new Workspace(new Y.Doc());
		const a = ws.createSheet({ title: 'Обзвон 65+ Калининский', kind: 'callList' });
		const b = ws.createSheet({ title: 'Заявки', kind: 'requests' });
		expect(titleTaken(ws.sheets(), '  обзвон  65+ калининский ')?.id).toBe(a);
		expect(titleTaken(ws.sheets(), 'Обзвон 65+ Калининский', a)).toBeUndefined();
		expect(titleTaken(ws.sheets(), 'Обзвон 65+ Калининский', b)?.id).toBe(a);
		expect(titleTaken(ws.sheets(), 'Обзвон 65+ Выборгский')).toBeUndefined();
		// A deleted list's title is free (it says so when restored: both stay).
		ws.deleteSheet(a);
		expect(titleTaken(ws.sheets(), 'Обзвон 65+ Калининский')).toBeUndefined();
	});

	it('two coordinators offline creating one title keep both lists', () => {
		const net = createNetwork(2, seededRandom(7));
		const [w0, w1] = net.docs.map((d) => new Workspace(d));
		const a = w0.createSheet({ title: 'Обзвон 65+ Калининский', kind: 'callList' });
		const b = w1.createSheet({ title: 'Обзвон 65+ Калининский', kind: 'callList' });
		net.sync();
		for (const w of [w0, w1]) {
			expect(
				w
					.sheets()
					.map((s) => s.id)
					.sort()
			).toEqual([a, b].sort());
			expect(titleTaken(w.sheets(), 'Обзвон 65+ Калининский', a)?.id).toBe(b);
		}
	});

	it('a rename and a concurrent delete of one sheet both survive', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const net = createNetwork(2, seededRandom(seed));
			const [w0, w1] = net.docs.map((d) => new Workspace(d));
			const id = w0.createSheet({ title: 'Обзвон', kind: 'callList' });
			net.sync();
			w0.renameSheet(id, 'Обзвон ветеранов');
			w1.deleteSheet(id);
			net.sync();
			for (const w of [w0, w1]) {
				expect(w.sheet(id)?.title).toBe('Обзвон ветеранов');
				expect(w.sheet(id)?.deleted).not.toBeNull();
			}
		}
	});

	it('sheets created at once by two coordinators are both kept, in the same order', () => {
		const net = createNetwork(3, seededRandom(3));
		const ws = net.docs.map((d) => new Workspace(d));
		ws[0].createSheet({ title: 'A' });
		ws[1].createSheet({ title: 'B' });
		ws[2].createSheet({ title: 'C' });
		net.sync();
		const lists = ws.map((w) => w.sheets().map((s) => s.id));
		expect(lists[0]).toHaveLength(3);
		expect(lists[1]).toEqual(lists[0]);
		expect(lists[2]).toEqual(lists[0]);
	});

	it('says which sheets another replica deleted, and who: not its own deletes, nor a sheet that comes deleted', () => {
		const net = createNetwork(2, seededRandom(7));
		const [galina, boris] = net.docs.map((d) => new Workspace(d));
		const calls = galina.createSheet({ title: 'Обзвон 80+', kind: 'callList' });
		const requests = galina.createSheet({ title: 'Заявки', kind: 'requests' });
		net.sync();
		const told: string[][] = [];
		const stop = boris.onDeletedElsewhere((ids) => told.push(ids));
		galina.deleteSheet(calls, { id: 'op-galina', name: 'Галина' });
		net.sync();
		expect(told).toEqual([[calls]]);
		expect(boris.sheet(calls)?.deletedBy).toEqual({ id: 'op-galina', name: 'Галина' });
		// Restored, the sheet no longer says who deleted it; deleted again by an older version,
		// it says nobody.
		boris.restoreSheet(calls);
		net.sync();
		expect(galina.sheet(calls)?.deletedBy).toBeNull();
		galina.deleteSheet(calls);
		net.sync();
		expect(told).toEqual([[calls], [calls]]);
		expect(boris.sheet(calls)?.deletedBy).toBeNull();
		// His own delete, and a rename of a deleted sheet, are not told.
		boris.deleteSheet(requests, { id: 'op-boris', name: 'Борис' });
		galina.renameSheet(calls, 'Обзвон 80+ (старый)');
		net.sync();
		expect(told).toHaveLength(2);
		// A sheet made and deleted elsewhere comes deleted (one update: a replica coming back
		// online, a first load): nothing was in use here.
		galina.doc.transact(() => {
			const stray = galina.createSheet({ title: 'Черновик' });
			galina.deleteSheet(stray, { id: 'op-galina', name: 'Галина' });
		});
		net.sync();
		expect(boris.deletedSheets().map((s) => s.title)).toContain('Черновик');
		expect(told).toHaveLength(2);
		stop();
		galina.restoreSheet(requests);
		net.sync();
		galina.deleteSheet(requests);
		net.sync();
		expect(told).toHaveLength(2);
	});
});
