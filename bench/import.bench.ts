/**
 * CSV import and export in the browser, end to end, on a generated 100,000-row Windows-1251
 * call list (about 27 MB): the built app in headless Chromium (loopback only), one run.
 *
 *   npm run build && node --import tsx bench/import.bench.ts      (or `npm run bench import`)
 *
 * In the same page and the same run:
 * - import: file input → worker read/decode/parse → mapping ready, plus "Импортировать" → worker
 *   map/dedupe/plan → one transaction into the sheet → report shown (rows in the model), vs
 *   PapaParse alone in a worker on the same File (read, decode, parse). Target ≤ 2×.
 * - the longest main-thread task (PerformanceObserver 'longtask') during the import: from the
 *   file picked until the grid behind the report holds every imported row. Target < 100 ms.
 * - the import's steps, on the first line: the worker's (read, decode, parse, analysis, prepare,
 *   stage — timed in the worker and sent with its answers), each slice's wait from its post in
 *   the worker until the page takes it and the page's applying of it, the commit (the app notes
 *   them as `performance.measure('import:…')`, `noteImportTiming` in src/lib/import/client.ts),
 *   the page's time from the worker's staging done, and from the commit done, to the report,
 *   and the page's IndexedDB writes from "Импортировать" on (this page's `IDBDatabase`
 *   transactions, wrapped by the probe below).
 * - export of the same sheet (button → bytes handed to the download) vs `Papa.unparse` of the
 *   same rows plus encoding, on the main thread. Target ≤ 1.5×.
 *
 * stdout: JSON lines only; progress on stderr.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { encodeWindows1251 } from '../src/lib/csv/decode';
import { HomePage } from '../tests/e2e/pages';
import { cleanup, launchBrowser, newOperator, startApp } from '../tests/e2e/setup';
import { generateCallListCsv } from './data';

const ROWS = 100_000;
const SEED = 20240501;
const DEADLINE_MS = 170_000;
const IMPORT_TARGET = 2;
const LONG_TASK_TARGET_MS = 100;
const EXPORT_TARGET = 1.5;

const deadline = setTimeout(() => {
	console.error(`import.bench: over ${DEADLINE_MS / 1000} s, giving up`);
	process.exit(2);
}, DEADLINE_MS);
deadline.unref();

const log = (...args: unknown[]) => console.error('import.bench:', ...args);
const emit = (line: Record<string, unknown>) => process.stdout.write(JSON.stringify(line) + '\n');
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Timestamps the page records itself, so the figures do not include the test driver's polling. */
const PROBE = `
window.__bench = { marks: {}, longTasks: [] };
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
const mark = (name) => { if (!(name in window.__bench.marks)) window.__bench.marks[name] = performance.now(); };
document.addEventListener('change', (e) => { if (e.target.type === 'file' && e.target.closest('dialog')) mark('picked'); }, true);
document.addEventListener('click', (e) => {
	const b = e.target.closest && e.target.closest('button');
	if (!b) return;
	if (/^Импортировать/.test(b.textContent.trim())) mark('submit');
	if (b.textContent.trim() === 'Скачать') mark('exportClick');
}, true);
new MutationObserver(() => {
	const submit = [...document.querySelectorAll('dialog button[type=submit]')].find((b) => /^Импортировать/.test(b.textContent.trim()));
	if (submit && !submit.disabled) mark('mappingReady');
	if (document.querySelector('[data-testid=import-report]')) mark('reported');
}).observe(document, { subtree: true, childList: true, attributes: true });
// Every IndexedDB write of the page (this tab's y-indexeddb stores): when it began, when it ended.
window.__bench.idb = [];
const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
	const t = transaction.call(this, stores, mode, ...rest);
	if (mode === 'readwrite') {
		const entry = { start: performance.now(), end: null };
		window.__bench.idb.push(entry);
		const end = () => { entry.end ??= performance.now(); };
		t.addEventListener('complete', end);
		t.addEventListener('abort', end);
		t.addEventListener('error', end);
	}
	return t;
};
const createObjectURL = URL.createObjectURL;
URL.createObjectURL = function (blob) { if ('exportClick' in window.__bench.marks) mark('exported'); return createObjectURL.call(URL, blob); };
`;

/**
 * The page's tasks of 50 ms or more in a Chromium trace, in order: their wall time and their
 * thread's own CPU time (`tdur`), and of that the garbage collector's pauses inside the task
 * (`MajorGC`, `MinorGC`: wall and CPU) and its layouts (`Layout`). On a machine with more runnable
 * threads than cores (the import's worker, IndexedDB, the relay, other sessions) a task's wall
 * time is much longer than its work, and a collection's most of all: its pause waits for the
 * collector's helper threads to get a core.
 */
function traceLongTasks(data: Buffer): TracedTask[] {
	type Event = {
		ph: string;
		name: string;
		pid: number;
		tid: number;
		ts: number;
		dur?: number;
		tdur?: number;
	};
	type Named = Event & { args: { name?: string } };
	const parsed = JSON.parse(data.toString('utf8')) as { traceEvents?: Event[] } | Event[];
	const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
	const mains = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name')
			.filter((e) => (e as Named).args.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	const onMain = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
	const inside = (task: Event, names: string[]) =>
		onMain.filter(
			(e) =>
				names.includes(e.name) &&
				e.ts >= task.ts &&
				e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0)
		);
	const ms = (list: Event[], field: 'dur' | 'tdur') =>
		list.reduce((sum, e) => sum + (e[field] ?? 0), 0) / 1000;
	return onMain
		.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 50_000)
		.sort((a, b) => a.ts - b.ts)
		.map((task) => {
			const gc = inside(task, ['MajorGC', 'MinorGC']);
			return {
				wallMs: (task.dur ?? 0) / 1000,
				cpuMs: (task.tdur ?? 0) / 1000,
				gcWallMs: ms(gc, 'dur'),
				gcCpuMs: ms(gc, 'tdur'),
				layoutMs: ms(inside(task, ['Layout']), 'dur')
			};
		});
}
type TracedTask = {
	wallMs: number;
	cpuMs: number;
	gcWallMs: number;
	gcCpuMs: number;
	layoutMs: number;
};

/**
 * BENCH_WORKER_PROFILE=file.cpuprofile: a CPU profile of the import worker, from its start until
 * the report (then it is saved). Playwright gives no session for a page's worker, so the page's
 * CDP session attaches to it the old, unflattened way and speaks to it through
 * `Target.sendMessageToTarget`. The page ends the worker right after the import: in this mode
 * `Worker.prototype.terminate` is put off by 10 s, so the profile can still be fetched.
 */
async function profileWorker(page: Page, file: string): Promise<() => Promise<void>> {
	await page.addInitScript(
		'const end = Worker.prototype.terminate; Worker.prototype.terminate = function () { setTimeout(() => end.call(this), 10000); };'
	);
	const cdp = await page.context().newCDPSession(page);
	let session = '';
	let next = 1;
	const answers = new Map<number, (result: Record<string, unknown>) => void>();
	const send = (method: string, params = {}) =>
		new Promise<Record<string, unknown>>((resolve) => {
			const id = next++;
			answers.set(id, resolve);
			void cdp.send('Target.sendMessageToTarget', {
				sessionId: session,
				message: JSON.stringify({ id, method, params })
			});
		});
	cdp.on('Target.receivedMessageFromTarget', (event) => {
		const answer = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
		if (answer.id === undefined) return;
		answers.get(answer.id)?.(answer.result ?? {});
		answers.delete(answer.id);
	});
	cdp.on('Target.attachedToTarget', (event) => {
		if (event.targetInfo.type !== 'worker' || !event.targetInfo.url.includes('import.worker'))
			return;
		session = event.sessionId;
		void send('Profiler.enable').then(() => send('Profiler.start'));
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	return async () => {
		if (!session) throw new Error('BENCH_WORKER_PROFILE: the import worker was not seen');
		const heap = await send('Runtime.getHeapUsage');
		log(`import worker's heap after the import: ${round(Number(heap.usedSize) / 1e6)} MB used`);
		const { profile } = await send('Profiler.stop');
		await writeFile(file, JSON.stringify(profile));
		log(`import worker's CPU profile written to ${file}`);
	};
}

async function main() {
	const file = join(tmpdir(), `shtab-bench-${process.pid}.csv`);
	const csv = generateCallListCsv({ rows: ROWS, seed: SEED });
	const bytes = encodeWindows1251(csv).bytes;
	await writeFile(file, bytes);
	log(`${ROWS} rows, ${round(bytes.length / 1e6)} MB Windows-1251`);
	const require = createRequire(import.meta.url);
	const papaSource = await readFile(require.resolve('papaparse/papaparse.min.js'), 'utf8');
	try {
		const app = await startApp();
		const browser = await launchBrowser();
		// The reference runs in the app's page from a `blob:` worker and an inline script, which
		// the app's Content-Security-Policy refuses: this page runs without it.
		const operator = await newOperator(browser, 'Бенчмарк', { bypassCSP: true });
		const page = operator.page;
		page.setDefaultTimeout(120_000);
		await page.addInitScript(PROBE);
		const workerProfile = process.env.BENCH_WORKER_PROFILE;
		const stopWorkerProfile = workerProfile ? await profileWorker(page, workerProfile) : null;
		const home = await new HomePage(page).goto(app.url);
		await home.createSheet('Обзвон 100 000', 'Обзвон');

		// ---- PapaParse alone in a worker, same File, same page.
		await page.evaluate(() => {
			const input = document.createElement('input');
			input.type = 'file';
			input.id = 'bench-file';
			input.style.display = 'none';
			document.body.append(input);
		});
		await page.setInputFiles('#bench-file', file);
		const papaWorkerMs = await page.evaluate(async (papa) => {
			const code = `${papa};
self.onmessage = async (e) => {
	const buffer = await e.data.arrayBuffer();
	const text = new TextDecoder('windows-1251').decode(buffer);
	const result = Papa.parse(text, { delimiter: ';' });
	self.postMessage(result.data.length);
};`;
			const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
			const worker = new Worker(url);
			const input = document.getElementById('bench-file') as HTMLInputElement;
			const f = input.files![0];
			const started = performance.now();
			await new Promise((resolve) => {
				worker.onmessage = resolve;
				worker.postMessage(f);
			});
			const ms = performance.now() - started;
			worker.terminate();
			return ms;
		}, papaSource);
		log(`PapaParse in a worker: ${round(papaWorkerMs)} ms`);

		// ---- our import, through the page.
		await page.getByRole('button', { name: 'Импорт CSV', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: 'Импорт CSV' });
		await dialog.getByLabel('Файл CSV', { exact: true }).setInputFiles(file);
		const submit = dialog.getByRole('button', { name: /^Импортировать/ });
		await page.waitForFunction(
			() => 'mappingReady' in (window as never as { __bench: { marks: object } }).__bench.marks
		);
		// BENCH_PROFILE=file.cpuprofile: a CPU profile of the page from "Импортировать" to the report.
		const profile = process.env.BENCH_PROFILE;
		const cdp = profile ? await page.context().newCDPSession(page) : null;
		if (cdp) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.start');
		}
		// BENCH_TRACE=file.json: a Chromium trace (tasks, layouts, style) over the same stretch,
		// for chrome://tracing or Perfetto.
		const trace = process.env.BENCH_TRACE;
		if (trace) {
			await browser.startTracing(page, {
				categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8']
			});
		}
		await submit.click();
		await dialog.getByTestId('import-report').waitFor();
		await stopWorkerProfile?.();
		const report = (await dialog.getByTestId('import-report').textContent()) ?? '';
		const rowsImported = Number(
			(/Добавлено строк: ([\d\s\u00a0\u202f]+)/.exec(report)?.[1] ?? '').replace(/\D/g, '')
		);
		// The import is over for the coordinator when the grid behind the report holds its rows:
		// the grid takes a big add in slices, one task each, after the report is drawn.
		await page.waitForFunction(
			(rows) => {
				const grid = document.querySelector('[aria-rowcount]');
				// AG Grid counts the header row and the pinned «+» line too (filters under the headers
				// would be one more header row: this would then wait past its deadline, loudly).
				const shown = Number(grid?.getAttribute('aria-rowcount') ?? 0) - 2;
				if (shown < rows) return false;
				const marks = (window as never as { __bench: { marks: Record<string, number> } }).__bench
					.marks;
				marks.gridFilled ??= performance.now();
				return true;
			},
			rowsImported,
			{ polling: 100 }
		);
		await page.waitForTimeout(500); // let the last long task be reported
		// The import's IndexedDB writes are over (they go on after the report).
		await page.waitForFunction(
			() =>
				(window as never as { __bench: { idb: { end: number | null }[] } }).__bench.idb.every(
					(w) => w.end !== null
				),
			undefined,
			{ polling: 100 }
		);
		if (cdp && profile) {
			const { profile: data } = await cdp.send('Profiler.stop');
			await writeFile(profile, JSON.stringify(data));
			log(`CPU profile written to ${profile}`);
		}
		/** With a trace: the page's long tasks' own time on the CPU (see `traceLongTasks`). */
		let traced: TracedTask[] | null = null;
		if (trace) {
			const data = await browser.stopTracing();
			await writeFile(trace, data);
			log(`trace written to ${trace}`);
			traced = traceLongTasks(data);
			log(
				`long tasks in the trace (wall / on the CPU, of which the collector's pauses wall / CPU, layout): ${traced.map((t) => `${round(t.wallMs, 0)} / ${round(t.cpuMs, 0)} ms (GC ${round(t.gcWallMs, 0)} / ${round(t.gcCpuMs, 0)}, layout ${round(t.layoutMs, 0)})`).join(', ')}`
			);
		}
		const probe = await page.evaluate(
			() =>
				(
					window as never as {
						__bench: {
							marks: Record<string, number>;
							longTasks: { start: number; duration: number }[];
							idb: { start: number; end: number }[];
						};
					}
				).__bench
		);
		// The import's steps as the app notes them (`noteImportTiming`, src/lib/import/client.ts):
		// the worker's, timed in the worker, and the page's.
		const measures = await page.evaluate(() =>
			performance
				.getEntriesByType('measure')
				.filter((e) => e.name.startsWith('import:'))
				.map((e) => ({ name: e.name.slice('import:'.length), start: e.startTime, ms: e.duration }))
		);
		const m = probe.marks;
		const parseMs = m.mappingReady - m.picked;
		const applyMs = m.reported - m.submit;
		const importMs = parseMs + applyMs;
		const during = probe.longTasks.filter(
			(t) => t.start >= m.picked - 1 && t.start <= m.gridFilled + 1
		);
		const longest = during.reduce((max, t) => Math.max(max, t.duration), 0);
		const longestToReport = during
			.filter((t) => t.start <= m.reported + 1)
			.reduce((max, t) => Math.max(max, t.duration), 0);
		const at = (ms: number) => `${round(ms - m.picked, 0)} ms`;
		const named = (name: string) => measures.filter((e) => e.name === name);
		/** The last of a step (the worker's analysis runs again when the mapping changes). */
		const last = (name: string) => round(named(name).at(-1)?.ms ?? NaN);
		/** When the last of a step ended, on the page's clock. */
		const endOf = (name: string) => {
			const e = named(name).at(-1);
			return e ? e.start + e.ms : NaN;
		};
		const sum = (name: string) => round(named(name).reduce((s, e) => s + e.ms, 0));
		const most = (name: string) => round(named(name).reduce((s, e) => Math.max(s, e.ms), 0));
		// IndexedDB writes from "Импортировать" on: how long some write was under way (overlaps
		// counted once), and when the last one ended.
		const writes = probe.idb.filter((w) => w.start >= m.submit).sort((a, b) => a.start - b.start);
		let idbBusy = 0;
		let idbUntil = -Infinity;
		for (const w of writes) {
			idbBusy += Math.max(0, w.end - Math.max(w.start, idbUntil));
			idbUntil = Math.max(idbUntil, w.end);
		}
		const steps = {
			// In the worker, for the file picked (read, decode, parse) and the mapping (analysis, the
			// last run of it), then for "Импортировать" (the plan, then its rows as staged slices).
			workerReadMs: last('read'),
			workerDecodeMs: last('decode'),
			workerParseMs: last('parse'),
			workerAnalysisMs: last('analysis'),
			workerAnalyses: named('analysis').length,
			workerPrepareMs: last('prepare'),
			workerStageMs: last('stage'),
			// On the page: each slice from its post in the worker to the page taking it (the
			// transfer and the wait behind the page's other tasks), and the page applying it.
			slices: named('slice-apply').length,
			sliceWaitMeanMs: round(sum('slice-wait') / Math.max(1, named('slice-wait').length)),
			sliceWaitMaxMs: most('slice-wait'),
			sliceApplyMs: sum('slice-apply'),
			sliceApplyMaxMs: most('slice-apply'),
			preparedWaitMs: last('prepared-wait'),
			commitMs: last('commit'),
			// From the worker's staging done (its last slice posted) to the report drawn: the last
			// slices taken, the plan's answer, the commit and the report, all on the page.
			stageEndToReportMs: round(m.reported - endOf('stage')),
			// From the commit's end to the report drawn.
			commitToReportMs: round(m.reported - endOf('commit')),
			idbWrites: writes.length,
			idbBusyMs: round(idbBusy),
			idbDoneAfterReportMs: writes.length ? round(idbUntil - m.reported) : null
		};
		log(
			`marks: mapping ready ${at(m.mappingReady)}, submit ${at(m.submit)}, report ${at(m.reported)}, every row in the grid ${at(m.gridFilled)}`
		);
		log(
			`worker: read ${steps.workerReadMs} ms, decode ${steps.workerDecodeMs} ms, parse ${steps.workerParseMs} ms, analysis ${steps.workerAnalysisMs} ms (×${steps.workerAnalyses}), prepare ${steps.workerPrepareMs} ms, stage ${steps.workerStageMs} ms; page: ${steps.slices} slices applied in ${steps.sliceApplyMs} ms (longest ${steps.sliceApplyMaxMs} ms), waited ${steps.sliceWaitMeanMs} ms on average (longest ${steps.sliceWaitMaxMs} ms), commit ${steps.commitMs} ms; staging done → report ${steps.stageEndToReportMs} ms, commit done → report ${steps.commitToReportMs} ms; IndexedDB ${steps.idbWrites} writes, busy ${steps.idbBusyMs} ms, done ${steps.idbDoneAfterReportMs} ms after the report`
		);
		log(
			`long tasks: ${during.map((t) => `${round(t.duration, 0)} ms at ${at(t.start)}`).join(', ')}`
		);
		emit({
			bench: 'csv-import-browser',
			rows: ROWS,
			bytes: bytes.length,
			// The generated list holds a few residents twice: "skip" (the default) leaves them out.
			rowsImported,
			importMs: round(importMs),
			readParseMs: round(parseMs),
			mapDedupeWriteMs: round(applyMs),
			papaWorkerMs: round(papaWorkerMs),
			ratio: round(importMs / papaWorkerMs, 2),
			target: IMPORT_TARGET,
			ok: importMs / papaWorkerMs <= IMPORT_TARGET,
			...steps
		});
		emit({
			bench: 'csv-import-longest-task',
			// From the file picked until every imported row is in the grid behind the report.
			longestTaskMs: round(longest),
			// The same until the report is drawn (what this line measured before 2026-12-05, night).
			longestToReportMs: round(longestToReport),
			gridFilledAfterReportMs: round(m.gridFilled - m.reported),
			longTasks: during.length,
			longTasksOver100Ms: during.filter((t) => t.duration >= LONG_TASK_TARGET_MS).length,
			targetMs: LONG_TASK_TARGET_MS,
			ok: longest < LONG_TASK_TARGET_MS,
			// With BENCH_TRACE, from "Импортировать" on: the most a long task spent on the CPU itself
			// (the rest of its wall time the page's thread waited for a core).
			...(traced
				? {
						tracedLongestWallMs: round(Math.max(0, ...traced.map((t) => t.wallMs))),
						tracedLongestCpuMs: round(Math.max(0, ...traced.map((t) => t.cpuMs))),
						// The most of a long task's CPU time that was not the collector's.
						tracedLongestCpuWithoutGcMs: round(
							Math.max(0, ...traced.map((t) => t.cpuMs - t.gcCpuMs))
						),
						tracedLongTasksWithGc: traced.filter((t) => t.gcWallMs > 0).length
					}
				: {})
		});
		await dialog.getByRole('button', { name: 'Закрыть', exact: true }).click();

		// ---- export of the same sheet vs Papa.unparse of the same rows.
		await page.addScriptTag({ content: papaSource });
		const unparseMs = await page.evaluate(async () => {
			const input = document.getElementById('bench-file') as HTMLInputElement;
			const text = new TextDecoder('windows-1251').decode(await input.files![0].arrayBuffer());
			const Papa = (window as never as { Papa: typeof import('papaparse') }).Papa;
			const rows = Papa.parse<string[]>(text, { delimiter: ';' }).data;
			const samples: number[] = [];
			for (let i = 0; i < 3; i++) {
				const started = performance.now();
				const out = Papa.unparse(rows, { delimiter: ';', newline: '\r\n', escapeFormulae: true });
				new TextEncoder().encode('\uFEFF' + out);
				samples.push(performance.now() - started);
			}
			return samples.sort((a, b) => a - b)[1];
		});
		const exportRuns: number[] = [];
		for (let i = 0; i < 3; i++) {
			await page.evaluate(() => {
				const marks = (window as never as { __bench: { marks: Record<string, number> } }).__bench
					.marks;
				delete marks.exportClick;
				delete marks.exported;
			});
			await page.getByRole('button', { name: 'Экспорт CSV', exact: true }).click();
			const exportDialog = page.getByRole('dialog', { name: 'Экспорт CSV' });
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				exportDialog.getByRole('button', { name: 'Скачать', exact: true }).click()
			]);
			await download.path();
			const marks = await page.evaluate(
				() => (window as never as { __bench: { marks: Record<string, number> } }).__bench.marks
			);
			exportRuns.push(marks.exported - marks.exportClick);
		}
		const exportMs = exportRuns.sort((a, b) => a - b)[1];
		emit({
			bench: 'csv-export-browser',
			rows: ROWS,
			exportMs: round(exportMs),
			unparseMs: round(unparseMs),
			ratio: round(exportMs / unparseMs, 2),
			target: EXPORT_TARGET,
			ok: exportMs / unparseMs <= EXPORT_TARGET
		});
		if (operator.pageErrors.length) throw operator.pageErrors[0];
	} finally {
		await cleanup();
		await rm(file, { force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
