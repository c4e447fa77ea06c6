/**
 * The grid with a big sheet, in the browser: the built app in headless Chromium (loopback only)
 * on a generated 100,000-row × 12-column call list, one run. The reference is AG Grid Community
 * itself (the same version, its UMD build from node_modules) in a blank page served from a port
 * of its own, given the same rows as a plain array of objects.
 *
 *   npm run build && node --import tsx bench/grid.bench.ts      (or `npm run bench grid`)
 *
 * The sheet is written by a Node client of the relay (the workspace model in `ws:main`, the
 * rows with `Sheet.addRows` in `sheet:<id>`), while the sheet is open in the browser: that is a
 * colleague's import arriving at an open grid (line `grid-remote-import`).
 *
 * Measured, every time by the page itself (MutationObserver, then requestAnimationFrame and one
 * message: the frame with the change has been painted), medians of a few repetitions:
 * 1. `grid-open-local`: a reload with the server stopped (the sheet comes from IndexedDB, the
 *    app from the service worker), navigation start → first data cells with text painted, vs
 *    the reference page: navigation start → AG Grid script run, rows read from IndexedDB (a
 *    plain array stored there once) → first cells painted. Target ≤ 1.3×.
 * 2. `grid-remote-edits`: 1,000 single-cell edits by the Node client, each its own transaction,
 *    sent in one go, to cells in the rows on screen: first update message arriving → the last
 *    edit painted. Target < 250 ms, and no main-thread task over 50 ms in that window (longest
 *    'longtask' reported). How long the relay took to pass them on (first → last arrival) is
 *    reported too. One warm-up burst first (reported as `warmupRunMs`, not in the median), then
 *    five measured ones; `ok` only if every measured burst meets both targets. The Node client
 *    makes its edits while disconnected and reconnects after the burst is painted (its resync
 *    used to run during the burst, which no real colleague's typing causes).
 * 3. `grid-sort`: a click on the «ФИО» header (a text column) → the first rows painted sorted,
 *    ascending and descending, vs the same clicks in the reference grid, and the longest
 *    main-thread task in that window. The app orders a big sheet in a worker (`sorting.ts`): the
 *    click's task draws the rows in their previous order, the worker's answer the sorted ones,
 *    which is when row 0 first shows the sorted name. No target (reported).
 * 4. `grid-search`: a full name typed into the search box (one input event) → that row shown
 *    first, four names, vs AG Grid's `quickFilterText` in the reference page; the longest
 *    main-thread task. No target is set; the issue asks for filtering "without stalls".
 *
 * stdout: JSON lines only; progress on stderr.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Sheet } from '../src/lib/model/sheet';
import { Workspace } from '../src/lib/model/workspace';
import { SheetPage } from '../tests/e2e/pages';
import { cleanup, launchBrowser, newOperator, PROJECT_ROOT, startApp } from '../tests/e2e/setup';
import { generateRows } from './data';

const ROWS = 100_000;
const SEED = 20240501;
const DEADLINE_MS = 300_000;
const OPEN_RUNS = 5;
const EDITS = 1000;
/** Measured bursts of edits, after one warm-up burst (reported apart, not in the median). */
const EDIT_RUNS = 5;
const SORT_RUNS = 3;
const OPEN_TARGET = 1.3;
const EDITS_TARGET_MS = 250;
const LONG_TASK_TARGET_MS = 50;
/** Edits go to these rows and data columns (1-based among the sheet's columns): all on screen. */
const EDIT_ROWS = 10;
const EDIT_COLS = [1, 2, 3, 4, 5];
const SORT_COLUMN = 0; // «ФИО»
/** Rows whose full name is searched (the first search builds whatever the grid caches). */
const SEARCH_ROWS = [61_234, 72_345, 83_456, 94_567];
const REF_PATH = '/__grid-bench';

const deadline = setTimeout(() => {
	console.error(`grid.bench: over ${DEADLINE_MS / 1000} s, giving up`);
	process.exit(2);
}, DEADLINE_MS);
deadline.unref();

const log = (...args: unknown[]) => console.error('grid.bench:', ...args);
const emit = (line: Record<string, unknown>) => process.stdout.write(JSON.stringify(line) + '\n');
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Installed in every page before its own scripts. Marks are `performance.now()` values, so
 * from navigation start. `watch(name, test)` marks `<name>Dom` when `test()` first holds after
 * a DOM change, and `<name>` once that frame has been painted.
 */
const PROBE = `
(() => {
	const b = { marks: {}, longTasks: [], watchers: [], updates: 0, armed: false };
	window.__bench = b;
	const mark = (name) => { if (!(name in b.marks)) b.marks[name] = performance.now(); };
	b.mark = mark;
	const afterPaint = (name) => requestAnimationFrame(() => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => mark(name);
		channel.port2.postMessage(0);
	});
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {}
	const check = () => {
		for (const w of b.watchers) {
			if (w.done || !w.test()) continue;
			w.done = true;
			mark(w.name + 'Dom');
			afterPaint(w.name);
		}
	};
	b.watch = (name, test) => { b.watchers.push({ name, test, done: false }); check(); };
	b.cell = (row, col) => document.querySelector('.ag-row[row-index="' + row + '"]:not(.shtab-new-row) .ag-cell[col-id="' + col + '"]');
	b.text = (row, col) => { const c = b.cell(row, col); return c ? c.textContent.replace(/\\s+/g, ' ').trim() : null; };
	b.reset = () => { b.marks = {}; b.longTasks = []; b.watchers = []; b.updates = 0; b.armed = true; };
	new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
	b.watch('firstRows', () => {
		for (const c of document.querySelectorAll('.ag-row[row-index="0"]:not(.shtab-new-row) .ag-cell')) {
			if (c.getAttribute('col-id') !== '__row' && c.textContent.trim()) return true;
		}
		return false;
	});
	// Arrival of y-websocket update messages (sync 0, update 2) or parts of one, once armed.
	const Native = window.WebSocket;
	window.WebSocket = class extends Native {
		constructor(...args) {
			super(...args);
			this.addEventListener('message', (e) => {
				if (!b.armed || !(e.data instanceof ArrayBuffer)) return;
				const d = new Uint8Array(e.data, 0, Math.min(2, e.data.byteLength));
				// A long update comes in parts ([101, …], src/lib/sync/parts.ts): its first part is its
				// arrival (without this, the 100,000-row import's arrival was never marked: null).
				const part = d[0] === 101 && e.data.byteLength > 1;
				if (!part && (d[0] !== 0 || d[1] !== 2)) return;
				b.updates++;
				mark('firstArrival');
				b.marks.lastArrival = performance.now();
			});
		}
	};
})();
`;

interface Probe {
	marks: Record<string, number>;
	longTasks: { start: number; duration: number }[];
	updates: number;
}

type BenchWindow = {
	__bench: Probe & {
		armed: boolean;
		mark(name: string): void;
		reset(): void;
		watch(name: string, test: () => boolean): void;
		text(row: number, col: string): string | null;
	};
};

async function probe(page: Page): Promise<Probe> {
	return page.evaluate(() => {
		const b = (window as never as BenchWindow).__bench;
		return { marks: { ...b.marks }, longTasks: [...b.longTasks], updates: b.updates };
	});
}

async function waitMark(page: Page, name: string, timeout = 60_000) {
	await page.waitForFunction((n) => n in (window as never as BenchWindow).__bench.marks, name, {
		timeout,
		polling: 50
	});
}

function longestIn(p: Probe, from: number, to: number) {
	const during = p.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to);
	return {
		longestTaskMs: round(during.reduce((max, t) => Math.max(max, t.duration), 0)),
		longTasks: during.length
	};
}

/** A Node client of the relay: one doc per room, y-websocket over `ws`. */
function connect(serverUrl: string, room: string, doc = new Y.Doc()) {
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = () =>
		new Promise<void>((resolve) => {
			if (provider.synced) resolve();
			else provider.once('sync', (s: boolean) => s && resolve());
		});
	return { doc, provider, synced };
}

/** AG Grid alone: rows read from IndexedDB as a plain array, the same columns, the same size. */
function referenceHtml(columns: { field: string; headerName: string }[], height: number) {
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>AG Grid reference</title>
<style>html, body { margin: 0; font-family: sans-serif; } #grid { height: ${height}px; }</style>
<script src="${REF_PATH}/ag-grid-community.min.js"></script>
</head><body><div id="grid"></div>
<script>
const columnDefs = ${JSON.stringify(columns)};
const open = indexedDB.open('grid-bench', 1);
open.onupgradeneeded = () => open.result.createObjectStore('rows');
open.onsuccess = () => {
	const db = open.result;
	const get = db.transaction('rows').objectStore('rows').get('rows');
	get.onsuccess = () => {
		const rows = get.result;
		if (!rows) { window.__noRows = true; return; }
		window.__bench.mark('dataReady');
		window.gridApi = agGrid.createGrid(document.getElementById('grid'), {
			rowData: rows,
			columnDefs,
			getRowId: (p) => p.data.id,
			animateRows: false
		});
	};
};
</script></body></html>`;
}

/**
 * `GRID_BENCH_PROFILE=1`: a CPU profile of one more load of the sheet, written to
 * bench/results/grid-open.cpuprofile (open it in Chromium's DevTools), and the functions with
 * the most self time on stderr.
 */
async function profileOpen(page: Page, url: string) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await page.goto(url); // the sheet's origin (a page of another origin may use another process)
	await waitMark(page, 'firstRows');
	await cdp.send('Profiler.start');
	await page.reload();
	await waitMark(page, 'firstRows');
	const { profile } = await cdp.send('Profiler.stop');
	await mkdir(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
	await writeFile(
		join(PROJECT_ROOT, 'bench/results/grid-open.cpuprofile'),
		JSON.stringify(profile)
	);
	const self = new Map<string, number>();
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const deltas = profile.timeDeltas ?? [];
	(profile.samples ?? []).forEach((id, i) => {
		const n = byId.get(id);
		if (!n) return;
		const f = n.callFrame;
		const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
		self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
	});
	const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
	for (const [key, ms] of top) log(`profile ${round(ms)} ms ${key}`);
	await cdp.detach();
}

/** The reference page, its script (cached by the browser) and the rows, on a port of its own. */
async function serveReference(html: string, script: string, rowsJson: string) {
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		if (path.endsWith('.js')) {
			res.writeHead(200, {
				'content-type': 'text/javascript',
				'cache-control': 'public, max-age=31536000, immutable'
			});
			res.end(script);
		} else if (path.endsWith('rows.json')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(rowsJson);
		} else {
			res.writeHead(200, {
				'content-type': 'text/html; charset=utf-8',
				'cache-control': 'no-cache'
			});
			res.end(html);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function main() {
	const { header, rows } = generateRows({ rows: ROWS, seed: SEED });
	const agGridSource = await readFile(
		join(PROJECT_ROOT, 'node_modules/ag-grid-community/dist/ag-grid-community.min.js'),
		'utf8'
	);
	try {
		const app = await startApp();
		const serverUrl = `${app.url.replace(/^http/, 'ws')}/sync`;
		const browser = await launchBrowser();
		const operator = await newOperator(browser, 'Бенчмарк');
		const page = operator.page;
		page.setDefaultTimeout(120_000);
		await page.addInitScript(PROBE);

		// ---- a colleague (Node) creates the sheet; this operator opens it while it is empty.
		const ws = connect(serverUrl, 'ws:main');
		await ws.synced();
		const sheetId = new Workspace(ws.doc).createSheet({
			title: 'Обзвон 100 000',
			kind: 'callList'
		});
		const colleague = connect(serverUrl, `sheet:${sheetId}`);
		await colleague.synced();
		const sheet = new Sheet(colleague.doc);
		const colIds = sheet.addColumns(header.map((title) => ({ title })));
		const sheetUrl = `${app.url}/sheet/${sheetId}`;
		const sheetPage = await SheetPage.open(page, sheetUrl, 'Обзвон 100 000');
		await page.waitForFunction(() => !!document.querySelector('.ag-header-cell[col-id]'));

		// ---- the colleague imports 100,000 rows into the open sheet.
		await page.evaluate(() => (window as never as BenchWindow).__bench.reset());
		await page.evaluate(() =>
			(window as never as BenchWindow).__bench.watch('firstRows', () =>
				[...document.querySelectorAll('.ag-row[row-index="0"]:not(.shtab-new-row) .ag-cell')].some(
					(c) => c.getAttribute('col-id') !== '__row' && !!c.textContent?.trim()
				)
			)
		);
		const rowIds = sheet.addRows({ columns: colIds, rows });
		await waitMark(page, 'firstRows', 120_000);
		await page.waitForFunction(
			(n) =>
				/Строк: ([\d\s\u00a0\u202f]+)/.exec(document.body.innerText)?.[1].replace(/\D/g, '') ===
				String(n),
			ROWS
		);
		await page.waitForTimeout(1500); // the rest of the work and its long tasks
		{
			const p = await probe(page);
			const m = p.marks;
			emit({
				bench: 'grid-remote-import',
				rows: ROWS,
				firstArrivalToRowsMs: round(m.firstRows - m.firstArrival),
				...longestIn(p, m.firstArrival, m.firstRows + 1500),
				longTasksMs: p.longTasks
					.filter((t) => t.start + t.duration >= m.firstArrival)
					.map((t) => round(t.duration, 0))
			});
		}

		// ---- the sheet reaches IndexedDB; one reload with the server up puts the page under the
		// service worker, then the server stops and every later load is from the local store.
		await page.waitForTimeout(2000);
		await page.reload();
		await sheetPage.ready('Обзвон 100 000');
		await waitMark(page, 'firstRows');
		await page.waitForTimeout(2000);
		await app.stop();

		const gridBox = await page.locator('.ag-root-wrapper').first().boundingBox();
		// ---- the reference: AG Grid alone on an origin of its own, rows as a plain array stored in
		// its IndexedDB once.
		const refColumns = header.map((title, i) => ({ field: `c${i}`, headerName: title }));
		const refRows = rows.map((r, i) => {
			const o: Record<string, string> = { id: String(i) };
			for (let j = 0; j < r.length; j++) o[`c${j}`] = r[j];
			return o;
		});
		const html = referenceHtml(refColumns, Math.round(gridBox?.height ?? 600));
		const refServer = await serveReference(html, agGridSource, JSON.stringify(refRows));
		const refUrl = `${refServer.url}${REF_PATH}`;
		await page.goto(refUrl);
		await page.waitForFunction(() => (window as never as { __noRows?: boolean }).__noRows);
		await page.evaluate(async (url) => {
			const rows = await (await fetch(url)).json();
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('grid-bench', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('rows');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('rows', 'readwrite');
				tx.objectStore('rows').put(rows, 'rows');
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		}, `${refServer.url}${REF_PATH}/rows.json`);
		// Ours and the reference in turn (the machine's load drifts); the reference's first load
		// fills the HTTP cache with its script, as the service worker's cache holds ours.
		await page.goto(refUrl);
		await waitMark(page, 'firstRows');
		const openRuns: { firstRows: number; longest: number }[] = [];
		const refRuns: { firstRows: number; dataReady: number; longest: number }[] = [];
		for (let i = 0; i < OPEN_RUNS; i++) {
			await page.goto(sheetUrl);
			await waitMark(page, 'firstRows');
			const count = await sheetPage.rowCount();
			if (count !== ROWS) throw new Error(`load ${i}: ${count} rows from the local store`);
			let p = await probe(page);
			openRuns.push({
				firstRows: p.marks.firstRows,
				longest: longestIn(p, 0, p.marks.firstRows).longestTaskMs
			});
			await page.goto(refUrl);
			await waitMark(page, 'firstRows');
			p = await probe(page);
			refRuns.push({
				firstRows: p.marks.firstRows,
				dataReady: p.marks.dataReady,
				longest: longestIn(p, 0, p.marks.firstRows).longestTaskMs
			});
			log(`open: ours ${round(openRuns[i].firstRows)} ms, AG Grid ${round(p.marks.firstRows)} ms`);
		}
		const ours = median(openRuns.map((r) => r.firstRows));
		const ref = median(refRuns.map((r) => r.firstRows));
		emit({
			bench: 'grid-open-local',
			rows: ROWS,
			columns: header.length,
			firstRowsMs: round(ours),
			runsMs: openRuns.map((r) => round(r.firstRows, 0)),
			longestTaskMs: round(median(openRuns.map((r) => r.longest))),
			agGridMs: round(ref),
			agGridRunsMs: refRuns.map((r) => round(r.firstRows, 0)),
			agGridRowsReadMs: round(median(refRuns.map((r) => r.dataReady))),
			agGridLongestTaskMs: round(median(refRuns.map((r) => r.longest))),
			ratio: round(ours / ref, 2),
			target: OPEN_TARGET,
			ok: ours / ref <= OPEN_TARGET
		});

		// ---- sort in the reference (the page is open): click the header, first rows sorted.
		const refSort = await sortRuns(page, 'c' + SORT_COLUMN, {
			asc: firstSorted(rows, SORT_COLUMN, plainCompare, 1),
			desc: firstSorted(rows, SORT_COLUMN, plainCompare, -1),
			header: `.ag-header-cell[col-id="c${SORT_COLUMN}"] .ag-header-cell-label`
		});

		// ---- quick search in the reference: the same names through `quickFilterText`.
		const searches = SEARCH_ROWS.map((r) => rows[r][SORT_COLUMN].replace(/\s+/g, ' ').trim());
		const refSearch = await searchRuns(page, 'c' + SORT_COLUMN, searches, (q) =>
			page.evaluate((text) => {
				(window as never as { __bench: { mark(n: string): void } }).__bench.mark('click');
				(
					window as never as { gridApi: { setGridOption(k: string, v: string): void } }
				).gridApi.setGridOption('quickFilterText', text);
			}, q)
		);

		if (process.env.GRID_BENCH_PROFILE) await profileOpen(page, sheetUrl);

		// ---- back to the app, server up again: the colleague's edits.
		refServer.close();
		await app.restart();
		await page.goto(sheetUrl);
		await sheetPage.ready('Обзвон 100 000');
		await waitMark(page, 'firstRows');
		await page.getByText('Все изменения сохранены на сервере').waitFor({ timeout: 60_000 });
		await colleague.synced();
		const editRuns: {
			totalMs: number;
			arrivalSpreadMs: number;
			sendLoopMs: number;
			lastArrivalToPaintMs: number;
			relayLastSentMs: number;
			relaySpreadMs: number;
			longestTaskMs: number;
			updates: number;
		}[] = [];
		const editCols = EDIT_COLS.map((c) => colIds[c]);
		const raw = new WebSocket(`${serverUrl}/sheet:${sheetId}`);
		await new Promise<void>((resolve, reject) => {
			raw.once('open', () => resolve());
			raw.once('error', reject);
		});
		// A second Node client that only listens: when the relay's broadcasts reach a plain socket,
		// so the relay's share of the spread can be told from the browser's.
		const listener = new WebSocket(`${serverUrl}/sheet:${sheetId}`);
		await new Promise<void>((resolve, reject) => {
			listener.once('open', () => resolve());
			listener.once('error', reject);
		});
		let nodeArrivals: number[] = [];
		listener.on('message', (data: Buffer) => {
			if (data[0] === 0 && data[1] === 2) nodeArrivals.push(performance.now());
		});
		const cells = EDIT_ROWS * editCols.length;
		let warmup: (typeof editRuns)[number] | null = null;
		for (let run = -1; run < EDIT_RUNS; run++) {
			const valueOf = (k: number) => `r${run}-${k}`;
			const cellOf = (k: number) => {
				const idx = cells - 1 - (k % cells); // the last edit lands in row 0
				return { row: Math.floor(idx / editCols.length), col: editCols[idx % editCols.length] };
			};
			const last = cellOf(EDITS - 1);
			await page.evaluate(
				({ row, col, value }) => {
					const b = (window as never as BenchWindow).__bench;
					b.reset();
					b.watch('lastEdit', () => b.text(row, col) === value);
				},
				{ ...last, value: valueOf(EDITS - 1) }
			);
			const cdp =
				process.env.GRID_BENCH_PROFILE &&
				run === (process.env.GRID_BENCH_PROFILE === 'warmup' ? -1 : 0)
					? await page.context().newCDPSession(page)
					: null;
			if (cdp) {
				await cdp.send('Profiler.enable');
				await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
				await cdp.send('Profiler.start');
			}
			// The colleague's 1,000 edits, each its own transaction, made first (with the
			// provider's socket quiet) and then sent back to back on a socket of their own: what is
			// measured is the relay and the page applying them, not how fast one client types.
			const updates: Uint8Array[] = [];
			const collect = (u: Uint8Array, origin: unknown) => {
				if (origin !== colleague.provider) updates.push(u);
			};
			colleague.provider.disconnect();
			colleague.doc.on('update', collect);
			const makeStart = performance.now();
			for (let k = 0; k < EDITS; k++) {
				const { row, col } = cellOf(k);
				sheet.setCell(rowIds[row], col, valueOf(k));
			}
			const makeMs = performance.now() - makeStart;
			colleague.doc.off('update', collect);
			nodeArrivals = [];
			const sendStart = performance.now();
			for (const update of updates) {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 0); // y-websocket messageSync
				syncProtocol.writeUpdate(encoder, update);
				raw.send(encoding.toUint8Array(encoder));
			}
			const sendLoopMs = performance.now() - sendStart;
			log(`edits run ${run}: made in ${round(makeMs)} ms, sent in ${round(sendLoopMs)} ms`);
			await waitMark(page, 'lastEdit');
			// The colleague's provider reconnects only now: its resync with the relay (a bench
			// artefact: the edits were made while it was disconnected) is not the burst measured.
			colleague.provider.connect();
			if (cdp) {
				const { profile } = await cdp.send('Profiler.stop');
				await writeFile(
					join(PROJECT_ROOT, 'bench/results/grid-edits.cpuprofile'),
					JSON.stringify(profile)
				);
				await cdp.detach();
			}
			await page.waitForTimeout(300);
			const p = await probe(page);
			const m = p.marks;
			// Every edited cell on screen shows its last value.
			const expected: { row: number; col: string; value: string }[] = [];
			for (let k = EDITS - cells; k < EDITS; k++)
				expected.push({ ...cellOf(k), value: valueOf(k) });
			const wrong = await page.evaluate((list) => {
				const b = (window as never as BenchWindow).__bench;
				return list.filter((e) => b.text(e.row, e.col) !== e.value).length;
			}, expected);
			if (wrong)
				throw new Error(`edits run ${run}: ${wrong} cells on screen lack their last value`);
			const result = {
				totalMs: m.lastEdit - m.firstArrival,
				arrivalSpreadMs: m.lastArrival - m.firstArrival,
				sendLoopMs,
				lastArrivalToPaintMs: m.lastEdit - m.lastArrival,
				relayLastSentMs: nodeArrivals.length
					? nodeArrivals[nodeArrivals.length - 1] - sendStart
					: Number.NaN,
				relaySpreadMs: nodeArrivals.length
					? nodeArrivals[nodeArrivals.length - 1] - nodeArrivals[0]
					: Number.NaN,
				longestTaskMs: longestIn(p, m.firstArrival, m.lastEdit).longestTaskMs,
				updates: p.updates
			};
			if (run < 0) warmup = result;
			else editRuns.push(result);
			log(
				`edits run ${run}: ${round(m.lastEdit - m.firstArrival)} ms, ${p.updates} updates; ` +
					`browser arrivals over ${round(result.arrivalSpreadMs)} ms, a Node listener's over ` +
					`${round(result.relaySpreadMs)} ms (last ${round(result.relayLastSentMs)} ms after sending began)`
			);
		}
		const editMid = median(editRuns.map((r) => r.totalMs));
		const slowest = Math.max(...editRuns.map((r) => r.totalMs));
		const longest = Math.max(...editRuns.map((r) => r.longestTaskMs));
		emit({
			bench: 'grid-remote-edits',
			rows: ROWS,
			edits: EDITS,
			totalMs: round(editMid),
			runsMs: editRuns.map((r) => round(r.totalMs, 0)),
			slowestRunMs: round(slowest),
			warmupRunMs: warmup ? round((warmup as { totalMs: number }).totalMs) : null,
			arrivalSpreadMs: round(median(editRuns.map((r) => r.arrivalSpreadMs))),
			relaySpreadMs: round(median(editRuns.map((r) => r.relaySpreadMs))),
			sendLoopMs: round(median(editRuns.map((r) => r.sendLoopMs))),
			lastArrivalToPaintMs: round(median(editRuns.map((r) => r.lastArrivalToPaintMs))),
			updatesSeen: editRuns.map((r) => r.updates),
			longestTaskMs: longest,
			longestTaskRunsMs: editRuns.map((r) => r.longestTaskMs),
			targetMs: EDITS_TARGET_MS,
			longTaskTargetMs: LONG_TASK_TARGET_MS,
			// Every measured burst, not only the median, must meet both targets.
			ok: slowest < EDITS_TARGET_MS && longest <= LONG_TASK_TARGET_MS
		});

		// ---- sort in the app: the same clicks on «ФИО».
		const ourSort = await sortRuns(page, colIds[SORT_COLUMN], {
			asc: firstSorted(rows, SORT_COLUMN, textCompare, 1),
			desc: firstSorted(rows, SORT_COLUMN, textCompare, -1),
			header: `.ag-header-cell[col-id="${colIds[SORT_COLUMN]}"] .shtab-header-label`
		});
		emit({
			bench: 'grid-sort',
			rows: ROWS,
			column: header[SORT_COLUMN],
			ascMs: round(median(ourSort.asc)),
			descMs: round(median(ourSort.desc)),
			runsMs: [...ourSort.asc, ...ourSort.desc].map((x) => round(x, 0)),
			longestTaskMs: round(median(ourSort.longest)),
			agGridAscMs: round(median(refSort.asc)),
			agGridDescMs: round(median(refSort.desc)),
			agGridRunsMs: [...refSort.asc, ...refSort.desc].map((x) => round(x, 0)),
			agGridLongestTaskMs: round(median(refSort.longest)),
			ratio: round(median(ourSort.asc) / median(refSort.asc), 2),
			note: 'ours sorts with Intl.Collator("ru", numeric) in a worker, the rows re-ordered when it answers; AG Grid on the page with < and >'
		});

		// ---- quick search in the app: the search box, typed as one input event.
		const box = page.getByRole('searchbox', { name: 'Поиск по списку' });
		const ourSearch = await searchRuns(page, colIds[SORT_COLUMN], searches, async (q) => {
			await page.evaluate(() => {
				const b = (window as never as { __bench: { mark(n: string): void } }).__bench;
				document
					.querySelector('input[type=search]')
					?.addEventListener('input', () => b.mark('click'), { capture: true, once: true });
			});
			await box.fill(q);
		});
		emit({
			bench: 'grid-search',
			rows: ROWS,
			queries: searches.length,
			firstMs: round(ourSearch.ms[0]),
			laterMs: round(median(ourSearch.ms.slice(1))),
			runsMs: ourSearch.ms.map((x) => round(x, 0)),
			longestTaskMs: round(Math.max(...ourSearch.longest)),
			longestTaskRunsMs: ourSearch.longest.map((x) => round(x, 0)),
			agGridFirstMs: round(refSearch.ms[0]),
			agGridLaterMs: round(median(refSearch.ms.slice(1))),
			agGridRunsMs: refSearch.ms.map((x) => round(x, 0)),
			agGridLongestTaskMs: round(Math.max(...refSearch.longest)),
			ratio: round(median(ourSearch.ms) / median(refSearch.ms), 2),
			note: 'a full name typed into the search (one input event) → that row shown first; ours also matches the formatted values (phones, dates)'
		});
		if (operator.pageErrors.length) throw operator.pageErrors[0];
		raw.close();
		listener.close();
		colleague.provider.destroy();
		ws.provider.destroy();
	} finally {
		await cleanup();
	}
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
/** The app's text comparator (src/lib/grid/columns.ts): empty last, Russian collation. */
function textCompare(a: string, b: string) {
	if (!a && !b) return 0;
	if (!a) return 1;
	if (!b) return -1;
	return collator.compare(a, b);
}
/** AG Grid's default comparator on strings. */
function plainCompare(a: string, b: string) {
	return a > b ? 1 : a < b ? -1 : 0;
}
function firstSorted(
	rows: string[][],
	col: number,
	compare: (a: string, b: string) => number,
	sign: 1 | -1
): string {
	let best = rows[0][col];
	for (const r of rows) if (sign * compare(r[col], best) < 0) best = r[col];
	return best.replace(/\s+/g, ' ').trim(); // as `__bench.text` reads a cell
}

/**
 * Searches each of `queries` (a full name) through `search`, which marks 'click' when the
 * search starts: timed until row 0 shows that name; then clears the search.
 */
async function searchRuns(
	page: Page,
	colId: string,
	queries: string[],
	search: (query: string) => Promise<unknown>
) {
	const out = { ms: [] as number[], longest: [] as number[] };
	for (const query of queries) {
		await page.evaluate(
			({ col, want }) => {
				const b = (window as never as BenchWindow).__bench;
				b.reset();
				b.watch('found', () => b.text(0, col) === want);
			},
			{ col: colId, want: query }
		);
		await search(query);
		await waitMark(page, 'found', 20_000);
		await page.waitForTimeout(200);
		const p = await probe(page);
		out.ms.push(p.marks.found - p.marks.click);
		out.longest.push(longestIn(p, p.marks.click, p.marks.found).longestTaskMs);
		await search('');
		await page.waitForTimeout(300);
	}
	return out;
}

/** Clicks the header: ascending (timed), descending (timed), none; `SORT_RUNS` times. */
async function sortRuns(
	page: Page,
	colId: string,
	spec: { asc: string; desc: string; header: string }
) {
	const out = { asc: [] as number[], desc: [] as number[], longest: [] as number[] };
	const header = page.locator(spec.header);
	for (let run = 0; run < SORT_RUNS; run++) {
		for (const dir of ['asc', 'desc', 'none'] as const) {
			const before = await page.evaluate(
				(col) => (window as never as BenchWindow).__bench.text(0, col),
				colId
			);
			await page.evaluate(
				({ col, want, headerSel }) => {
					const b = (window as never as BenchWindow).__bench;
					b.reset();
					b.armed = false;
					document
						.querySelector(headerSel)
						?.addEventListener('click', () => b.mark('click'), { capture: true, once: true });
					if (want !== null) b.watch('sorted', () => b.text(0, col) === want);
				},
				{ col: colId, want: dir === 'none' ? null : spec[dir], headerSel: spec.header }
			);
			await header.click();
			if (dir === 'none') {
				await page.waitForFunction(
					({ col, value }) => (window as never as BenchWindow).__bench.text(0, col) !== value,
					{ col: colId, value: before }
				);
				await page.waitForTimeout(200);
				continue;
			}
			await waitMark(page, 'sorted', 20_000).catch(async (error: unknown) => {
				const shown = await page.evaluate(
					(col) => (window as never as BenchWindow).__bench.text(0, col),
					colId
				);
				throw new Error(`sort ${dir}: row 0 shows «${shown}», expected «${spec[dir]}»`, {
					cause: error
				});
			});
			await page.waitForTimeout(200);
			const p = await probe(page);
			out[dir].push(p.marks.sorted - p.marks.click);
			out.longest.push(longestIn(p, p.marks.click, p.marks.sorted).longestTaskMs);
		}
	}
	return out;
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
