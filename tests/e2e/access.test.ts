/**
 * The access key in a real browser (`server/access.js`). The coordinator works on the computer
 * Shtab runs on (`127.0.0.1`, no key); her colleagues' browsers open it by the office's name,
 * `shtab.test` here (Chromium maps it to this computer), as over the office network: without the
 * key they see a form and nothing of the lists; with it, the lists, shared as usual.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';
import { RESULTS_DIR } from './setup';

const KEY = 'k7mp-x2qa-9fzt-hw4c';
const NAME = 'shtab.test';
const session = e2eSession(
	{ ALLOWED_HOSTS: NAME, ACCESS_KEY: KEY },
	{ browserArgs: [`--host-resolver-rules=MAP ${NAME} 127.0.0.1`] }
);
/** The app as a colleague's laptop opens it. */
const office = () => session.app.url.replace('127.0.0.1', NAME);
const RESIDENT = 'Иванова Мария Петровна';
const ACCESS_DENIED =
	'Нет доступа к спискам: ключ доступа сменился или не подходит. Попросите у координатора новую ссылку с ключом и откройте её — изменения этой страницы остаются в браузере';

async function coordinatorWithList(title: string) {
	const anna = await session.operator('Анна');
	const home = await new HomePage(anna.page).goto(session.app.url);
	const sheet = await home.createSheet(title);
	await sheet.addRow(RESIDENT);
	return { anna, sheet };
}

describe('the access key (on the office network)', () => {
	it('a colleague without the key sees a form and no list; a wrong key is said so; the right one lets her in to work together', async () => {
		const LIST = 'Обзвон 65+ Калининский район';
		const { sheet: annaSheet } = await coordinatorWithList(LIST);
		const boris = await session.operator('Борис');
		const page = boris.page;
		const answer = await page.goto(`${office()}/`);
		expect(answer?.status()).toBe(401);
		await page.getByRole('heading', { name: 'Штаб: нужен ключ доступа' }).waitFor();
		expect(await page.content()).not.toContain('Калининский');

		const field = page.getByLabel('Ключ доступа / Access key');
		await field.fill('aaaa-bbbb-cccc-dddd');
		await field.press('Enter');
		await page.getByRole('alert').filter({ hasText: 'Ключ не подошёл' }).waitFor();
		await page.screenshot({ path: join(RESULTS_DIR, 'access-key-wrong.png') });
		expect(await page.content()).not.toContain('Калининский');

		// Typed from a note: capitals and spaces.
		await page.getByLabel('Ключ доступа / Access key').fill(KEY.toUpperCase().replace(/-/g, ' '));
		await page.getByRole('button', { name: 'Войти / Enter' }).click();
		const home = new HomePage(page);
		await page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		expect(page.url()).toBe(`${office()}/`);
		const sheet = await home.openSheet(LIST);
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual([RESIDENT]);
		await sheet.addRow('Петров Иван Сергеевич');
		await expect
			.poll(() => annaSheet.columnValues('ФИО'), MOMENT)
			.toEqual([RESIDENT, 'Петров Иван Сергеевич']);
		await expect.poll(() => sheet.status(), MOMENT).toBe('Все изменения сохранены на сервере');
	});

	it('a link to a list opened without the key: the key typed opens that list, not the home page', async () => {
		const LIST = 'Поздравления 9 мая';
		const { anna } = await coordinatorWithList(LIST);
		// The address of the list, as Анна copies it from her address bar into the office chat.
		const listPath = new URL(anna.page.url()).pathname;
		expect(listPath).toMatch(/^\/sheet\//);
		const galina = await session.operator('Галина');
		const page = galina.page;
		expect((await page.goto(`${office()}${listPath}`))?.status()).toBe(401);
		const field = page.getByLabel('Ключ доступа / Access key');
		await field.fill('aaaa-bbbb-cccc-dddd');
		await field.press('Enter');
		await page.getByRole('alert').filter({ hasText: 'Ключ не подошёл' }).waitFor();
		await page.getByLabel('Ключ доступа / Access key').fill(KEY);
		await page.getByLabel('Ключ доступа / Access key').press('Enter');
		await page.waitForURL(`${office()}${listPath}`);
		const sheet = new SheetPage(page);
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual([RESIDENT]);
	});

	it('a hostile page an operator opens cannot shut the office out of typing the key', async () => {
		const LIST = 'Обзвон 80+ Центральный район';
		await coordinatorWithList(LIST);
		// Дина, in the same office (the same address), opens another site's page. It sends the key
		// form and loads `/?key=…` as images, ten wrong keys each.
		const dina = await session.operator('Дина');
		const target = office();
		const hostile = `<!doctype html><title>Погода</title>
<script>
(async () => {
	for (let i = 0; i < 10; i++) {
		const body = new URLSearchParams({ key: 'fetch-' + i, to: '/' });
		await fetch('${target}/', { method: 'POST', mode: 'no-cors', body }).catch(() => {});
		await new Promise((r) => { const img = new Image(); img.onload = img.onerror = r; img.src = '${target}/?key=image-' + i; });
	}
	document.title = 'sent';
})();
</script>`;
		// Another site: served from this computer too, under another address than Shtab's.
		const site = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(hostile);
		});
		await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
		const { port } = site.address() as AddressInfo;
		try {
			await dina.page.goto(`http://127.0.0.1:${port}/`);
			await expect.poll(() => dina.page.title(), { timeout: 40_000 }).toBe('sent');
		} finally {
			site.closeAllConnections();
			site.close();
		}

		// Борис, at the same address, types the key he was given: he is let in.
		const boris = await session.operator('Борис');
		await boris.page.goto(`${office()}/`);
		await boris.page.getByLabel('Ключ доступа / Access key').fill(KEY);
		await boris.page.getByLabel('Ключ доступа / Access key').press('Enter');
		await boris.page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		await new HomePage(boris.page).link(LIST).waitFor();
	});

	it('the printed link lets her in at once and leaves no key in the address', async () => {
		const LIST = 'Заявки на лекарства';
		await coordinatorWithList(LIST);
		const vera = await session.operator('Вера');
		await vera.page.goto(`${office()}/?key=${KEY}`);
		await vera.page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		expect(vera.page.url()).toBe(`${office()}/`);
		await new HomePage(vera.page).link(LIST).waitFor();
		const cookies = await vera.context.cookies();
		expect(cookies.find((c) => c.name === 'shtab_access')).toMatchObject({ httpOnly: true });
	});

	it('a browser that lost the key: the status says so, her edits wait, and the link brings them in', async () => {
		const LIST = 'Обзвон ветеранов';
		const { sheet: annaSheet } = await coordinatorWithList(LIST);
		const boris = await session.operator('Борис');
		await boris.page.goto(`${office()}/?key=${KEY}`);
		const sheet = await new HomePage(boris.page).openSheet(LIST);
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual([RESIDENT]);

		// The key gone from this browser (cleared, or changed by the coordinator), and the
		// connection dropped: the relay refuses it from now on.
		await boris.context.clearCookies();
		await session.app.stop();
		await session.app.restart();
		await expect.poll(() => sheet.status(), { timeout: 20_000 }).toBe(ACCESS_DENIED);
		await boris.page.screenshot({ path: join(RESULTS_DIR, 'access-key-lost.png') });
		await sheet.addRow('Сидорова Анна Павловна');
		await expect
			.poll(() => sheet.status(), MOMENT)
			.toMatch(new RegExp(`^${ACCESS_DENIED}; ждут отправки: [1-9]\\d*$`));

		// The coordinator's link again: the row written meanwhile reaches her.
		await boris.page.goto(`${office()}/?key=${KEY}`);
		await new HomePage(boris.page).openSheet(LIST);
		await expect
			.poll(() => annaSheet.columnValues('ФИО'), { timeout: 15_000 })
			.toEqual([RESIDENT, 'Сидорова Анна Павловна']);
		const reopened = new SheetPage(boris.page);
		await expect.poll(() => reopened.status(), MOMENT).toBe('Все изменения сохранены на сервере');
	});
});
