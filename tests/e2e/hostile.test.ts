/**
 * Whatever an operator (or an imported file) puts into a cell is data: shown as text, never run,
 * and synced unchanged to colleagues.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage } from './pages';
import { CSP_REFUSAL, unexpectedConsoleErrors } from './setup';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const HOSTILE = [
	'<img src=x onerror=alert(1)>',
	'=HYPERLINK("http://example.com/?steal=1";"Нажмите")',
	'<script>window.__pwned = 1</script><b onmouseover="window.__pwned = 2">жирный</b>',
	'+7 (900) 123-45-67; =1+1; @SUM(A1:A2); -2+3',
	'Очень длинная заметка о звонке. '.repeat(700) // ~22 000 characters
];
/** Long values shortened in failure messages. */
const brief = (values: string[]) =>
	values.map((v) => (v.length > 120 ? `${v.slice(0, 40)}… [${v.length} characters]` : v));
const TITLE = '<i>Курсив</i> & "кавычки" <img src=y onerror=alert(2)>';

describe('hostile cell content', () => {
	it('is shown as text, runs nothing, and is synced as is', async () => {
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const a = await home.createSheet(TITLE, 'Другое');
		const b = await SheetPage.open(boris.page, anna.page.url(), TITLE);

		await a.addRow('первая');
		for (let i = 1; i < HOSTILE.length; i++) await a.addRow(`строка ${i + 1}`);
		for (let i = 0; i < HOSTILE.length; i++) await a.editCell(i, 'Название', HOSTILE[i]);

		for (const s of [a, b]) {
			await expect.poll(() => s.rowCount(), MOMENT).toBe(HOSTILE.length);
			await expect.poll(() => s.status(), MOMENT).toBe(SAVED);
			// Nothing of it became markup in the grid or ran.
			const markup = await s.page
				.locator('.ag-center-cols-container, .ag-grid-viewport')
				.first()
				.locator(':is(img, script, b, i, a, svg)')
				.evaluateAll((els) => els.map((el) => el.outerHTML));
			expect(markup, 'cell text turned into HTML elements').toEqual([]);
			expect(await s.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
			// Every value shows exactly as typed, on both sides.
			await expect
				.poll(async () => brief(await s.columnValues('Название')), MOMENT)
				.toEqual(brief(HOSTILE));
			expect(await s.columnValues('Название')).toEqual(HOSTILE);
			// The sheet's title is text too.
			expect(await s.heading.textContent()).toBe(TITLE);
		}
		await a.back();
		expect(await home.sheetTitles()).toContain(TITLE);
		expect(await anna.page.locator('main :is(img, i)').count()).toBe(0);

		// Over the limit (100 000 characters) the value is refused with a message, not cut.
		await a.page.goBack();
		await a.ready(TITLE);
		await a.editCell(0, 'Название', 'х'.repeat(100_001));
		await a.page
			.getByRole('status')
			.getByText(/^Слишком длинное значение/)
			.waitFor();
		expect(await a.cellText(0, 'Название')).toBe(HOSTILE[0]);

		for (const o of [anna, boris]) {
			expect(o.dialogs).toEqual([]);
			expect(
				unexpectedConsoleErrors(o).filter((line) => !line.startsWith('Слишком длинное значение'))
			).toEqual([]);
		}
	});
});

describe('another web site open in the same browser', () => {
	it('cannot read the lists through the relay; the app itself still syncs', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон Калининского района', 'Обзвон');
		await sheet.addRow('Иванова Анна Петровна');
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
		const room = `sheet:${new URL(anna.page.url()).pathname.split('/').pop()}`;

		// A site the operator has open in another tab (any site: a WebSocket has no CORS).
		const other = http.createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end('<!doctype html><title>Другой сайт</title><p>Другой сайт</p>');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = other.address() as AddressInfo;
			const tab = await anna.context.newPage();
			await tab.goto(`http://127.0.0.1:${port}/`);
			const relay = `${session.app.url.replace(/^http/, 'ws')}/sync/`;
			const outcome = await tab.evaluate(
				(urls) =>
					Promise.all(
						urls.map(
							(url) =>
								new Promise<{ opened: boolean; bytes: number }>((resolve) => {
									const ws = new WebSocket(url);
									ws.binaryType = 'arraybuffer';
									let opened = false;
									let bytes = 0;
									ws.onopen = () => {
										opened = true;
										// Sync step 1 with an empty state vector: "send me everything".
										ws.send(new Uint8Array([0, 0, 1, 0]));
									};
									ws.onmessage = (e) => (bytes += (e.data as ArrayBuffer).byteLength);
									ws.onclose = () => resolve({ opened, bytes });
									setTimeout(() => {
										resolve({ opened, bytes });
										ws.close();
									}, 1500);
								})
						)
					),
				[relay + room, relay + 'ws:main']
			);
			expect(outcome).toEqual([
				{ opened: false, bytes: 0 },
				{ opened: false, bytes: 0 }
			]);
			await tab.close();
		} finally {
			await new Promise((resolve) => other.close(resolve));
		}

		// The operator's own page goes on syncing.
		await sheet.addRow('Петров Пётр Иванович');
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
		await sheet.page.reload();
		await sheet.ready('Обзвон Калининского района');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
	});
});

describe('the Content-Security-Policy', () => {
	it('a script that got into the page runs not, and the lists keep working', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон Кировского района', 'Обзвон');
		await sheet.addRow('Иванова Анна Петровна');

		// Markup that reached the page some way the app does not know of (a library's bug): an
		// inline handler and an inline script, each trying to read the list.
		await anna.page.evaluate(() => {
			document.body.insertAdjacentHTML(
				'beforeend',
				'<img alt="" src="data:," onerror="window.__pwned = document.body.innerText">'
			);
			const script = document.createElement('script');
			script.textContent = 'window.__pwned = document.body.innerText';
			document.body.append(script);
		});
		await expect
			.poll(() => anna.pageErrors.filter((e) => CSP_REFUSAL.test(e.message)).length, MOMENT)
			.toBe(2);
		expect(
			await anna.page.evaluate(() => (window as { __pwned?: string }).__pwned)
		).toBeUndefined();
		// Those two refusals are this test's point, not a failure of the app.
		anna.pageErrors.splice(0);

		await sheet.addRow('Петров Пётр Иванович');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
	});

	it('another web site cannot show the lists inside its own page', async () => {
		const anna = await session.operator('Анна');
		await new HomePage(anna.page).goto(session.app.url);
		// A page that frames Shtab, e.g. to lay its own buttons over «Удалить» (clickjacking).
		const other = http.createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(
				`<!doctype html><title>Другой сайт</title><iframe src="${session.app.url}/"></iframe>`
			);
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = other.address() as AddressInfo;
			const tab = await anna.context.newPage();
			const framed = tab.waitForEvent('framenavigated', (f) => f !== tab.mainFrame());
			await tab.goto(`http://127.0.0.1:${port}/`);
			const frame = await framed;
			await tab.waitForTimeout(500);
			// Chromium shows its error page in the frame; the app never loads there.
			expect(frame.url()).not.toBe(`${session.app.url}/`);
			expect(await frame.getByText('Списки штаба').count()).toBe(0);
			await tab.close();
		} finally {
			await new Promise((resolve) => other.close(resolve));
		}
	});
});
