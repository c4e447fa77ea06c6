/**
 * The browser tests' harness: the built app served by `node server/index.js` (the same command as
 * `npm start`) on a free loopback port with a fresh data directory, and headless Chromium from
 * the system (never downloaded). Each operator is a browser context of its own (its own
 * IndexedDB, its own name), which the page objects in `pages.ts` drive.
 *
 * Every server, browser and temporary directory opened here is closed by `cleanup()` (call it
 * in afterAll); a test fails on any uncaught error in a page (`pageerror`), and on anything the
 * page's Content-Security-Policy refused.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type ConsoleMessage,
	type Dialog,
	type Page
} from 'playwright-core';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots go here (git-ignored). */
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

const cleanups: (() => Promise<void>)[] = [];

/** Closes everything opened through this module, newest first. For afterAll. */
export async function cleanup(): Promise<void> {
	for (const fn of cleanups.splice(0).reverse()) {
		try {
			await fn();
		} catch (error) {
			console.warn('[e2e] cleanup:', error);
		}
	}
}

/** The build's version file, and where a test that plays an upgrade keeps the real one. */
export const VERSION_FILE = join(PROJECT_ROOT, 'build/client/_app/version.json');
export const VERSION_KEPT = `${VERSION_FILE}.kept`;

/** Builds the app once if `build/` is missing (`npm test` builds first; this is the fallback). */
export function ensureBuild(): void {
	// A run stopped while `app-version.test.ts` played an upgrade: the real version comes back
	// (or every page would be refused by the relay).
	if (existsSync(VERSION_KEPT)) renameSync(VERSION_KEPT, VERSION_FILE);
	if (existsSync(join(PROJECT_ROOT, 'build', 'handler.js'))) return;
	const result = spawnSync('npx', ['vite', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface App {
	/** http://127.0.0.1:<port> */
	readonly url: string;
	readonly dataDir: string;
	/** Everything the server printed, for failure messages. */
	readonly log: () => string;
	/** SIGTERM and wait for the process to exit (the graceful shutdown). */
	stop(): Promise<void>;
	/** SIGKILL: a crash, nothing flushed on the way out. */
	kill9(): Promise<void>;
	/** Start again on the same port and data directory (after `stop` or `kill9`). */
	restart(): Promise<void>;
}

/**
 * Starts the built app and the relay on a free port with an empty data directory; `env` adds to
 * the server's environment (e.g. a short `PING_INTERVAL_MS`).
 */
export async function startApp(env: Record<string, string> = {}): Promise<App> {
	ensureBuild();
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const dataDir = await mkdtemp(join(tmpdir(), 'shtab-e2e-'));
	let output = '';
	let child: ChildProcess | null = null;

	const exited = (proc: ChildProcess) =>
		new Promise<void>((resolve) => {
			if (proc.exitCode !== null || proc.signalCode !== null) resolve();
			else proc.once('exit', () => resolve());
		});

	async function launch() {
		const proc = spawn(process.execPath, ['server/index.js'], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child = proc;
		proc.stdout?.on('data', (chunk) => (output += chunk));
		proc.stderr?.on('data', (chunk) => (output += chunk));
		const deadline = Date.now() + START_TIMEOUT_MS;
		for (;;) {
			if (proc.exitCode !== null) {
				throw new Error(`server exited with ${proc.exitCode} while starting:\n${output}`);
			}
			try {
				const res = await fetch(`${url}/healthz`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				proc.kill('SIGKILL');
				throw new Error(`server did not answer /healthz within ${START_TIMEOUT_MS} ms:\n${output}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	async function end(signal: NodeJS.Signals) {
		const proc = child;
		child = null;
		if (!proc) return;
		const done = exited(proc);
		proc.kill(signal);
		const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await done;
		clearTimeout(timer);
	}

	await launch();
	const app: App = {
		url,
		dataDir,
		log: () => output,
		stop: () => end('SIGTERM'),
		kill9: () => end('SIGKILL'),
		async restart() {
			if (child) throw new Error('restart: the server is still running');
			await launch();
		}
	};
	cleanups.push(async () => {
		await end('SIGKILL');
		await rm(dataDir, { recursive: true, force: true });
	});
	return app;
}

/** Headless Chromium from the system. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [...CHROMIUM_ARGS, ...extraArgs]
	});
	cleanups.push(() => browser.close());
	return browser;
}

/** How Chromium reports what the Content-Security-Policy (svelte.config.js) refused. */
export const CSP_REFUSAL = /violates the following Content Security Policy/;

export interface Operator {
	name: string;
	context: BrowserContext;
	page: Page;
	/** Uncaught errors in any page of the context: a test fails on any. */
	pageErrors: Error[];
	/** console.error lines (the app reports failures there and in a toast). */
	consoleErrors: string[];
	/** alert/confirm/prompt dialogs opened by any page of the context. */
	dialogs: string[];
	/** Opens another page in the same context (same IndexedDB), watched like the first. */
	newPage(): Promise<Page>;
}

export interface OperatorOptions {
	viewport?: { width: number; height: number };
	/** Accept `confirm()` dialogs (deleting a column asks with one); otherwise they are dismissed. */
	acceptDialogs?: boolean;
	/** Leave the name unset, so the first visit asks "Как вас зовут?". */
	askName?: boolean;
	/**
	 * Run the page without its Content-Security-Policy: for a benchmark's reference code run in
	 * the app's page (PapaParse in a worker from a `blob:` URL, an inline script), never for tests.
	 */
	bypassCSP?: boolean;
}

/**
 * A browser context for one operator whose name is already chosen (the "Как вас зовут?" dialog
 * is skipped through localStorage), with one page open on nothing yet.
 */
export async function newOperator(
	browser: Browser,
	name: string,
	options: OperatorOptions = {}
): Promise<Operator> {
	const context = await browser.newContext({
		viewport: options.viewport ?? DESKTOP,
		bypassCSP: options.bypassCSP ?? false
	});
	context.setDefaultTimeout(15_000);
	if (!options.askName) {
		await context.addInitScript((n) => {
			if (!localStorage.getItem('shtab:operator')) {
				localStorage.setItem('shtab:operator', JSON.stringify({ name: n, color: '#2a9d8f' }));
			}
		}, name);
	}
	const operator: Operator = {
		name,
		context,
		page: undefined as unknown as Page,
		pageErrors: [],
		consoleErrors: [],
		dialogs: [],
		async newPage() {
			const page = await context.newPage();
			watch(page);
			return page;
		}
	};
	const watch = (page: Page) => {
		page.on('pageerror', (error) => operator.pageErrors.push(error));
		page.on('console', (message: ConsoleMessage) => {
			if (message.type() !== 'error') return;
			operator.consoleErrors.push(message.text());
			// Something of the app the page's Content-Security-Policy refused: a failure too.
			if (CSP_REFUSAL.test(message.text())) {
				operator.pageErrors.push(new Error(`refused by the CSP: ${message.text()}`));
			}
		});
		page.on('dialog', (dialog: Dialog) => {
			operator.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
			void (options.acceptDialogs ? dialog.accept() : dialog.dismiss());
		});
	};
	operator.page = await operator.newPage();
	return operator;
}

/** Fails if any page of these operators threw an uncaught error. */
export function expectNoPageErrors(...operators: Operator[]): void {
	const errors = operators.flatMap((o) => o.pageErrors.map((e) => `${o.name}: ${e.stack ?? e}`));
	if (errors.length) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
}

/** Console errors other than the browser's own reports of a refused connection. */
export function unexpectedConsoleErrors(operator: Operator): string[] {
	return operator.consoleErrors.filter(
		(line) =>
			!/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/.test(
				line
			)
	);
}

/** Saves a screenshot into test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	await mkdir(RESULTS_DIR, { recursive: true });
	const path = join(RESULTS_DIR, `${name}.png`);
	await page.screenshot({ path });
	return path;
}

/**
 * Waits until the service worker controls the operator's page (it caches the app on install).
 * The first load is not controlled yet: one reload with the server up puts it under the worker.
 */
export async function serviceWorkerReady(o: Operator): Promise<void> {
	await o.page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await o.page.reload();
	const deadline = Date.now() + 10_000;
	while (!(await o.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
		if (Date.now() > deadline) throw new Error('the service worker never took the page');
		await o.page.waitForTimeout(50);
	}
}
