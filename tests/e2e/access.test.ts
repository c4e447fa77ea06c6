/**
 * The access key in a real browser (`server/access.js`). The coordinator works on the computer
 * Shtab runs on (`127.0.0.1`, no key); her colleagues' browsers open it by the office's name,
 * `shtab.test` here (Chromium maps it to this computer), as over the office network: without the
 * key they see a form and nothing of the lists; with it, the lists, shared as usual.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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

/**
 * Opens a link with the key as an operator does: the key's form, the key from the link in its
 * field and out of the address bar, «Войти» focused; she presses Enter.
 */
async function openLink(page: Page, link: string, screenshot?: string) {
	const answer = await page.goto(link);
	expect(answer?.status()).toBe(200);
	await page
		.getByRole('status')
		.filter({ hasText: 'Ключ из ссылки подставлен — нажмите «Войти»' })
		.waitFor();
	const url = new URL(link);
	url.searchParams.delete('key');
	expect(page.url()).toBe(url.href);
	await expect
		.poll(() => page.evaluate(() => document.activeElement?.textContent))
		.toBe('Войти / Enter');
	if (screenshot) await page.screenshot({ path: join(RESULTS_DIR, screenshot) });
	await page.keyboard.press('Enter');
}

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

	it('a hostile page an operator opens cannot shut the office out of typing the key, nor show Shtab in a frame', async () => {
		const LIST = 'Обзвон 80+ Центральный район';
		await coordinatorWithList(LIST);
		// Дина, in the same office (the same address), opens another site's page. It sends the key
		// form, loads `/?key=…` as images, in frames and in windows it opens, ten wrong keys each;
		// and frames the key's form filled with a key, and the app itself (on the coordinator's
		// laptop, where it needs no key), to lay its own page over them.
		const dina = await session.operator('Дина');
		const target = office();
		const windows: Page[] = [];
		dina.context.on('page', (page) => windows.push(page));
		const hostile = `<!doctype html><title>Погода</title>
<script>
const loaded = (element) => new Promise((r) => { element.onload = element.onerror = r; });
(async () => {
	for (let i = 0; i < 10; i++) {
		const body = new URLSearchParams({ key: 'fetch-' + i, to: '/' });
		await fetch('${target}/', { method: 'POST', mode: 'no-cors', body }).catch(() => {});
		const img = new Image(); img.src = '${target}/?key=image-' + i; await loaded(img);
		const frame = document.createElement('iframe'); frame.src = '${target}/?key=frame-' + i;
		document.body.append(frame); await loaded(frame);
		const opened = window.open('${target}/?key=window-' + i, 'w' + i);
		if (opened) await new Promise((r) => setTimeout(r, 300));
	}
	for (const src of ['${target}/?key=${KEY}', '${session.app.url}/']) {
		const frame = document.createElement('iframe'); frame.src = src; frame.className = 'shtab';
		document.body.append(frame); await loaded(frame);
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
			await expect.poll(() => dina.page.title(), { timeout: 60_000 }).toBe('sent');
		} finally {
			site.closeAllConnections();
			site.close();
		}
		// The windows opened (Chromium let the page open them), each on the form, filled in: nothing
		// checked until she presses «Войти».
		expect(windows).toHaveLength(10);
		await windows[9].getByRole('status').filter({ hasText: 'Ключ из ссылки подставлен' }).waitFor();
		expect(await windows[9].getByLabel('Ключ доступа / Access key').inputValue()).toBe('window-9');
		// Дина presses Enter in every one («Войти» has the focus there): ten different wrong keys
		// from her address, which told it to wait ten minutes. Keys a link filled in spend half the
		// allowance at most; the rest are not checked, and she is asked to type the key.
		const said: string[] = [];
		for (const window of windows) {
			await window.getByRole('button', { name: 'Войти / Enter' }).press('Enter');
			await window.waitForLoadState();
			said.push(await window.getByRole('alert').innerText());
		}
		await windows[9].screenshot({ path: join(RESULTS_DIR, 'access-key-links-spent.png') });

		// Борис, at the same address, opens the link he was given: its key is not filled in now, nor
		// left in the address bar (before, `?key=…` stayed there and in the tab's history, for a
		// screenshot or a shared screen to show, while the key was asked to be typed).
		const boris = await session.operator('Борис');
		await boris.page.goto(`${office()}/?key=${KEY}`);
		await boris.page.getByRole('alert').filter({ hasText: 'наберите его здесь' }).waitFor();
		expect(await boris.page.getByLabel('Ключ доступа / Access key').inputValue()).toBe('');
		expect(await boris.page.evaluate(() => location.href)).toBe(`${office()}/`);
		// He types the key: he is let in (before, after the frames, the windows, or Enter pressed in
		// those windows: «Подождите 10 минут»).
		await boris.page.getByLabel('Ключ доступа / Access key').fill(KEY);
		await boris.page.getByLabel('Ключ доступа / Access key').press('Enter');
		await boris.page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		await new HomePage(boris.page).link(LIST).waitFor();
		for (const [i, text] of said.entries())
			expect(text, String(i)).toContain(i < 5 ? 'Ключ из ссылки не подошёл' : 'наберите его здесь');
		// His key gives the address no new tries: the links' share stays spent for the ten minutes,
		// and Ева's link is not filled in either (before, a right key wiped the address's count, so
		// a guesser there got ten new tries each time a colleague let herself in).
		const eva = await session.operator('Ева');
		await eva.page.goto(`${office()}/?key=${KEY}`);
		await eva.page.getByRole('alert').filter({ hasText: 'наберите его здесь' }).waitFor();

		// No frame showed Shtab: Chromium refused each (the key's form and the app say
		// `frame-ancestors 'none'`), put its error page in its place, and told Дина's page so.
		const frames = dina.page.frames().filter((frame) => frame !== dina.page.mainFrame());
		expect(frames).toHaveLength(12);
		for (const frame of frames) expect(frame.url()).toBe('chrome-error://chromewebdata/');
		// Those refusals are what is expected here, and so is the harness's own script (it sets her
		// name in localStorage) failing in the error pages.
		const errors = dina.pageErrors.splice(0).map((error) => error.message);
		const refused = errors.filter((message) => /frame-ancestors 'none'/.test(message));
		expect(refused).toHaveLength(12);
		for (const message of errors.filter((m) => !refused.includes(m)))
			expect(message).toMatch(/Failed to read the 'localStorage' property/);
		// The tests after this one do not wait the ten minutes out: a restart forgets the counts.
		await session.app.stop();
		await session.app.restart();
	});

	it('the printed link fills in the key: Enter on «Войти» lets her in, and the key is never in the address bar', async () => {
		const LIST = 'Заявки на лекарства';
		const { anna } = await coordinatorWithList(LIST);
		const vera = await session.operator('Вера');
		await openLink(vera.page, `${office()}/?key=${KEY}`);
		await vera.page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		expect(vera.page.url()).toBe(`${office()}/`);
		await new HomePage(vera.page).link(LIST).waitFor();
		const cookies = await vera.context.cookies();
		expect(cookies.find((c) => c.name === 'shtab_access')).toMatchObject({ httpOnly: true });

		// A link with the key to a list, as Анна copies it into the office chat: that list.
		const listPath = new URL(anna.page.url()).pathname;
		const galina = await session.operator('Галина');
		await openLink(galina.page, `${office()}${listPath}?key=${KEY}`, 'access-key-link.png');
		await galina.page.waitForURL(`${office()}${listPath}`);
		const sheet = new SheetPage(galina.page);
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual([RESIDENT]);
	});

	it('the link’s key is in no entry of the tab’s history: not after the form, not after «Войти», not going back', async () => {
		const LIST = 'Обзвон доноров';
		const { anna } = await coordinatorWithList(LIST);
		const listPath = new URL(anna.page.url()).pathname;
		const zoya = await session.operator('Зоя');
		const page = zoya.page;
		const cdp = await zoya.context.newCDPSession(page);
		/** Every entry of the tab's back-forward list, as Chromium keeps it. */
		const entries = async () => {
			const { entries } = await cdp.send('Page.getNavigationHistory');
			return entries.map((entry) => entry.url);
		};
		// She opens the office's address first (the form), then the link to the list from the chat.
		await page.goto(`${office()}/`);
		const link = `${office()}${listPath}?key=${KEY}`;
		expect((await page.goto(link))?.status()).toBe(200);
		await page.getByRole('status').filter({ hasText: 'Ключ из ссылки подставлен' }).waitFor();
		expect(await page.evaluate(() => location.href)).toBe(`${office()}${listPath}`);
		for (const url of await entries()) expect(url).not.toContain(KEY);
		expect(await entries()).toEqual(['about:blank', `${office()}/`, `${office()}${listPath}`]);

		await page.getByRole('button', { name: 'Войти / Enter' }).press('Enter');
		await page.waitForURL(`${office()}${listPath}`);
		await expect.poll(() => new SheetPage(page).columnValues('ФИО'), MOMENT).toEqual([RESIDENT]);
		for (const url of await entries()) expect(url).not.toContain('key=');
		// Back and forward: no page of the tab's history brings the key back.
		await page.goBack();
		expect(await page.evaluate(() => location.href)).not.toContain('key=');
		await page.goForward();
		expect(await page.evaluate(() => location.href)).toBe(`${office()}${listPath}`);
		for (const url of await entries()) expect(url).not.toContain('key=');
	});

	it('a browser that lost the key: the status says so, her edits wait, and the link brings them in', async () => {
		const LIST = 'Обзвон ветеранов';
		const { sheet: annaSheet } = await coordinatorWithList(LIST);
		const boris = await session.operator('Борис');
		await openLink(boris.page, `${office()}/?key=${KEY}`);
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
		await openLink(boris.page, `${office()}/?key=${KEY}`);
		await new HomePage(boris.page).openSheet(LIST);
		await expect
			.poll(() => annaSheet.columnValues('ФИО'), { timeout: 15_000 })
			.toEqual([RESIDENT, 'Сидорова Анна Павловна']);
		const reopened = new SheetPage(boris.page);
		await expect.poll(() => reopened.status(), MOMENT).toBe('Все изменения сохранены на сервере');
	});
});
