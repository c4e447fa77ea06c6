/**
 * The page's share of a big import's time (docs/performance.md, 2026-12-07, night): what the page
 * does is done while the worker works, or after the report, never in between.
 * - The worker starts when the dialog opens (its module fetched, compiled and run while she looks
 *   for her file), and stops if the dialog is closed without one.
 * - The worker is asked to check the file in the task that brings the file's columns, not after
 *   the mapping is drawn.
 * - After the commit the report is drawn before the grid takes the import (its new columns'
 *   definitions alone took 20–30 ms of the wait for the report).
 */
import { describe, expect, it } from 'vitest';
import { generateCallListCsv } from '../../bench/data';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';
import { unexpectedConsoleErrors } from './setup';

const session = e2eSession();

/** The import's workers of the page: how many were started and stopped, and what they were asked. */
const WATCH_WORKERS = () => {
	const seen = { started: 0, stopped: 0, asked: [] as string[] };
	Object.assign(window, { importWorkers: seen });
	const Original = window.Worker;
	window.Worker = class extends Original {
		constructor(url: string | URL, options?: WorkerOptions) {
			super(url, options);
			if (!String(url).includes('import.worker')) return;
			seen.started++;
			this.addEventListener('message', (event: MessageEvent<{ type: string }>) => {
				if (event.data?.type !== 'parsed') return;
				// Set in the task that takes the file's columns; over in the next one.
				Object.assign(window, { parsedTask: true });
				setTimeout(() => Object.assign(window, { parsedTask: false }));
			});
		}
		postMessage(message: unknown, options?: Transferable[] | StructuredSerializeOptions) {
			const type = (message as { type?: string })?.type ?? '';
			const inParsedTask = (window as never as { parsedTask?: boolean }).parsedTask === true;
			seen.asked.push(type === 'analyze' && inParsedTask ? 'analyze (same task)' : type);
			if (Array.isArray(options)) super.postMessage(message, options);
			else super.postMessage(message, options);
		}
		terminate() {
			seen.stopped++;
			super.terminate();
		}
	};
};

type Seen = { started: number; stopped: number; asked: string[] };

const ONE_ROW = {
	name: 'обзвон.csv',
	buffer: Buffer.from(encodeWindows1251('ФИО;Телефон\r\nКузнецова Вера;+7 911 222-33-44\r\n').bytes)
};

describe('the page’s share of an import', () => {
	// First in the file: the only list of the workspace, so no other list's rows are waited for
	// (when one has not come yet, the file is checked once it has).
	it('asks the worker to check the file in the task that brings its columns', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		await new HomePage(page).goto(session.app.url).then((h) => h.createSheet('Обзвон', 'Обзвон'));
		await page.evaluate(WATCH_WORKERS);
		const dialog = await new ImportDialog(page).open();
		await dialog.choose(ONE_ROW);
		expect(await dialog.run()).toContain('Добавлено строк: 1');
		const asked = await page.evaluate(
			() => (window as never as { importWorkers: Seen }).importWorkers.asked
		);
		expect(asked.slice(0, 2)).toEqual(['parse', 'analyze (same task)']);
		await dialog.close();
		expect(unexpectedConsoleErrors(anna)).toEqual([]);
	});

	it('starts the worker when the dialog opens, stops it when the dialog closes without a file, and takes it for the file', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		await new HomePage(page).goto(session.app.url).then((h) => h.createSheet('Обзвон', 'Обзвон'));
		await page.evaluate(WATCH_WORKERS);
		const seen = () =>
			page.evaluate(() => (window as never as { importWorkers: Seen }).importWorkers);

		// Opened and closed without a file: a worker was started, and stopped.
		let dialog = await new ImportDialog(page).open();
		await expect.poll(async () => (await seen()).started, MOMENT).toBe(1);
		await dialog.dialog.getByRole('button', { name: 'Закрыть', exact: true }).click();
		await dialog.dialog.waitFor({ state: 'hidden' });
		expect(await seen()).toMatchObject({ started: 1, stopped: 1, asked: [] });

		// Opened again: the file goes to the worker started then.
		dialog = await new ImportDialog(page).open();
		await expect.poll(async () => (await seen()).started, MOMENT).toBe(2);
		await dialog.choose(ONE_ROW);
		expect(await dialog.run()).toContain('Добавлено строк: 1');
		expect((await seen()).started).toBe(2);
		await dialog.close();
		expect(unexpectedConsoleErrors(anna)).toEqual([]);
	});

	it('draws the report of a big import before the grid takes its new columns', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		await new HomePage(page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон 3000', 'Обзвон'));
		const columns = () =>
			page.evaluate(() =>
				Number(document.querySelector('[aria-colcount]')?.getAttribute('aria-colcount'))
			);
		const before = await columns();
		// When the report appears: how many columns the grid had then.
		await page.evaluate(() => {
			new MutationObserver((_, observer) => {
				if (!document.querySelector('[data-testid=import-report]')) return;
				const grid = document.querySelector('[aria-colcount]');
				Object.assign(window, { columnsAtReport: Number(grid?.getAttribute('aria-colcount')) });
				observer.disconnect();
			}).observe(document.body, { subtree: true, childList: true });
		});
		const dialog = await new ImportDialog(page).open();
		// More rows than the grid takes in the commit's task (`ADD_SLICE`), with «Поликлиника» and
		// «СНИЛС», which a call list has no columns for: new ones.
		await dialog.choose({
			name: 'обзвон 3000.csv',
			buffer: Buffer.from(encodeWindows1251(generateCallListCsv({ rows: 3000, seed: 5 })).bytes)
		});
		expect(await dialog.run('Добавить все строки')).toContain('Добавлено строк: 3 000');
		expect(
			await page.evaluate(() => (window as never as { columnsAtReport: number }).columnsAtReport)
		).toBe(before);
		// Then the grid takes them.
		await expect.poll(columns, MOMENT).toBeGreaterThan(before);
		await dialog.close();
		expect(unexpectedConsoleErrors(anna)).toEqual([]);
	});
});
