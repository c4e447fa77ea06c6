/**
 * A list's doc takes whatever a client writes (Yjs stores any value: a number, an object, a text
 * where a map belongs). A broken or hostile client that has the access key, or an older version
 * with a bug, must not shut every operator out of the lists: what is not of the expected shape is
 * passed over or read as text, and everything else keeps working (found by attacking the app:
 * each of these threw in every operator's page, and the stored doc kept it for good).
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { HomePage, SAVED, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** A client in Node on the app's relay, writing into the doc of `room` by hand. */
async function rogue(room: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		session.app.url.replace(/^http/, 'ws') + '/sync',
		room,
		doc,
		{ WebSocketPolyfill: WebSocket as never, disableBc: true }
	);
	await expect.poll(() => provider.synced, { timeout: 15_000 }).toBe(true);
	return { doc, provider };
}

describe('a doc with values of the wrong shape', () => {
	it('the list of lists still shows every list, and a new one can be made', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон Ленинского района', 'Обзвон');
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
		await sheet.back();

		const { doc, provider } = await rogue('ws:main');
		const sheets = doc.getMap<unknown>('sheets');
		doc.transact(() => {
			sheets.set('notAMap', 'текст вместо списка');
			const odd = new Y.Map<unknown>();
			odd.set('title', 'Список со странной датой');
			odd.set('kind', 'callList');
			odd.set('created', 'скоро');
			sheets.set('oddDate', odd);
			const far = new Y.Map<unknown>();
			far.set('title', 'Список из далёкого будущего');
			far.set('created', 1e20);
			sheets.set('farDate', far);
		});
		try {
			await listsStillWork(home);
		} finally {
			// The next test starts from a workspace without them.
			doc.transact(() => ['notAMap', 'oddDate', 'farDate'].forEach((id) => sheets.delete(id)));
			try {
				await expect
					.poll(() => home.sheetTitles(), MOMENT)
					.not.toContain('Список со странной датой');
			} finally {
				provider.destroy();
			}
		}
	});

	async function listsStillWork(home: HomePage) {
		const boris = await session.operator('Борис');
		const borisHome = await new HomePage(boris.page).goto(session.app.url);
		for (const h of [home, borisHome]) {
			await expect
				.poll(() => h.sheetTitles(), MOMENT)
				.toEqual(
					expect.arrayContaining([
						'Обзвон Ленинского района',
						'Список со странной датой',
						'Список из далёкого будущего'
					])
				);
		}
		const made = await borisHome.createSheet('Заявки на неделю', 'Заявки');
		await expect.poll(() => made.status(), MOMENT).toBe(SAVED);
		await home.page.reload();
		await home.heading.waitFor();
		await expect
			.poll(() => home.sheetTitles(), MOMENT)
			.toEqual(expect.arrayContaining(['Обзвон Ленинского района', 'Заявки на неделю']));
	}

	it('a list with a column that is no column and cells that are no text opens and keeps working', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const a = await home.createSheet('Обзвон Советского района', 'Обзвон');
		await a.addRow('Иванова Анна Петровна');
		await a.addRow('Петров Пётр Иванович');
		await expect.poll(() => a.status(), MOMENT).toBe(SAVED);

		// The row and column ids as the app wrote them, read from a plain copy of the doc.
		const reader = await rogue(`sheet:${a.id}`);
		const cells = reader.doc.getMap<unknown>('cells');
		const keys = [...cells.keys()];
		reader.provider.destroy();
		expect(keys.length).toBe(2);
		const [first, second] = keys.sort((x, y) =>
			String(cells.get(x)).localeCompare(String(cells.get(y)))
		);

		const { doc, provider } = await rogue(`sheet:${a.id}`);
		doc.transact(() => {
			doc.getMap<unknown>('columns').set('notAColumn', 'текст вместо столбца');
			const odd = new Y.Map<unknown>();
			odd.set('title', 'Столбец неизвестного вида');
			odd.set('type', 'hologram');
			odd.set('order', 'zz');
			doc.getMap<unknown>('columns').set('oddType', odd);
			doc.getMap<unknown>('cells').set(first, 12345);
			doc.getMap<unknown>('cells').set(second, { name: 'объект' });
		});

		await expect.poll(() => a.columnValues('ФИО'), MOMENT).toEqual(['12345', '']);
		const b = await SheetPage.open(
			(await session.operator('Борис')).page,
			anna.page.url(),
			'Обзвон Советского района'
		);
		for (const s of [a, b]) {
			await expect.poll(() => s.columnValues('ФИО'), MOMENT).toEqual(['12345', '']);
			expect(await s.columnValues('Столбец неизвестного вида')).toEqual(['', '']);
		}
		// Work goes on: an edit by Борис reaches Анна, over the odd cell too.
		await b.editCell(1, 'ФИО', 'Петров Пётр Иванович');
		await b.addRow('Сидорова Мария Ивановна');
		await expect
			.poll(() => a.columnValues('ФИО'), MOMENT)
			.toEqual(['12345', 'Петров Пётр Иванович', 'Сидорова Мария Ивановна']);
		await expect.poll(() => b.status(), MOMENT).toBe(SAVED);
		provider.destroy();
	});
});
