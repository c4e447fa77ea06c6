/**
 * Call-list replicas for the unit tests of `call-log.spec.ts` and `call-log-always.spec.ts`.
 */
import * as Y from 'yjs';
import { expect } from 'vitest';
import { Sheet } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import { callColumns, mergedCallCellsOf, undoneAttemptsOf } from './call-log';

/**
 * Replicas of one call list, as the sheet page makes them (`mergeCells`: `mergedCallCellsOf`), with
 * one resident; their updates are held until `exchange`, which sends them both ways until none
 * is left (a repair is one more update), as y-websocket does after a reconnect.
 */
export function callListReplicas(clients: number[], attempts = '') {
	const docs = clients.map((client) => {
		const doc = new Y.Doc();
		doc.clientID = client;
		return doc;
	});
	const outbox: Uint8Array[][] = docs.map(() => []);
	docs.forEach((doc, i) =>
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') outbox[i].push(update);
		})
	);
	const sheets = docs.map((doc) => {
		const sheet = new Sheet(doc);
		sheet.mergeCells = (cells) => mergedCallCellsOf(sheet, cells);
		sheet.undoneCells = (cells, kind) => undoneAttemptsOf(sheet, cells, kind);
		sheet.boundColumns = () => callColumns(sheet.columns());
		return sheet;
	});
	const send = (from: number) => {
		for (const u of outbox[from].splice(0))
			docs.forEach((doc, to) => to !== from && Y.applyUpdate(doc, u, 'remote'));
	};
	/** Updates sent, in turn from each replica in `order`, until nothing is left to send. */
	const exchange = (order: number[]) => {
		for (let i = 0; i < 6; i++) for (const from of order) send(from);
		expect(outbox.flat()).toEqual([]);
	};
	sheets[0].addColumns(templateColumns('callList', 'ru'));
	const id = (title: string) => sheets[0].columns().find((c) => c.title === title)!.id;
	const [row] = sheets[0].addRows({
		columns: [id('ФИО'), id('Попытки')],
		rows: [['Лебедева Ольга', attempts]]
	});
	exchange(docs.map((_, i) => i));
	return { sheets, exchange, row, id, outbox };
}
