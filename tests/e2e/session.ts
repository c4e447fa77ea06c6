/**
 * The usual frame of an e2e test file: one built app and one browser for the file; operators
 * opened through `operator()` are closed after each test, and a test fails on any uncaught error
 * in their pages. (Kept apart from `setup.ts`, which the benchmarks import without vitest.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Sheet } from '../../src/lib/model/sheet';
import {
	cleanup,
	expectNoPageErrors,
	launchBrowser,
	newOperator,
	startApp,
	type App,
	type Operator,
	type OperatorOptions
} from './setup';

/** "Within a moment": a colleague's edit must show up well inside this. */
export const MOMENT = { timeout: 5_000, interval: 50 };

export interface E2eSession {
	readonly app: App;
	readonly browser: Browser;
	/** A new operator (browser context), closed and checked after the test. */
	operator(name: string, options?: OperatorOptions): Promise<Operator>;
	/**
	 * A colleague's client in Node on the app's relay, synced with the sheet `sheetId`; its
	 * provider is destroyed after the test (or earlier by the test).
	 */
	colleague(sheetId: string): Promise<Colleague>;
}

export interface Colleague {
	doc: Y.Doc;
	provider: WebsocketProvider;
	sheet: Sheet;
}

/** Registers the file's hooks; call once at the top level of a test file. */
export function e2eSession(
	env: Record<string, string> = {},
	options: { browserArgs?: readonly string[] } = {}
): E2eSession {
	let app: App | null = null;
	let browser: Browser | null = null;
	const operators: Operator[] = [];
	const providers: WebsocketProvider[] = [];

	beforeAll(async () => {
		app = await startApp(env);
		browser = await launchBrowser(options.browserArgs);
	});
	afterEach(async () => {
		for (const provider of providers.splice(0)) provider.destroy();
		const done = operators.splice(0);
		await Promise.all(done.map((o) => o.context.close()));
		expectNoPageErrors(...done);
	});
	afterAll(cleanup);

	const session: E2eSession = {
		get app() {
			if (!app) throw new Error('e2eSession: the app starts in beforeAll');
			return app;
		},
		get browser() {
			if (!browser) throw new Error('e2eSession: the browser starts in beforeAll');
			return browser;
		},
		async operator(name, options = {}) {
			const o = await newOperator(session.browser, name, options);
			operators.push(o);
			return o;
		},
		async colleague(sheetId) {
			const doc = new Y.Doc();
			const provider = new WebsocketProvider(
				session.app.url.replace(/^http/, 'ws') + '/sync',
				`sheet:${sheetId}`,
				doc,
				{ WebSocketPolyfill: WebSocket as never, disableBc: true }
			);
			providers.push(provider);
			await expect.poll(() => provider.synced, { timeout: 15_000 }).toBe(true);
			return { doc, provider, sheet: new Sheet(doc) };
		}
	};
	return session;
}
