/**
 * The access key (`server/access.js`): once Shtab listens beyond this computer, a page and a
 * WebSocket are let in only with the headquarters' key, given once by a link; the computer it
 * runs on needs none. The real server and relay, in process, on real sockets. Requests come from
 * 127.0.0.1 here; a `Host` that is not a loopback name is what the server sees from a colleague's
 * laptop (or from a proxy on this computer that passes the office's name).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import {
	chmod,
	chown,
	lstat,
	mkdir,
	readdir,
	readFile,
	stat,
	symlink,
	truncate,
	writeFile
} from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	ACCESS_COOKIE,
	ACCESS_KEY_FILE,
	LINK_SECRET_FILE,
	MAX_LINK_WRONG,
	MAX_WRONG,
	accessCookieValue
} from '../../server/access.js';
import { readConfig } from '../../server/config.js';
import { explainStartupError } from '../../server/startup-errors.js';
import { Harness, PROJECT_ROOT, captureLog, upgradeReading, waitFor } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

const RESIDENT = 'Иванова Анна Петровна, +7 (812) 555-12-34';

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A GET with chosen headers (`Host` among them: fetch does not let one set it). */
function get(url: string, headers: Record<string, string>): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		request.on('error', reject);
	});
}

/**
 * A request with a body (the key form's POST), with chosen headers; from `localAddress` (another
 * address of this computer: `127.0.0.2`, a client other than the proxy) when given.
 */
function send(
	url: string,
	method: string,
	headers: Record<string, string>,
	body: string,
	localAddress?: string
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method, headers, localAddress }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
			);
		});
		request.on('error', reject);
		request.end(body);
	});
}

const unescapeHtml = (text: string) =>
	text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => {
		const chars: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
		return chars[name];
	});

/**
 * What a browser sends when the key is typed into the form on `page` and Enter pressed: the
 * form's method and action, its hidden fields, and the key in the field named `key` (left out:
 * the key the page filled in, as she presses «Войти» on a link's form).
 */
function submitKey(
	base: string,
	page: Answer,
	key: string | undefined,
	headers: Record<string, string>
) {
	const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/.exec(page.body);
	if (!form) throw new Error('no form on the page');
	const attribute = (tag: string, name: string) =>
		unescapeHtml(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '');
	const method = (attribute(form[1], 'method') || 'get').toUpperCase();
	const fields = new URLSearchParams();
	for (const [input] of form[2].matchAll(/<input\b[^>]*>/g)) {
		const name = attribute(input, 'name');
		if (!name) continue;
		const hidden = attribute(input, 'type') === 'hidden';
		fields.append(name, hidden || key === undefined ? attribute(input, 'value') : key);
	}
	const action = new URL(attribute(form[1], 'action') || '/', base);
	if (method === 'GET') {
		action.search = fields.toString();
		return get(action.href, headers);
	}
	return send(
		action.href,
		method,
		{ ...headers, 'content-type': 'application/x-www-form-urlencoded' },
		fields.toString()
	);
}

/** What Chromium sends for a page: a link opened, a frame, a window (over http, no Sec-Fetch-*). */
const PAGE_ACCEPT =
	'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

/** The key form as her browser sends it: from the form's own page (its `Origin`). */
const fromTheForm = (office: string) => ({ host: office, origin: `http://${office}` });

/** The key form sent by a program (no `Origin`, no `Sec-Fetch-*`): `curl -d key=…`. */
const sendKey = (url: string, office: string, key: string, to = '/') =>
	send(
		`${url}/`,
		'POST',
		{ host: office, 'content-type': 'application/x-www-form-urlencoded' },
		new URLSearchParams({ key, to }).toString()
	);

/** A WebSocket upgrade with chosen headers: its status, and whether the resident came through. */
const upgrade = (url: string, headers: Record<string, string>) =>
	upgradeReading(url, headers, RESIDENT);

/** The server on every interface, as `HOST=0.0.0.0 npm start`; a room holding a resident. */
async function onTheNetwork(
	options: {
		dataDir?: string;
		serveApp?: boolean;
		host?: string;
		allowedHosts?: string[];
		trustedProxies?: string[];
	} = {}
) {
	const log = captureLog();
	const running = await harness.start({ host: '0.0.0.0', log: log.log, ...options });
	const url = `http://127.0.0.1:${running.port}`;
	const client = harness.client(`ws://127.0.0.1:${running.port}/sync`, 'sheet:residents');
	client.map.set('r1', RESIDENT);
	await harness.synced(client);
	// What a colleague's browser sends: the office address it opened.
	const office = `192.168.1.20:${running.port}`;
	return { running, url, office, log, key: running.accessKey as string };
}

describe('the access key, once Shtab is on the office network', () => {
	it('a page without the key gets the form and nothing of the lists; the link fills the key in, and «Войти» lets her in', async () => {
		const { url, office, key, log } = await onTheNetwork();
		expect(key).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

		const none = await get(`${url}/`, { host: office });
		expect(none.status).toBe(401);
		expect(none.headers['content-type']).toContain('text/html');
		expect(none.headers['cache-control']).toBe('no-store');
		expect(none.body).toContain('нужен ключ доступа');
		expect(none.body).not.toContain(RESIDENT);

		// The link, as printed, to a list; the key as typed from a note (capitals, spaces); a wrong
		// one. Opening it checks nothing: the form, the key in its field, the page she asked for
		// kept; she presses «Войти», and the form sent is checked.
		const spaced = ` ${key.toUpperCase().replace(/-/g, ' ')} `;
		for (const given of [key, spaced, 'aaaa-bbbb-cccc-dddd']) {
			const link = await get(`${url}/sheet/abc?key=${encodeURIComponent(given)}&lang=en`, {
				host: office,
				accept: PAGE_ACCEPT
			});
			expect(link.status, given).toBe(200);
			expect(link.headers['set-cookie']).toBeUndefined();
			expect(link.body).toContain('Ключ из ссылки подставлен — нажмите «Войти»');
			expect(link.body).toContain('The key from the link is filled in');
			expect(link.body).not.toContain(RESIDENT);
			expect(link.body).toContain(`name="key" value="${given}"`);
			expect(/name="to" value="([^"]*)"/.exec(link.body)?.[1]).toBe('/sheet/abc?lang=en');
			// «Войти» has the focus (Enter sends the form), not the field.
			expect(link.body).toMatch(/<button type="submit" autofocus>/);
			expect(link.body).not.toMatch(/<input id="key"[^>]*autofocus/);

			const sent = await submitKey(url, link, undefined, fromTheForm(office));
			if (given === 'aaaa-bbbb-cccc-dddd') {
				expect(sent.status).toBe(401);
				expect(sent.body).toContain('Ключ из ссылки не подошёл');
				expect(sent.headers['set-cookie']).toBeUndefined();
				continue;
			}
			expect(sent.status).toBe(303);
			expect(sent.headers.location).toBe('/sheet/abc?lang=en');
			const cookie = sent.headers['set-cookie']?.[0] ?? '';
			expect(cookie).toMatch(new RegExp(`^${ACCESS_COOKIE}=`));
			expect(cookie).toContain('HttpOnly');
			expect(cookie).toContain('SameSite=Lax');
			expect(cookie).toMatch(/Max-Age=\d{7,}/);
			// With the cookie, the page goes on to the app (here only the relay: its 404).
			const again = await get(`${url}/sheet/abc`, {
				host: office,
				cookie: cookie.split(';')[0]
			});
			expect(again.status).toBe(404);
		}
		expect(log.warnings('wrong access key')).toHaveLength(1);
	});

	it('a link with the key is never checked nor counted, whoever opened it: another site’s frame, window or image cannot shut the office out', async () => {
		// Over plain http Chromium sends nothing that tells a frame or a window another site's page
		// opened at `/?key=WRONG` from her own click on the link: ten of them told the office's
		// address to wait ten minutes («Подождите 10 минут»), and nobody there could type the key.
		const { url, office, key, log } = await onTheNetwork();
		const opened: Record<string, string>[] = [
			// Frames and windows over plain http: nothing but a page's Accept.
			{ accept: PAGE_ACCEPT },
			// The same where the browser says more (https, localhost).
			{ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
			{
				'sec-fetch-site': 'cross-site',
				'sec-fetch-mode': 'navigate',
				'sec-fetch-dest': 'document'
			},
			// Her click in the office chat.
			{
				'sec-fetch-site': 'cross-site',
				'sec-fetch-mode': 'navigate',
				'sec-fetch-dest': 'document',
				'sec-fetch-user': '?1'
			},
			// An image, a script, a fetch; a program.
			{ accept: 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8' },
			{ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
			{ accept: '*/*', 'user-agent': 'curl/8.5.0' },
			{}
		];
		for (const headers of opened) {
			for (let i = 0; i < MAX_WRONG; i++) {
				const wrong = await get(`${url}/?key=wrong-${i}`, { host: office, ...headers });
				expect(wrong.status, JSON.stringify(headers)).toBe(200);
				expect(wrong.body).toContain(`value="wrong-${i}"`);
				expect(wrong.headers['set-cookie']).toBeUndefined();
			}
			// The right key in a link lets nothing in by itself either: she presses «Войти».
			const right = await get(`${url}/?key=${key}`, { host: office, ...headers });
			expect(right.status).toBe(200);
			expect(right.headers['set-cookie']).toBeUndefined();
			expect(right.body).not.toContain('другого сайта');
		}
		expect(log.warnings('wrong access key')).toHaveLength(0);
		expect(log.warnings('another site')).toHaveLength(0);

		// An operator at that address opens the link and presses «Войти»: let in.
		const link = await get(`${url}/sheet/abc?key=${key}`, { host: office, accept: PAGE_ACCEPT });
		const sent = await submitKey(url, link, undefined, fromTheForm(office));
		expect(sent.status).toBe(303);
		expect(sent.headers.location).toBe('/sheet/abc');
	});

	it('the key’s page cannot be shown in another site’s frame, and runs only its own script', async () => {
		// Filled in by a link, «Войти» is one click from letting a browser in: a page laid over
		// it in a frame must not be able to make her click it.
		const { url, office, key } = await onTheNetwork();
		for (const path of ['/', `/sheet/abc?key=${key}`]) {
			const page = await get(`${url}${path}`, { host: office, accept: PAGE_ACCEPT });
			expect(page.headers['x-frame-options']).toBe('DENY');
			const csp = String(page.headers['content-security-policy']);
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("default-src 'none'");
			expect(csp).toContain("form-action 'self'");
			for (const [, script] of page.body.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
				const hash = createHash('sha256').update(script).digest('base64');
				expect(csp).toContain(`script-src 'sha256-${hash}'`);
			}
		}
	});

	it('no answer of Shtab may be framed by another site: the app’s pages, its files and the health check say X-Frame-Options too', async (context) => {
		// Only the key's page said X-Frame-Options; the app's pages said `frame-ancestors` alone,
		// which a browser that knows only the older header does not read (docs/security.md said both).
		context.skip(!existsSync(join(PROJECT_ROOT, 'build/handler.js')), 'needs the built app');
		const { url, office, key } = await onTheNetwork({ serveApp: true });
		const page = await get(`${url}/sheet/abc?key=${key}`, { host: office, accept: PAGE_ACCEPT });
		const sent = await submitKey(url, page, undefined, fromTheForm(office));
		const cookie = String(sent.headers['set-cookie']).split(';')[0];
		const asked: [string, Record<string, string>][] = [];
		for (const path of ['/', '/sheet/abc', '/manifest.webmanifest', '/healthz', '/no/such/page']) {
			// A colleague's browser with the key; the coordinator's own (no key: the page another
			// site would frame there is the app itself).
			asked.push([path, { host: office, cookie, accept: PAGE_ACCEPT }]);
			asked.push([path, { host: '127.0.0.1', accept: PAGE_ACCEPT }]);
		}
		asked.push(['/', { host: 'unknown.example' }]);
		for (const [path, headers] of asked) {
			const answer = await get(`${url}${path}`, headers);
			expect(answer.headers['x-frame-options'], `${path} ${headers.host}`).toBe('DENY');
		}
		const app = await get(`${url}/`, { host: office, cookie, accept: PAGE_ACCEPT });
		expect(app.status).toBe(200);
		expect(app.body).not.toContain('нужен ключ доступа');
		expect(String(app.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
	});

	it('every answer says X-Content-Type-Options: nosniff, the app’s files and pages too', async (context) => {
		// Only the unknown host's 403 page said it: a browser was free to read any other answer
		// (the health check's JSON, a script of the app) as another type than the one it is sent as.
		context.skip(!existsSync(join(PROJECT_ROOT, 'build/handler.js')), 'needs the built app');
		const { url, office, key } = await onTheNetwork({ serveApp: true });
		const page = await get(`${url}/sheet/abc?key=${key}`, { host: office, accept: PAGE_ACCEPT });
		const sent = await submitKey(url, page, undefined, fromTheForm(office));
		const cookie = String(sent.headers['set-cookie']).split(';')[0];
		const entry = readdirSync(join(PROJECT_ROOT, 'build/client/_app/immutable/entry'))[0];
		const paths = [
			'/',
			'/sheet/abc',
			'/manifest.webmanifest',
			'/service-worker.js',
			`/_app/immutable/entry/${entry}`,
			'/healthz',
			'/no/such/page'
		];
		const asked: [string, Record<string, string>][] = [];
		for (const path of paths) {
			asked.push([path, { host: office, cookie, accept: PAGE_ACCEPT }]);
			asked.push([path, { host: office, accept: PAGE_ACCEPT }]);
			asked.push([path, { host: '127.0.0.1', accept: PAGE_ACCEPT }]);
		}
		asked.push(['/', { host: 'unknown.example' }]);
		for (const [path, headers] of asked) {
			const answer = await get(`${url}${path}`, headers);
			expect(answer.headers['x-content-type-options'], `${path} ${JSON.stringify(headers)}`).toBe(
				'nosniff'
			);
		}
	});

	it('a program (curl) opening the link gets the form; it sends the form for the cookie', async () => {
		// `curl 'http://…/?key=…'` was answered «Ключ пришёл со страницы другого сайта» (403).
		const { url, office, key } = await onTheNetwork();
		const curl = { host: office, accept: '*/*', 'user-agent': 'curl/8.5.0' };
		const link = await get(`${url}/?key=${key}`, curl);
		expect(link.status).toBe(200);
		expect(link.body).toContain('Ключ из ссылки подставлен');
		expect(link.body).not.toContain('другого сайта');
		// `curl -c cookies -d key=… http://…/`, then `curl -b cookies http://…/sheet/…`.
		const sent = await send(
			`${url}/`,
			'POST',
			{ ...curl, 'content-type': 'application/x-www-form-urlencoded' },
			`key=${key}`
		);
		expect(sent.status).toBe(303);
		const cookie = (sent.headers['set-cookie']?.[0] ?? '').split(';')[0];
		expect((await get(`${url}/sheet/abc`, { ...curl, cookie })).status).toBe(404);
	});

	it('the key typed in the form brings her back to the page she opened, not the home page', async () => {
		const { url, office, key } = await onTheNetwork();
		// A colleague sent her the address of a list; her browser has no key yet.
		const asked = await get(`${url}/sheet/abc?lang=en`, { host: office });
		expect(asked.status).toBe(401);
		const wrong = await submitKey(url, asked, 'aaaa-bbbb-cccc-dddd', { host: office });
		expect(wrong.status).toBe(401);
		expect(wrong.body).toContain('Ключ не подошёл');
		const typed = await submitKey(url, wrong, ` ${key.toUpperCase()} `, { host: office });
		expect(typed.status).toBe(303);
		expect(typed.headers.location).toBe('/sheet/abc?lang=en');
		const cookie = (typed.headers['set-cookie']?.[0] ?? '').split(';')[0];
		expect(cookie).toBe(`${ACCESS_COOKIE}=${accessCookieValue(key)}`);
		expect((await get(`${url}/sheet/abc?lang=en`, { host: office, cookie })).status).toBe(404);

		// A wrong key in a link to a list: the form there still goes back to the list.
		const link = await get(`${url}/sheet/abc?key=wrong-key-1`, { host: office });
		const mistaken = await submitKey(url, link, undefined, { host: office });
		expect(mistaken.status).toBe(401);
		const fixed = await submitKey(url, mistaken, key, { host: office });
		expect(fixed.headers.location).toBe('/sheet/abc');
	});

	it('the form sends her back only within this site', async () => {
		const { url, office, key } = await onTheNetwork();
		const home = await get(`${url}/`, { host: office });
		const to = /name="to" value="([^"]*)"/.exec(home.body)?.[1];
		expect(to).toBe('/');
		const backTo = async (target: string) => {
			const answer = await send(
				`${url}/`,
				'POST',
				{ host: office, 'content-type': 'application/x-www-form-urlencoded' },
				new URLSearchParams({ key, to: target }).toString()
			);
			expect(answer.status, target).toBe(303);
			return answer.headers.location;
		};
		for (const hostile of [
			'//evil.example/x',
			'/\\evil.example/x',
			'/\t/evil.example',
			'/a/..//evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'evil.example',
			''
		])
			expect(await backTo(hostile), hostile).toBe('/');
		expect(await backTo('/sheet/abc?view=мои&key=k7mp')).toBe(
			`/sheet/abc?view=${encodeURIComponent('мои')}`
		);
	});

	it('the relay lets a colleague’s browser in only with the key; Node clients and pages on this computer need none', async () => {
		const { running, office, key } = await onTheNetwork();
		const ws = `ws://127.0.0.1:${running.port}/sync/sheet:residents`;
		const page = { host: office, origin: `http://${office}` };
		expect(await upgrade(ws, page)).toEqual({ status: 403, leaked: false });
		expect(
			await upgrade(ws, {
				...page,
				cookie: `${ACCESS_COOKIE}=${encodeURIComponent('not-the-key-at-all')}`
			})
		).toEqual({ status: 403, leaked: false });
		expect(
			await upgrade(ws, { ...page, cookie: `other=1; ${ACCESS_COOKIE}=${accessCookieValue(key)}` })
		).toEqual({
			status: 101,
			leaked: true
		});
		// The coordinator's own page on this computer, and a client that is not a browser here.
		const local = `127.0.0.1:${running.port}`;
		expect((await upgrade(ws, { host: local, origin: `http://${local}` })).status).toBe(101);
		expect((await upgrade(ws, {})).status).toBe(101);
	});

	it('a WebSocket refused again and again (a loop on another computer, a page whose key was changed) is written to the log once per address, and how often, later', async () => {
		// Every refused upgrade wrote its line: a script on another computer, or the page of an
		// operator whose key was changed reconnecting every few seconds, filled the log.
		const { running, office, log } = await onTheNetwork();
		const ws = `ws://127.0.0.1:${running.port}/sync/sheet:residents`;
		const page = { host: office, origin: `http://${office}` };
		// 22: the summary says 21, which Russian writes in the singular («ещё 21 отказ»).
		const times = 22;
		for (let i = 0; i < times; i++) {
			expect(await upgrade(ws, page)).toEqual({ status: 403, leaked: false });
			expect(await upgrade(ws, { host: office, origin: 'https://evil.example' })).toEqual({
				status: 403,
				leaked: false
			});
			expect((await upgrade(`ws://127.0.0.1:${running.port}/sync/%zz`, page)).status).toBe(400);
		}
		expect(log.warnings('access denied (403)')).toHaveLength(1);
		expect(log.warnings('https://evil.example')).toHaveLength(1);
		expect(log.warnings('invalid room')).toHaveLength(1);
		// Shtab stopped (or the ten minutes over): how many more, in one line.
		await running.close();
		const said = log.warnings('за 10 минут');
		expect(said).toHaveLength(1);
		expect(said[0].message).toContain('ещё 21 отказ без ключа доступа (403)');
		expect(said[0].message).toContain('ещё 21 отказ странице другого сайта (403)');
		expect(said[0].message).toContain('ещё 21 неверное имя списка (400)');
		expect(said[0].message).toContain('21 more access denied (403)');
		expect(said[0].message).toContain('21 more invalid rooms (400)');
	});

	it('the health check answers without the key and tells whether this browser has it', async () => {
		const { url, office, key } = await onTheNetwork();
		const without = await get(`${url}/healthz`, { host: office });
		expect(without.status).toBe(200);
		// Not even how many rooms are open or operators at work.
		expect(JSON.parse(without.body)).toEqual({ ok: true, access: false });
		const withKey = await get(`${url}/healthz`, {
			host: office,
			cookie: `${ACCESS_COOKIE}=${accessCookieValue(key)}`
		});
		expect(JSON.parse(withKey.body)).toMatchObject({ ok: true, access: true });
	});

	it(`after ${MAX_WRONG} wrong keys an address waits, even with the right one`, async () => {
		const { url, office, key, log } = await onTheNetwork();
		for (let i = 0; i < MAX_WRONG; i++) {
			expect((await sendKey(url, office, `wrong-${i}`)).status).toBe(401);
		}
		const blocked = await sendKey(url, office, key);
		expect(blocked.status).toBe(429);
		expect(blocked.body).toContain('Подождите 10 минут');
		expect(blocked.headers['set-cookie']).toBeUndefined();
		// The link says so at once, the key filled in for later.
		const link = await get(`${url}/?key=${key}`, { host: office });
		expect(link.status).toBe(429);
		expect(link.body).toContain('Подождите 10 минут');
		expect(link.body).toContain(`value="${key}"`);
		expect(log.warnings('wrong access key')).toHaveLength(MAX_WRONG);
	});

	it('behind one office address, a colleague letting herself in gives a guesser there no fresh tries; her own typos in her form are forgiven', async () => {
		// An office of volunteers behind one NAT address: every request comes from it. A right key
		// wiped the address's count of wrong keys, so a guesser there got ten fresh tries each time a
		// colleague signed in: guessing without end.
		const { url, office, key, log } = await onTheNetwork();
		/** A colleague opens the key's page, types `typos` wrong, then the key. */
		const colleague = async (typos: string[]) => {
			let page = await get(`${url}/`, { host: office, accept: PAGE_ACCEPT });
			for (const typo of typos) {
				page = await submitKey(url, page, typo, fromTheForm(office));
				expect(page.status, typo).toBe(401);
				expect(page.body).toContain('Ключ не подошёл');
			}
			const sent = await submitKey(url, page, key, fromTheForm(office));
			expect(sent.status).toBe(303);
			expect(sent.headers['set-cookie']?.[0]).toContain(ACCESS_COOKIE);
		};
		// The guesser (a program: no form of the server's) spends all but three of the ten.
		let guesses = 0;
		const guess = () => sendKey(url, office, `guess-${guesses++}`);
		for (let i = 0; i < MAX_WRONG - 3; i++) expect((await guess()).status).toBe(401);
		// Анна types the key wrong twice (two tries left), then right: let in, her typos forgiven.
		// (A first letter changed to another: the random key may begin with «z» itself.)
		await colleague([key.replace(/^./, (c) => (c === 'z' ? 'y' : 'z')), key.slice(0, -1)]);
		// Борис lets himself in at once.
		await colleague([]);
		// The guesser has the three it had left, not ten new ones; then the address waits.
		for (let i = 0; i < 3; i++) expect((await guess()).status, String(i)).toBe(401);
		const refused = await guess();
		expect(refused.status).toBe(429);
		expect(refused.body).toContain('Подождите 10 минут');
		expect(log.warnings(' told to wait (429)')).toHaveLength(1);
		// New browsers there wait too, as after any ten wrong keys (those holding the key go on).
		expect((await sendKey(url, office, key)).status).toBe(429);
	});

	it('wrong keys from her address (a colleague behind the same proxy, an old browser made to load them) do not shut out her page', async () => {
		const { running, url, office, key } = await onTheNetwork();
		const typed = await sendKey(url, office, key);
		const cookie = (typed.headers['set-cookie']?.[0] ?? '').split(';')[0];
		// Ten wrong keys from the same address: every operator behind a proxy on this computer
		// comes from 127.0.0.1.
		for (let i = 0; i < MAX_WRONG; i++)
			expect((await sendKey(url, office, `wrong-${i}`)).status).toBe(401);
		expect((await sendKey(url, office, key)).status).toBe(429);
		// Her browser, holding the key, goes on working.
		expect((await get(`${url}/sheet/abc`, { host: office, cookie })).status).toBe(404);
		const ws = `ws://127.0.0.1:${running.port}/sync/sheet:residents`;
		expect(await upgrade(ws, { host: office, origin: `http://${office}`, cookie })).toEqual({
			status: 101,
			leaked: true
		});
		expect(JSON.parse((await get(`${url}/healthz`, { host: office, cookie })).body)).toMatchObject({
			access: true
		});
	});

	it('a page of another site cannot spend the office’s wrong keys (login CSRF): its keys are not checked, nor counted', async () => {
		// A hostile page an operator opens sends the key form ten times from her browser: the
		// office's address was then told to wait ten minutes, and nobody there could type the key.
		// (A link with the key, opened by anyone, is not checked at all: the test before.)
		const { url, office, key, log } = await onTheNetwork();
		const form = { host: office, 'content-type': 'application/x-www-form-urlencoded' };
		const hostile: Record<string, string>[] = [
			{ ...form, 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
			{ ...form, 'sec-fetch-site': 'same-site', origin: 'http://192.168.1.20:8080' },
			// A browser without Sec-Fetch-Site still says whose page sent the form.
			{ ...form, origin: 'http://evil.example' },
			{ ...form, origin: 'null' }
		];
		for (const headers of hostile) {
			for (let i = 0; i < MAX_WRONG; i++) {
				const wrong = `wrong-${i}`;
				const answer = await send(
					`${url}/`,
					'POST',
					headers,
					new URLSearchParams({ key: wrong, to: '/' }).toString()
				);
				expect(answer.status, JSON.stringify(headers)).toBe(403);
				expect(answer.body).toContain('Ключ пришёл со страницы другого сайта');
			}
			// The right key from there is not checked either: no cookie (no way to guess from there).
			const right = await send(
				`${url}/`,
				'POST',
				headers,
				new URLSearchParams({ key, to: '/' }).toString()
			);
			expect(right.status).toBe(403);
			expect(right.headers['set-cookie']).toBeUndefined();
		}
		expect(log.warnings('wrong access key')).toHaveLength(0);

		// An operator at that address types the key into the form (her browser says it is the
		// page's own): let in.
		const page = await get(`${url}/sheet/abc`, { host: office, 'sec-fetch-site': 'none' });
		const typed = await submitKey(url, page, key, {
			host: office,
			'sec-fetch-site': 'same-origin',
			origin: `http://${office}`
		});
		expect(typed.status).toBe(303);
		expect(typed.headers.location).toBe('/sheet/abc');
		const oldBrowser = await submitKey(url, page, key, {
			host: office,
			origin: `http://${office}`
		});
		expect(oldBrowser.status).toBe(303);

		// Wrong keys sent as the page's own (or by a program, which sends none of these headers)
		// are counted as before: hiding where they come from does not buy more guesses.
		for (let i = 0; i < MAX_WRONG; i++)
			expect((await submitKey(url, page, `guess-${i}`, { host: office })).status).toBe(401);
		expect((await submitKey(url, page, key, { host: office })).status).toBe(429);
	});

	it('the key is kept in the data folder, for its owner only, and is the same after a restart', async () => {
		const dataDir = await harness.tempDir();
		const first = await onTheNetwork({ dataDir });
		const file = join(dataDir, ACCESS_KEY_FILE);
		expect((await stat(file)).mode & 0o077).toBe(0);
		await first.running.close();
		const second = await onTheNetwork({ dataDir });
		expect(second.key).toBe(first.key);
	});

	it('a link’s form opened before a restart is still the link’s after it: its keys spend the links’ share, not the typed keys’', async () => {
		// A hostile page opens `/?key=WRONG` in tabs; Shtab is restarted (the laptop, an update);
		// she presses Enter in those tabs. The mark of a link's key was made with a secret drawn at
		// each start, so after it the marks matched no more and those keys counted as typed ones:
		// ten of them told her address to wait, and nobody there could type the key.
		const dataDir = await harness.tempDir();
		const first = await onTheNetwork({ dataDir });
		const tabs: Answer[] = [];
		for (let i = 0; i < MAX_WRONG; i++) {
			const tab = await get(`${first.url}/?key=wrong-${i}`, { host: first.office });
			expect(tab.status).toBe(200);
			tabs.push(tab);
		}
		await first.running.close();
		const second = await onTheNetwork({ dataDir });
		expect(second.key).toBe(first.key);
		const form = fromTheForm(second.office);
		const pressed = [];
		for (const tab of tabs) pressed.push(await submitKey(second.url, tab, undefined, form));
		expect(pressed.map((answer) => answer.status)).toEqual([
			...Array(MAX_LINK_WRONG).fill(401),
			...Array(MAX_WRONG - MAX_LINK_WRONG).fill(429)
		]);
		expect(pressed[0].body).toContain('Ключ из ссылки не подошёл');
		expect(pressed.at(-1)?.body).toContain('ключ из ссылки не подставляется');
		// The keys she types keep their share: the right one lets her in.
		const page = await get(`${second.url}/`, { host: second.office });
		const typed = await submitKey(second.url, page, second.key, form);
		expect(typed.status).toBe(303);
		expect(typed.headers['set-cookie']?.[0]).toContain(ACCESS_COOKIE);
	});

	it('a link’s mark gives nobody a way to test keys offline: it is made with a secret kept in the data folder, not from the key alone', async () => {
		// Anyone who reaches the port gets a link's form with `GET /?key=x`: not checked, not
		// counted. Its mark was HMAC(HMAC(key, 'link-marker'), 'x'), made from the key alone, so he
		// could try a human-chosen ACCESS_KEY against it on his own computer (a dictionary, millions
		// a second), never told to wait.
		const accessKey = 'Штаб-Калининский-2026';
		const linkMark = async (dataDir: string) => {
			const running = await harness.start({ host: '0.0.0.0', accessKey, dataDir });
			const page = await get(`${running.url}/?key=x`, { host: `192.168.1.20:${running.port}` });
			expect(page.status).toBe(200);
			const mark = /name="link" value="([^"]+)"/.exec(page.body)?.[1];
			await running.close();
			return mark;
		};
		const dataDir = await harness.tempDir();
		const mark = await linkMark(dataDir);
		expect(mark).toMatch(/^[\w-]{43}$/);
		// His guess at the right key, as the server used to make the mark.
		const normalized = accessKey.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
		const secret = createHmac('sha256', normalized).update('link-marker').digest();
		expect(createHmac('sha256', secret).update('x').digest('base64url')).not.toBe(mark);
		// The same key on another data folder marks the same link otherwise: the mark depends on
		// what only the server holds. The secret is its owner's only, and the same after a restart.
		expect(await linkMark(await harness.tempDir())).not.toBe(mark);
		expect((await stat(join(dataDir, LINK_SECRET_FILE))).mode & 0o077).toBe(0);
		expect(await linkMark(dataDir)).toBe(mark);
	});

	it('a key file written by hand that others may read (644) is made its owner’s only at start, and the log says so', async () => {
		// Her editor (or `echo … > access-key`) leaves the file readable by every user of the
		// computer: any of them could read the key and open every list from another laptop.
		const dataDir = await harness.tempDir();
		const file = join(dataDir, ACCESS_KEY_FILE);
		await writeFile(file, 'штаб-калининский-2026\n');
		await chmod(file, 0o644);
		const first = await onTheNetwork({ dataDir });
		expect(first.key).toBe('штаб-калининский-2026');
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		const told = first.log.warnings(file);
		expect(told).toHaveLength(1);
		expect(told[0].message).toContain(
			'могли читать другие пользователи этого компьютера (права 644)'
		);
		expect(told[0].message).toContain('(права 600)');
		expect(told[0].message).toContain("it is now its owner's only (mode 600)");
		expect(await readFile(file, 'utf8')).toBe('штаб-калининский-2026\n');
		await first.running.close();
		// Said once: the next start finds it so.
		const second = await onTheNetwork({ dataDir });
		expect(second.log.warnings(file)).toHaveLength(0);
	});

	it('a link secret file others may read (644) is made its owner’s only at start too (found in review)', async () => {
		// Copied in from a backup or by hand with loose rights, it stayed so: whoever reads it can
		// mark a typed key as a link's.
		const dataDir = await harness.tempDir();
		const first = await onTheNetwork({ dataDir });
		await first.running.close();
		const file = join(dataDir, LINK_SECRET_FILE);
		const secret = await readFile(file, 'utf8');
		await chmod(file, 0o644);
		const second = await onTheNetwork({ dataDir });
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect(await readFile(file, 'utf8')).toBe(secret);
		const told = second.log.warnings(file);
		expect(told).toHaveLength(1);
		expect(told[0].message).toContain(
			`файл секрета ссылок ${file} могли читать другие пользователи этого компьютера (права 644)`
		);
		expect(told[0].message).toContain(`the link secret file ${file} was readable`);
		await second.running.close();
	});

	it('a key file that is a link to another file has that file’s rights told, never changed', async () => {
		// The chmod followed the link: whoever could put `access-key` there (a shared or mounted
		// data folder) had the server's user — root in a container — make any of its files
		// unreadable to everyone else (/etc/passwd: nobody could log in), and the log named only
		// `access-key`.
		const dataDir = await harness.tempDir();
		const elsewhere = join(await harness.tempDir(), 'shared.txt');
		await writeFile(elsewhere, 'штаб-калининский-2026\n');
		await chmod(elsewhere, 0o644);
		const file = join(dataDir, ACCESS_KEY_FILE);
		await symlink(elsewhere, file);
		const running = await onTheNetwork({ dataDir });
		expect(running.key).toBe('штаб-калининский-2026');
		expect((await stat(elsewhere)).mode & 0o777).toBe(0o644);
		expect((await lstat(file)).isSymbolicLink()).toBe(true);
		const told = running.log.warnings(file);
		expect(told).toHaveLength(1);
		expect(told[0].message).toContain(`ссылка на файл ${elsewhere}`);
		expect(told[0].message).toContain('(права 644)');
		expect(told[0].message).toContain(`chmod 600 ${elsewhere}`);
		expect(told[0].message).not.toContain('теперь он только для владельца');
	});

	it('a key file on a drive that keeps no Unix rights (an NTFS or FAT stick) is not said to be closed', async (context) => {
		// The chmod is taken there and changes nothing: the log said «теперь он только для
		// владельца» at every start while every user of the computer could still read the key.
		const tools = ['mkntfs', 'ntfs-3g'].every((tool) => spawnSync('which', [tool]).status === 0);
		context.skip(
			process.getuid?.() !== 0 || !tools || !existsSync('/dev/fuse'),
			'needs root, FUSE and ntfs-3g, to mount an NTFS drive'
		);
		const drive = await harness.tempDir();
		const image = join(drive, 'stick.img');
		await writeFile(image, '');
		await truncate(image, 16 * 1024 * 1024);
		execFileSync('mkntfs', ['-F', '-Q', '-q', image], { stdio: 'ignore' });
		const dataDir = join(drive, 'mounted');
		await mkdir(dataDir);
		execFileSync('ntfs-3g', [image, dataDir]);
		const started: { close: () => Promise<void> }[] = [];
		try {
			const file = join(dataDir, ACCESS_KEY_FILE);
			await writeFile(file, 'штаб-калининский-2026\n');
			for (let start = 0; start < 2; start++) {
				const running = await onTheNetwork({ dataDir });
				started.push(running.running);
				expect(running.key).toBe('штаб-калининский-2026');
				expect((await stat(file)).mode & 0o077).not.toBe(0);
				const told = running.log.warnings(file);
				expect(told).toHaveLength(1);
				expect(told[0].message).toContain('Штаб не может это изменить');
				expect(told[0].message).toContain('FAT');
				expect(told[0].message).not.toContain('теперь он только для владельца');
				await running.running.close();
			}
		} finally {
			harness.closeClients();
			await Promise.all(started.map((server) => server.close()));
			execFileSync('umount', [dataDir]);
		}
	});

	it('a key file of another user that others may read is left as it is, and the log says what to do', async (context) => {
		context.skip(process.getuid?.() !== 0, 'needs root, to give the file to another user');
		const dataDir = await harness.tempDir();
		const file = join(dataDir, ACCESS_KEY_FILE);
		await writeFile(file, 'штаб-калининский-2026\n');
		await chmod(file, 0o644);
		await chown(file, 65534, 65534);
		const running = await onTheNetwork({ dataDir });
		expect(running.key).toBe('штаб-калининский-2026');
		expect((await stat(file)).mode & 0o777).toBe(0o644);
		const told = running.log.warnings(file);
		expect(told).toHaveLength(1);
		expect(told[0].message).toContain(
			'могут читать другие пользователи этого компьютера (права 644)'
		);
		expect(told[0].message).toContain(`chmod 600 ${file}`);
	});

	it('a key file written by hand too short stops the start, saying which file and the rule; the file is kept', async () => {
		// The coordinator put her own key in the file; one too short was replaced by a random key
		// without a word, and every link she had given out stopped working.
		const dataDir = await harness.tempDir();
		const file = join(dataDir, ACCESS_KEY_FILE);
		await writeFile(file, 'штаб-2026\n');
		const child = harness.spawnChild({ HOST: '0.0.0.0', DATA_DIR: dataDir });
		let code: number | null | 'listening' = null;
		void child.exited.then((c) => (code ??= c));
		await waitFor(() => {
			if (code === null && child.output().includes('listening on')) code = 'listening';
			return code !== null;
		}, 'the server to exit or listen');
		expect(code).toBe(1);
		const output = child.output();
		expect(output).toContain(`[server] ключ доступа в файле ${file} слишком короткий`);
		expect(output).toContain('не меньше 12 букв и цифр');
		expect(output).toContain(`the access key in ${file} is too short`);
		expect(output).toContain('at least 12 letters and digits');
		expect(output).not.toMatch(/^\s+at /m);
		expect(await readFile(file, 'utf8')).toBe('штаб-2026\n');

		// In process, too: the error says so, and the data folder is let go (a start after works).
		const error = await harness.start({ host: '0.0.0.0', dataDir }).catch((e: unknown) => e);
		expect(explainStartupError(error, { port: 0, host: '0.0.0.0', dataDir: dataDir })).toContain(
			`ключ доступа в файле ${file} слишком короткий`
		);
		await writeFile(file, 'штаб-калининский-2026\n');
		expect((await harness.start({ host: '0.0.0.0', dataDir })).accessKey).toBe(
			'штаб-калининский-2026'
		);
	});

	it('a start stopped while writing a new key (a full disk) leaves no empty key file behind', async () => {
		// Writing the new key stops at its first byte, as on a full disk or a power cut: here no
		// byte may be written (`ulimit -f 0`), so the write fails (EFBIG) after the file is made.
		const dataDir = await harness.tempDir();
		const access = join(PROJECT_ROOT, 'server/access.js');
		const script = `import { storedAccessKey } from ${JSON.stringify(access)}; await storedAccessKey(${JSON.stringify(dataDir)});`;
		const child = spawn('sh', [
			'-c',
			'ulimit -f 0; exec "$0" --input-type=module -e "$1"',
			process.execPath,
			script
		]);
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
		expect(stderr).toContain('EFBIG');
		const file = join(dataDir, ACCESS_KEY_FILE);
		// No key file, or a whole one: never an empty or cut one.
		const left = await readFile(file, 'utf8').catch(() => null);
		expect(left === null || /^[a-z2-9]{4}(-[a-z2-9]{4}){3}\n$/.test(left), String(left)).toBe(true);

		// A start killed outright leaves its temporary file, not the key file.
		await writeFile(join(dataDir, `${ACCESS_KEY_FILE}.tmp-0a1b2c`), '');
		// The next start makes the key, for the owner only, and nothing else is left in the folder.
		const running = await onTheNetwork({ dataDir });
		expect(await readFile(file, 'utf8')).toBe(running.key + '\n');
		expect((await stat(file)).mode & 0o077).toBe(0);
		expect((await readdir(dataDir)).filter((name) => name.startsWith(ACCESS_KEY_FILE))).toEqual([
			ACCESS_KEY_FILE
		]);
	});

	it('an empty key file (a first start of an older version cut short) gets a new key, not a refusal to start', async () => {
		// Before the key was written whole, a full disk or a power cut at the first start left the
		// file empty. Nobody writes an empty key by hand: the start must not stop on it, telling
		// her the key is too short, until someone deletes the file.
		for (const left of ['', '  \n']) {
			const dataDir = await harness.tempDir();
			const file = join(dataDir, ACCESS_KEY_FILE);
			await writeFile(file, left);
			const running = await onTheNetwork({ dataDir });
			expect(running.key).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
			expect(await readFile(file, 'utf8')).toBe(running.key + '\n');
			expect((await stat(file)).mode & 0o077).toBe(0);
			await running.running.close();
		}
	});

	it('a proxy on this computer passing the office’s name (ALLOWED_HOSTS) needs the key too', async () => {
		const running = await harness.start({ allowedHosts: ['shtab.hq.local'] });
		expect(running.accessKey).not.toBeNull();
		const url = running.url;
		const named = `shtab.hq.local:${running.port}`;
		expect((await get(`${url}/`, { host: named })).status).toBe(401);
		expect(
			(
				await get(`${url}/`, {
					host: named,
					cookie: `${ACCESS_COOKIE}=${accessCookieValue(running.accessKey as string)}`
				})
			).status
		).toBe(404);
	});

	it('ALLOWED_HOSTS=* always asks for the key: a DNS-rebinding site gets no list under its name; the log says what it can still do', async () => {
		// `*` lets a page in under any name, so a site whose name points at this computer (DNS
		// rebinding) is "the same site" here: its forms are not told from the office's own.
		for (const host of ['0.0.0.0', '127.0.0.1']) {
			const { running, url, log } = await onTheNetwork({ host, allowedHosts: ['*'] });
			expect(running.accessKey, host).not.toBeNull();
			const rebound = `rebind.evil.example:${running.port}`;
			const page = await get(`${url}/`, { host: rebound, accept: PAGE_ACCEPT });
			expect(page.status, host).toBe(401);
			expect(page.body).not.toContain(RESIDENT);
			const ws = `ws://127.0.0.1:${running.port}/sync/sheet:residents`;
			expect(await upgrade(ws, { host: rebound, origin: `http://${rebound}` })).toEqual({
				status: 403,
				leaked: false
			});
			// What it can do: spend the wrong keys of the address of an operator who opens it.
			const warned = log.warnings('ALLOWED_HOSTS=*');
			expect(warned, host).toHaveLength(1);
			expect(warned[0].message).toContain('DNS rebinding');
			expect(warned[0].message).toContain('Перечислите имена');
			await running.close();
		}
		// A list of names says nothing of the kind.
		const { log } = await onTheNetwork({ allowedHosts: ['shtab.hq.local'] });
		expect(log.warnings('ALLOWED_HOSTS')).toHaveLength(0);
	});

	it('a proxy on this computer that rewrites Host to 127.0.0.1 does not pass for this computer', async () => {
		// nginx's default is `proxy_set_header Host $proxy_host`: an office laptop's request reaches
		// the server from 127.0.0.1 with `Host: 127.0.0.1:3000`, and took the lists without the key.
		const { running, key } = await onTheNetwork();
		const local = `127.0.0.1:${running.port}`;
		const url = `http://${local}`;
		const ws = `ws://${local}/sync/sheet:residents`;
		const proxies: Record<string, string>[] = [
			{ 'x-forwarded-for': '192.168.1.7' },
			{ 'x-real-ip': '192.168.1.7' },
			{ forwarded: 'for=192.168.1.7;proto=http' },
			{ 'x-forwarded-host': 'shtab.hq.local' },
			{ via: '1.1 shtab-proxy' }
		];
		for (const proxied of proxies) {
			expect((await get(`${url}/`, { host: local, ...proxied })).status).toBe(401);
			expect(JSON.parse((await get(`${url}/healthz`, { host: local, ...proxied })).body)).toEqual({
				ok: true,
				access: false
			});
			expect(await upgrade(ws, { host: local, ...proxied })).toEqual({
				status: 403,
				leaked: false
			});
			expect(
				(
					await upgrade(ws, {
						host: local,
						...proxied,
						cookie: `${ACCESS_COOKIE}=${accessCookieValue(key)}`
					})
				).status
			).toBe(101);
		}
		// This computer's own page, with no proxy between, still needs none.
		expect((await get(`${url}/`, { host: local })).status).toBe(404);
	});

	it('behind a reverse proxy (TRUSTED_PROXIES), wrong keys count per client the proxy names, and a client that reaches the port directly cannot name another', async () => {
		// nginx on this computer: every request comes from 127.0.0.1. Ten wrong keys from anyone
		// who reached the proxy told everyone behind it to wait ten minutes, the right key too.
		const { running, url, office, key, log } = await onTheNetwork({
			trustedProxies: ['127.0.0.1', '::1']
		});
		const form = (client: string) => ({
			host: office,
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': client
		});
		const body = (given: string) => new URLSearchParams({ key: given, to: '/' }).toString();
		const hostile = '192.168.1.66';
		for (let i = 0; i < MAX_WRONG; i++)
			expect((await send(`${url}/`, 'POST', form(hostile), body(`wrong-${i}`))).status).toBe(401);
		expect((await send(`${url}/`, 'POST', form(hostile), body(key))).status).toBe(429);
		// It cannot pass for another through the proxy: nginx adds the address it sees at the right.
		expect(
			(await send(`${url}/`, 'POST', form(`192.168.1.31, ${hostile}`), body(key))).status
		).toBe(429);
		// Анна, behind the same proxy, types the key: let in.
		const anna = await send(`${url}/`, 'POST', form('192.168.1.31'), body(key));
		expect(anna.status).toBe(303);
		expect(anna.headers['set-cookie']?.[0]).toContain(ACCESS_COOKIE);
		// The link's form she opens says nothing of waiting either.
		const link = await get(`${url}/?key=${key}`, {
			host: office,
			'x-forwarded-for': '192.168.1.32'
		});
		expect(link.status).toBe(200);
		// The log names the client, not the proxy.
		expect(log.warnings(`${hostile}: a wrong access key`)).toHaveLength(MAX_WRONG);
		expect(log.warnings('127.0.0.1: a wrong access key')).toHaveLength(0);

		// A client reaching the port itself (127.0.0.2: not the proxy) and writing the header to
		// pass for a new address at each try is counted at its own address.
		for (let i = 0; i < MAX_WRONG; i++) {
			const forged = await send(
				`${url}/`,
				'POST',
				form(`10.0.0.${i}`),
				body(`guess-${i}`),
				'127.0.0.2'
			);
			expect(forged.status).toBe(401);
		}
		expect((await send(`${url}/`, 'POST', form('10.0.0.99'), body(key), '127.0.0.2')).status).toBe(
			429
		);
		expect(log.warnings('127.0.0.2: a wrong access key')).toHaveLength(MAX_WRONG);
		expect(log.warnings('10.0.0.')).toHaveLength(0);

		// The relay's refusals are told per client too: two operators whose key was changed, behind
		// the proxy, are two lines, not one.
		const ws = `ws://127.0.0.1:${running.port}/sync/sheet:residents`;
		for (const client of ['192.168.1.41', '192.168.1.42', '192.168.1.41']) {
			expect(
				await upgrade(ws, { host: office, origin: `http://${office}`, 'x-forwarded-for': client })
			).toEqual({ status: 403, leaked: false });
		}
		const denied = log.warnings('access denied (403)');
		expect(denied.map((line) => /192\.168\.1\.4\d/.exec(line.message)?.[0])).toEqual([
			'192.168.1.41',
			'192.168.1.42'
		]);
	});

	it('without TRUSTED_PROXIES, X-Forwarded-For changes nobody’s address', async () => {
		const { url, office, key } = await onTheNetwork();
		for (let i = 0; i < MAX_WRONG; i++) {
			const answer = await send(
				`${url}/`,
				'POST',
				{
					host: office,
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': `10.0.0.${i}`
				},
				new URLSearchParams({ key: `wrong-${i}`, to: '/' }).toString()
			);
			expect(answer.status).toBe(401);
		}
		expect((await sendKey(url, office, key)).status).toBe(429);
		expect(() => readConfig({ TRUSTED_PROXIES: '127.0.0.1, nginx' })).toThrow(/TRUSTED_PROXIES/);
		expect(readConfig({ TRUSTED_PROXIES: '127.0.0.1, ::1' }).trustedProxies).toEqual([
			'127.0.0.1',
			'::1'
		]);
		expect(readConfig({}).trustedProxies).toEqual([]);
	});

	it('ACCESS_KEY sets the key; one too short stops the start with what to do', async () => {
		const running = await harness.start({ host: '0.0.0.0', accessKey: 'Штаб-Калининский-2026' });
		expect(running.accessKey).toBe('Штаб-Калининский-2026');
		const office = `192.168.1.20:${running.port}`;
		const url = `http://127.0.0.1:${running.port}`;
		expect((await sendKey(url, office, 'штаб калининский 2026')).status).toBe(303);

		let error: unknown = null;
		try {
			readConfig({ ACCESS_KEY: 'abc-123' });
		} catch (e) {
			error = e;
		}
		expect(explainStartupError(error, null)).toMatch(/ACCESS_KEY must have at least 12/);
	});

	it('a start that fails (the port taken) leaves no timer running: the wrong keys’ minute sweep is stopped too', async () => {
		// A program that starts Shtab in its own process (the tests, a service wrapper retrying a
		// taken port) kept a sweep each minute of every failed start's wrong keys, for good.
		const first = await harness.start({ host: '0.0.0.0' });
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		try {
			await expect(harness.start({ host: '0.0.0.0', port: first.port })).rejects.toThrow(
				/EADDRINUSE/
			);
			expect(vi.getTimerCount()).toBe(0);
		} finally {
			vi.useRealTimers();
		}
	});

	it('with the default HOST nothing asks for a key and no key is made', async () => {
		const dataDir = await harness.tempDir();
		const running = await harness.start({ dataDir });
		expect(running.accessKey).toBeNull();
		await expect(stat(join(dataDir, ACCESS_KEY_FILE))).rejects.toThrow(/ENOENT/);
		// An office address in `Host` (an IP literal, no setting) is let in as before.
		const page = await get(`${running.url}/`, { host: `192.168.1.20:${running.port}` });
		expect(page.status).toBe(404);
	});
});
