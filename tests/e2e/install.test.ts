/** The app can be installed: a manifest linked from every page, with icons that load. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, launchBrowser, newOperator, startApp, type App } from './setup';

let app: App;
let browser: Browser;

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
});
afterAll(cleanup);

describe('installable application', () => {
	it('links a manifest whose icons all load', async () => {
		const anna = await newOperator(browser, 'Анна');
		await anna.page.goto(`${app.url}/`);
		const href = await anna.page.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toBeTruthy();
		const manifest = (await (await fetch(new URL(href ?? '', app.url))).json()) as {
			name: string;
			start_url: string;
			display: string;
			icons: { src: string; sizes: string; type: string }[];
		};
		expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
		expect(manifest.icons.map((i) => i.sizes)).toEqual(
			expect.arrayContaining(['192x192', '512x512'])
		);
		for (const icon of manifest.icons) {
			const res = await fetch(new URL(icon.src, app.url));
			expect(res.status, icon.src).toBe(200);
			expect(res.headers.get('content-type'), icon.src).toContain(icon.type);
		}
		await anna.context.close();
	});
});
