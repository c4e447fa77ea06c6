/**
 * The duplicate check reads every other list of the workspace (the same resident on the call list
 * and on the request board). Each list is closed right after it is read: they were kept open for
 * 30 s each, about 50 MB of memory per 100,000-row list, so twenty lists were a gigabyte.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** Connections open on the relay (its health check counts them). */
async function connections(): Promise<number> {
	const health = (await (await fetch(`${session.app.url}/healthz`)).json()) as {
		connections: number;
	};
	return health.connections;
}

describe('the duplicate check across lists', () => {
	it('finds a resident on another list and closes each list it read at once', async () => {
		const anna = await session.operator('Анна');
		let home = await new HomePage(anna.page).goto(session.app.url);
		const residents = ['Иванова Анна Петровна', 'Петров Пётр Сергеевич', 'Сидорова Мария'];
		for (const [i, name] of residents.entries()) {
			const list = await home.createSheet(`Обзвон ${i + 1}`, 'Обзвон');
			await list.addRow(name);
			await list.editCell(0, 'Телефон', `8 911 000-00-0${i + 1}`);
			home = await list.back();
		}
		const target = await home.createSheet('Заявки горячей линии', 'Заявки');
		// A fresh tab: only the workspace and this list are open (a list left a moment ago
		// stays open 30 s for coming back to it).
		await target.page.reload();
		await target.ready('Заявки горячей линии');
		await expect.poll(connections, MOMENT).toBe(2);

		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({
			name: 'заявки.csv',
			buffer: Buffer.from(
				'ФИО;Телефон;Что нужно\r\nПетров Пётр Сергеевич;+7 911 000-00-02;продукты\r\nКузнецова Ольга;+7 911 000-00-09;лекарства\r\n'
			)
		});
		expect(await dialog.duplicates()).toContain('в других списках: 1');
		// The three lists it read are closed already, not 30 s later.
		await expect.poll(connections, { timeout: 3_000, interval: 50 }).toBe(2);
		const report = await dialog.run('Добавить все строки');
		expect(report).toContain('Добавлено строк: 2');
		expect(report).toContain('Обзвон 2');
		await dialog.close();
		expect(await target.rowCount()).toBe(2);
	});
});
