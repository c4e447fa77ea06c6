/**
 * The access key's rules (`server/access.js`) that the integration and browser tests do not
 * reach in reasonable time: when a key is needed at all, the key's form, the cookie header read
 * by hand, and the wait after wrong keys ending after its ten minutes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
	MAX_WRONG,
	WRONG_WINDOW_MS,
	accessCookieValue,
	accessKeyNeeded,
	cookieValue,
	createAccess,
	fromAnotherSite,
	newAccessKey,
	normalizeKey,
	readAccessKeySetting
} from '../../server/access.js';

/** A request as Node's server gives it, with only what `createAccess` reads. */
function request(url: string, host: string, from = '192.168.1.31', cookie?: string) {
	return {
		url,
		headers: { host, ...(cookie ? { cookie } : {}) },
		socket: { remoteAddress: from }
	} as unknown as IncomingMessage;
}

/** The key form sent (`POST /`) as a program sends it: no `Origin`, so checked and counted. */
function post(key: string, host: string, from = '192.168.1.31', cookie?: string) {
	const body = Buffer.from(new URLSearchParams({ key, to: '/' }).toString());
	return {
		url: '/',
		method: 'POST',
		headers: { host, ...(cookie ? { cookie } : {}) },
		socket: { remoteAddress: from },
		async *[Symbol.asyncIterator]() {
			yield body;
		}
	} as unknown as IncomingMessage;
}

/**
 * The key form of `page` sent as her browser sends it: its hidden fields as the page set them, and
 * the key in its field (left out: the key the link filled in, as she presses «Войти»).
 */
function postForm(page: string, key?: string, from = '192.168.1.31') {
	const fields = new URLSearchParams();
	for (const [input] of page.matchAll(/<input\b[^>]*>/g)) {
		const name = /\bname="([^"]*)"/.exec(input)?.[1];
		const value = /\bvalue="([^"]*)"/.exec(input)?.[1] ?? '';
		if (!name) continue;
		fields.append(name, name === 'key' && key !== undefined ? key : value);
	}
	const body = Buffer.from(fields.toString());
	return {
		url: '/',
		method: 'POST',
		headers: { host: '192.168.1.20:3000' },
		socket: { remoteAddress: from },
		async *[Symbol.asyncIterator]() {
			yield body;
		}
	} as unknown as IncomingMessage;
}

/** A response that records its status and headers; `ended` once it is sent. */
function response() {
	const out = { status: 0, headers: {} as Record<string, string>, body: '' };
	let done = () => {};
	const ended = new Promise<void>((resolve) => (done = resolve));
	const res = {
		headersSent: false,
		writeHead(status: number, headers: Record<string, string>) {
			out.status = status;
			out.headers = headers;
		},
		end(body?: string) {
			out.body = body ?? '';
			done();
		}
	} as unknown as ServerResponse;
	return { res, out, ended };
}

/** `access.answer` for `req`, once its answer is sent. */
async function answered(access: ReturnType<typeof createAccess>, req: IncomingMessage) {
	const { res, out, ended } = response();
	expect(access.answer(req, res)).toBe(true);
	await ended;
	return out;
}

describe('the access key', () => {
	it('is needed beyond this computer, behind a named proxy, or when set', () => {
		const none: string[] = [];
		expect(accessKeyNeeded({ host: '127.0.0.1', allowedHosts: none })).toBe(false);
		expect(accessKeyNeeded({ host: 'localhost', allowedHosts: none })).toBe(false);
		expect(accessKeyNeeded({ host: '::1', allowedHosts: none })).toBe(false);
		expect(accessKeyNeeded({ host: '0.0.0.0', allowedHosts: none })).toBe(true);
		expect(accessKeyNeeded({ host: '::', allowedHosts: none })).toBe(true);
		expect(accessKeyNeeded({ host: '192.168.1.20', allowedHosts: none })).toBe(true);
		expect(accessKeyNeeded({ host: '127.0.0.1', allowedHosts: ['shtab.hq.local'] })).toBe(true);
		expect(
			accessKeyNeeded({ host: '127.0.0.1', allowedHosts: none, accessKey: 'штаб-ключ-2026' })
		).toBe(true);
	});

	it('is made of four groups of letters and digits that cannot be mistaken for one another', () => {
		const keys = new Set(Array.from({ length: 200 }, () => newAccessKey()));
		expect(keys.size).toBe(200);
		for (const key of keys) expect(key).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
	});

	it('is compared without case, spaces or dashes; ACCESS_KEY needs 12 letters and digits', () => {
		expect(normalizeKey(' K7MP x2qa-9FZT_hw4c ')).toBe('k7mpx2qa9fzthw4c');
		expect(normalizeKey('Штаб-Ёлка 1')).toBe('штабёлка1');
		expect(readAccessKeySetting(undefined)).toBeNull();
		expect(readAccessKeySetting('  ')).toBeNull();
		expect(readAccessKeySetting(' штаб-калинин-2026 ')).toBe('штаб-калинин-2026');
		expect(() => readAccessKeySetting('abc-def-ghi')).toThrow(/at least 12/);
	});

	it('reads its cookie among others, and survives a malformed one', () => {
		expect(cookieValue('a=1; shtab_access=k7mp-x2qa; b=2', 'shtab_access')).toBe('k7mp-x2qa');
		expect(cookieValue('shtab_access=%D1%88', 'shtab_access')).toBe('ш');
		expect(cookieValue('shtab_access=%E0%A4%A', 'shtab_access')).toBeNull();
		expect(cookieValue('xshtab_access=1', 'shtab_access')).toBeNull();
		expect(cookieValue(undefined, 'shtab_access')).toBeNull();
	});

	it('lets this computer in by a loopback name only, not a proxy on it passing another name', () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		expect(access.allows(request('/', '127.0.0.1:3000', '127.0.0.1'))).toBe(true);
		expect(access.allows(request('/', 'localhost:3000', '::1'))).toBe(true);
		expect(access.allows(request('/', '[::1]:3000', '::ffff:127.0.0.1'))).toBe(true);
		expect(access.allows(request('/', 'shtab.hq.local', '127.0.0.1'))).toBe(false);
		// A colleague's laptop cannot claim to be this computer by its `Host`.
		expect(access.allows(request('/', '127.0.0.1:3000', '192.168.1.31'))).toBe(false);
	});

	it(`after ${MAX_WRONG} wrong keys an address waits ten minutes, then may try again`, async () => {
		let now = 1_000_000;
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} }, now: () => now });
		const office = '192.168.1.20:3000';
		for (let i = 0; i < MAX_WRONG; i++) {
			expect((await answered(access, post(`wrong${i}`, office))).status).toBe(401);
		}
		expect((await answered(access, post('k7mp-x2qa-9fzt-hw4c', office))).status).toBe(429);
		// Another computer is not kept out by her mistakes.
		const other = await answered(access, post('k7mp-x2qa-9fzt-hw4c', office, '192.168.1.32'));
		expect(other.status).toBe(303);

		now += WRONG_WINDOW_MS + 1;
		const later = await answered(access, post('k7mp-x2qa-9fzt-hw4c', office));
		expect(later.status).toBe(303);
		expect(later.headers['set-cookie']).toMatch(
			new RegExp(`^shtab_access=${accessCookieValue('k7mp-x2qa-9fzt-hw4c')}; Path=/`)
		);
	});

	it('a right key forgives only the wrong keys typed on its own page: a guesser at the same address gets no new tries', async () => {
		const key = 'k7mp-x2qa-9fzt-hw4c';
		const access = createAccess({ key, log: { warn() {} } });
		const office = '192.168.1.20:3000';
		// The guesser types on a key's page of his own, as she does: each page has its own mark.
		let his = await answered(access, request('/', office));
		const hers = await answered(access, request('/', office));
		const mark = (page: string) => /name="form" value="([^"]+)"/.exec(page)?.[1];
		expect(mark(his.body)).toMatch(/^[\w-]{22}$/);
		expect(mark(hers.body)).not.toBe(mark(his.body));
		const guesser = mark(his.body);
		let guesses = 0;
		for (let i = 0; i < MAX_WRONG - 2; i++) {
			his = await answered(access, postForm(his.body, `guess-${guesses++}`));
			expect(his.status).toBe(401);
			// The page shown again keeps its mark.
			expect(mark(his.body)).toBe(guesser);
		}
		// She types one wrong and then the key, on her page.
		const typo = await answered(access, postForm(hers.body, 'k7mp-x2qa-9fzt-hw4'));
		expect(typo.status).toBe(401);
		expect(mark(typo.body)).toBe(mark(hers.body));
		expect((await answered(access, postForm(typo.body, key))).status).toBe(303);
		// Her typo is forgiven, none of his: two tries left, then the address waits.
		for (const status of [401, 401, 429]) {
			his = await answered(access, postForm(his.body, `guess-${guesses++}`));
			expect(his.status).toBe(status);
		}
	});

	it('a computer on IPv6 gets no new tries by changing its address within its /64; IPv4 counts alike in IPv6 form', async () => {
		// Any computer on an IPv6 network can take another address of its /64 at will (privacy
		// addresses, or by hand): counted per address, each gave it ten new tries.
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '[2001:db8:0:7::20]:3000';
		for (let i = 0; i < MAX_WRONG; i++) {
			const from = `2001:db8:0:7:${(i + 1).toString(16)}::${i + 1}`;
			expect((await answered(access, post(`wrong${i}`, office, from))).status).toBe(401);
		}
		for (const from of ['2001:db8:0:7::99', '2001:db8:0:7:ffff:ffff:ffff:ffff']) {
			expect((await answered(access, post('guess', office, from))).status, from).toBe(429);
			expect((await answered(access, request('/', office, from))).status, from).toBe(429);
		}
		// The next /64 (another network) is not kept out.
		expect(
			(await answered(access, post('k7mp-x2qa-9fzt-hw4c', office, '2001:db8:0:8::1'))).status
		).toBe(303);

		// An IPv4 computer seen by a server on `::` as ::ffff:192.168.1.31, and as 192.168.1.31:
		// one computer, one count.
		for (let i = 0; i < MAX_WRONG; i++) {
			const from = i % 2 ? '::ffff:192.168.1.31' : '192.168.1.31';
			expect((await answered(access, post(`wrong${i}`, '192.168.1.20:3000', from))).status).toBe(
				401
			);
		}
		expect(
			(await answered(access, post('guess', '192.168.1.20:3000', '192.168.1.31'))).status
		).toBe(429);
		expect(
			(await answered(access, post('guess', '192.168.1.20:3000', '::ffff:192.168.1.31'))).status
		).toBe(429);
	});

	it('a stale cookie sent at every reconnection is not counted: the key still lets her in', async () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '192.168.1.20:3000';
		const stale = `shtab_access=${accessCookieValue('old-key-before-the-change')}`;
		for (let i = 0; i < 3 * MAX_WRONG; i++)
			expect(access.allows(request('/', office, undefined, stale))).toBe(false);
		expect((await answered(access, post('k7mp-x2qa-9fzt-hw4c', office))).status).toBe(303);
	});

	it('a link with the key only fills in the form: nothing checked, nothing counted', async () => {
		// Another site's page could open `/?key=WRONG` in frames or windows: over plain http the
		// browser sends nothing that tells them from her click on the link.
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '192.168.1.20:3000';
		for (let i = 0; i < 3 * MAX_WRONG; i++) {
			const link = await answered(access, request(`/sheet/a?key=guess-${i}`, office));
			expect(link.status).toBe(200);
			expect(link.body).toContain(`value="guess-${i}"`);
			expect(link.body).toContain('Ключ из ссылки подставлен — нажмите «Войти»');
		}
		const right = await answered(access, request('/?key=k7mp-x2qa-9fzt-hw4c', office));
		expect(right.status).toBe(200);
		expect(right.headers['set-cookie']).toBeUndefined();
		// Her «Войти» is not kept waiting.
		expect((await answered(access, post('k7mp-x2qa-9fzt-hw4c', office))).status).toBe(303);
	});

	it('the cookie holds a token made from the key, not the key: the key itself as a cookie is refused', () => {
		const key = 'k7mp-x2qa-9fzt-hw4c';
		const access = createAccess({ key, log: { warn() {} } });
		const office = '192.168.1.20:3000';
		expect(accessCookieValue(key)).not.toContain('k7mp');
		// Written from a note, as typed: the same token.
		expect(accessCookieValue(' K7MP X2QA 9FZT HW4C')).toBe(accessCookieValue(key));
		expect(access.allows(request('/', office, undefined, `shtab_access=${key}`))).toBe(false);
		expect(
			access.allows(request('/', office, undefined, `shtab_access=${accessCookieValue(key)}`))
		).toBe(true);
	});

	it('an address told to wait still lets in a browser holding the cookie; the link opened again only leaves the address', async () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '192.168.1.20:3000';
		const cookie = `shtab_access=${accessCookieValue('k7mp-x2qa-9fzt-hw4c')}`;
		for (let i = 0; i < MAX_WRONG; i++) await answered(access, post(`guess-${i}`, office));
		const page = response();
		access.answer(request('/', office), page.res);
		expect(page.out.status).toBe(429);
		expect(page.out.body).toContain('Подождите 10 минут');
		expect(access.answer(request('/sheet/a', office, undefined, cookie), response().res)).toBe(
			false
		);
		const again = response();
		access.answer(
			request('/sheet/a?key=k7mp-x2qa-9fzt-hw4c', office, undefined, cookie),
			again.res
		);
		expect(again.out.status).toBe(303);
		expect(again.out.headers.location).toBe('/sheet/a');
	});

	it('lets in the key typed with the Russian keyboard layout on (л7ьз… for k7mp…)', async () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '192.168.1.20:3000';
		expect((await answered(access, post('Л7ЬЗ Ч2ЙФ 9АЯЕ РЦ4С', office))).status).toBe(303);
		// A key set in Cyrillic (ACCESS_KEY) is compared as it is.
		const cyrillic = createAccess({ key: 'Штаб-Калининский-2026', log: { warn() {} } });
		expect((await answered(cyrillic, post('штаб калининский 2026', office))).status).toBe(303);
		expect((await answered(access, post('л7ьз-ч2йф-9аяе-рц4ч', office))).status).toBe(401);
	});

	it('tells a request sent by another site’s page by Sec-Fetch-Site, else by the form’s Origin', () => {
		const sent = (headers: Record<string, string>) =>
			fromAnotherSite({ headers, socket: {} } as unknown as IncomingMessage);
		expect(sent({ host: 'shtab.hq.local', 'sec-fetch-site': 'same-origin' })).toBe(false);
		expect(sent({ host: 'shtab.hq.local', 'sec-fetch-site': 'none' })).toBe(false);
		expect(sent({ host: 'shtab.hq.local', 'sec-fetch-site': 'cross-site' })).toBe(true);
		expect(sent({ host: 'shtab.hq.local', 'sec-fetch-site': 'same-site' })).toBe(true);
		// Sec-Fetch-Site decides when it is there: a proxy may have rewritten Host.
		expect(
			sent({
				host: '127.0.0.1:3000',
				origin: 'http://shtab.hq.local',
				'sec-fetch-site': 'same-origin'
			})
		).toBe(false);
		// Without it, the Origin: the default port left out, or the name a proxy passes on.
		expect(sent({ host: 'shtab.hq.local', origin: 'http://shtab.hq.local' })).toBe(false);
		expect(sent({ host: 'shtab.hq.local:80', origin: 'http://shtab.hq.local' })).toBe(false);
		expect(sent({ host: '192.168.1.20:3000', origin: 'http://192.168.1.20:3001' })).toBe(true);
		expect(
			sent({
				host: '127.0.0.1:3000',
				'x-forwarded-host': 'shtab.hq.local',
				origin: 'https://shtab.hq.local'
			})
		).toBe(false);
		expect(sent({ host: 'shtab.hq.local', origin: 'null' })).toBe(true);
		expect(sent({ host: 'shtab.hq.local', origin: 'file://' })).toBe(true);
		// Neither: a link typed, an old browser's link, a program; its keys are counted.
		expect(sent({ host: 'shtab.hq.local' })).toBe(false);
	});

	it('sends her on within this site only', async () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const cookie = `shtab_access=${accessCookieValue('k7mp-x2qa-9fzt-hw4c')}`;
		for (const [url, location] of [
			['/a/..//evil.example/x?key=k7mp-x2qa-9fzt-hw4c', '/'],
			['//evil.example/?key=k7mp-x2qa-9fzt-hw4c', '/'],
			['/sheet/abc?lang=en&key=k7mp-x2qa-9fzt-hw4c', '/sheet/abc?lang=en']
		]) {
			// The link's form goes back there (and the address bar shows it: HIDE_KEY_SCRIPT)…
			const link = await answered(access, request(url, '192.168.1.20:3000'));
			expect(link.status, url).toBe(200);
			expect(link.body, url).toContain(`name="to" value="${location}"`);
			// …and so does a browser already let in, opening the link again.
			const again = await answered(access, request(url, '192.168.1.20:3000', undefined, cookie));
			expect(again.status, url).toBe(303);
			expect(again.headers.location, url).toBe(location);
		}
	});

	it('the same wrong key sent again and again is written to the log once, and how often it came, later: a script cannot fill the log', async () => {
		let now = 1_000_000;
		const warnings: string[] = [];
		const access = createAccess({
			key: 'k7mp-x2qa-9fzt-hw4c',
			log: { warn: (line: string) => warnings.push(line) },
			now: () => now
		});
		const office = '192.168.1.20:3000';
		for (let i = 0; i < 5000; i++)
			expect((await answered(access, post('wrong-1', office))).status).toBe(401);
		for (let i = 0; i < 3; i++) await answered(access, post('wrong-2', office));
		// Another computer's mistakes are its own line.
		await answered(access, post('wrong-1', office, '192.168.1.32'));
		expect(warnings).toEqual([
			'[server] 192.168.1.31: a wrong access key (401)',
			'[server] 192.168.1.31: a wrong access key (401)',
			'[server] 192.168.1.32: a wrong access key (401)'
		]);
		// Told to wait, a script going on is counted, not written each time; nor is a form sent by
		// another site's page.
		for (let i = 3; i <= MAX_WRONG; i++) await answered(access, post(`wrong-${i}`, office));
		for (let i = 0; i < 3000; i++)
			expect((await answered(access, post(`guess-${i}`, office))).status).toBe(429);
		const foreign = () => {
			const req = post('wrong-x', office, '192.168.1.33');
			req.headers.origin = 'http://evil.example';
			return req;
		};
		for (let i = 0; i < 1000; i++) expect((await answered(access, foreign())).status).toBe(403);
		expect(warnings).toHaveLength(3 + (MAX_WRONG - 2) + 2);
		expect(warnings.filter((line) => line.includes('told to wait'))).toEqual([
			`[server] 192.168.1.31: ${MAX_WRONG} different wrong keys within 10 minutes, told to wait (429)`
		]);
		expect(warnings.filter((line) => line.includes('another site'))).toHaveLength(1);

		// Once the ten minutes are over, how often: one line per address.
		now += WRONG_WINDOW_MS + 1;
		await answered(access, request('/', office, '192.168.1.40'));
		expect(warnings.slice(-2)).toEqual([
			'[server] 192.168.1.31 за 10 минут: те же неверные ключи ещё 5 001 раз, ещё 3 000 попыток, пока адрес ждал (в журнал не записаны) / within 10 minutes: the same wrong keys 5001 more times, 3000 more tries while told to wait (not logged each)',
			'[server] 192.168.1.33 за 10 минут: ключ со страницы другого сайта ещё 999 раз (в журнал не записаны) / within 10 minutes: a key from another site’s page 999 more times (not logged each)'
		]);
		// Shtab stopped before the ten minutes: said then.
		await answered(access, post('wrong-1', office));
		await answered(access, post('wrong-1', office));
		access.close();
		expect(warnings.at(-1)).toMatch(
			/^\[server\] 192\.168\.1\.31 за 10 минут: те же неверные ключи ещё 1 раз/
		);
	});

	it('the log says its counts as a Russian reads them: ещё 1 попытка, 2 попытки, 5 попыток; 2 раза', async () => {
		let now = 1_000_000;
		const warnings: string[] = [];
		const access = createAccess({
			key: 'k7mp-x2qa-9fzt-hw4c',
			log: { warn: (line: string) => warnings.push(line) },
			now: () => now
		});
		const office = '192.168.1.20:3000';
		const foreign = (from: string) => {
			const req = post('wrong-x', office, from);
			req.headers.origin = 'http://evil.example';
			return req;
		};
		/** From `from`: a wrong key `again` more times, then `waited` tries while told to wait. */
		const tries = async (from: string, again: number, waited: number) => {
			for (let i = 0; i <= again; i++) await answered(access, post('wrong-0', office, from));
			for (let i = 1; i < MAX_WRONG; i++) await answered(access, post(`wrong-${i}`, office, from));
			for (let i = 0; i < waited; i++) await answered(access, post(`guess-${i}`, office, from));
			for (let i = 0; i <= again; i++) await answered(access, foreign(from));
		};
		await tries('192.168.1.31', 1, 1);
		await tries('192.168.1.32', 2, 3);
		await tries('192.168.1.33', 5, 21);
		await tries('192.168.1.34', 12, 22);
		now += WRONG_WINDOW_MS + 1;
		await answered(access, request('/', office, '192.168.1.40'));
		expect(warnings.filter((line) => line.includes('за 10 минут'))).toEqual([
			'[server] 192.168.1.31 за 10 минут: те же неверные ключи ещё 1 раз, ещё 1 попытка, пока адрес ждал, ключ со страницы другого сайта ещё 1 раз (в журнал не записаны) / within 10 minutes: the same wrong keys 1 more time, 1 more try while told to wait, a key from another site’s page 1 more time (not logged each)',
			'[server] 192.168.1.32 за 10 минут: те же неверные ключи ещё 2 раза, ещё 3 попытки, пока адрес ждал, ключ со страницы другого сайта ещё 2 раза (в журнал не записаны) / within 10 minutes: the same wrong keys 2 more times, 3 more tries while told to wait, a key from another site’s page 2 more times (not logged each)',
			'[server] 192.168.1.33 за 10 минут: те же неверные ключи ещё 5 раз, ещё 21 попытка, пока адрес ждал, ключ со страницы другого сайта ещё 5 раз (в журнал не записаны) / within 10 minutes: the same wrong keys 5 more times, 21 more tries while told to wait, a key from another site’s page 5 more times (not logged each)',
			'[server] 192.168.1.34 за 10 минут: те же неверные ключи ещё 12 раз, ещё 22 попытки, пока адрес ждал, ключ со страницы другого сайта ещё 12 раз (в журнал не записаны) / within 10 minutes: the same wrong keys 12 more times, 22 more tries while told to wait, a key from another site’s page 12 more times (not logged each)'
		]);
	});

	it('a wrong key a link filled in, sent as it is, spends half the allowance at most: tabs a hostile page opened cannot shut her out, and no more keys are checked', async () => {
		const key = 'k7mp-x2qa-9fzt-hw4c';
		const access = createAccess({ key, log: { warn() {} } });
		const office = '192.168.1.20:3000';
		// A hostile page opens `/?key=…` in tabs, a different wrong key in each; she presses Enter in
		// every one («Войти» has the focus).
		const half = MAX_WRONG / 2;
		for (let i = 0; i < MAX_WRONG; i++) {
			const tab = await answered(access, request(`/?key=wrong-${i}`, office));
			const sent = await answered(access, postForm(tab.body));
			if (i < half) {
				expect(tab.body, String(i)).toContain(`value="wrong-${i}"`);
				expect(sent.status, String(i)).toBe(401);
				expect(sent.body).toContain('Ключ из ссылки не подошёл');
			} else {
				// Not filled in any more, and not checked: she is asked to type it.
				expect(tab.body, String(i)).not.toContain(`value="wrong-${i}"`);
				expect(tab.body).toContain('наберите его');
				expect(sent.status, String(i)).not.toBe(303);
			}
		}
		// The key she types (or pastes) is still checked: let in.
		const form = await answered(access, request('/', office));
		expect(form.status).toBe(401);
		expect((await answered(access, postForm(form.body, key))).status).toBe(303);

		// A program guessing from the same address gets no more keys checked than before, with or
		// without the link's mark: half of them by links, the rest typed, then it waits.
		const guesser = '192.168.1.50';
		const checked: number[] = [];
		for (let i = 0; i < 3 * MAX_WRONG; i++) {
			// Each guess a new key: filled in by a link while links are, else typed into the form.
			const tab = await answered(access, request(`/?key=guess-${i}`, office, guesser));
			const filled = tab.body.includes(`value="guess-${i}"`);
			const sent = postForm(tab.body, filled ? undefined : `guess-${i}`, guesser);
			checked.push((await answered(access, sent)).status);
		}
		expect(checked.filter((status) => status === 401)).toHaveLength(MAX_WRONG);
		// Even the right key is not checked from there now, by a link or typed.
		const link = await answered(access, request(`/?key=${key}`, office, guesser));
		expect((await answered(access, postForm(link.body, undefined, guesser))).status).toBe(429);
		expect((await answered(access, postForm(link.body, key, guesser))).status).toBe(429);
	});
});
