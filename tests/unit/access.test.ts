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
	accessKeyNeeded,
	cookieValue,
	createAccess,
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

/** A response that records its status and headers. */
function response() {
	const out = { status: 0, headers: {} as Record<string, string>, body: '' };
	const res = {
		writeHead(status: number, headers: Record<string, string>) {
			out.status = status;
			out.headers = headers;
		},
		end(body?: string) {
			out.body = body ?? '';
		}
	} as unknown as ServerResponse;
	return { res, out };
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

	it(`after ${MAX_WRONG} wrong keys an address waits ten minutes, then may try again`, () => {
		let now = 1_000_000;
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} }, now: () => now });
		const office = '192.168.1.20:3000';
		for (let i = 0; i < MAX_WRONG; i++) {
			const { res, out } = response();
			expect(access.answer(request(`/?key=wrong${i}`, office), res)).toBe(true);
			expect(out.status).toBe(401);
		}
		const blocked = response();
		access.answer(request('/?key=k7mp-x2qa-9fzt-hw4c', office), blocked.res);
		expect(blocked.out.status).toBe(429);
		// Another computer is not kept out by her mistakes.
		const other = response();
		access.answer(request('/?key=k7mp-x2qa-9fzt-hw4c', office, '192.168.1.32'), other.res);
		expect(other.out.status).toBe(303);

		now += WRONG_WINDOW_MS + 1;
		const later = response();
		access.answer(request('/?key=k7mp-x2qa-9fzt-hw4c', office), later.res);
		expect(later.out.status).toBe(303);
		expect(later.out.headers['set-cookie']).toMatch(/^shtab_access=k7mp-x2qa-9fzt-hw4c; Path=\//);
	});

	it('counts each different wrong key once: a stale cookie sent at every reconnection does not lock her out', () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '192.168.1.20:3000';
		const stale = 'shtab_access=old-key-before-the-change';
		for (let i = 0; i < 3 * MAX_WRONG; i++)
			expect(access.allows(request('/', office, undefined, stale))).toBe(false);
		const link = response();
		access.answer(request('/?key=k7mp-x2qa-9fzt-hw4c', office), link.res);
		expect(link.out.status).toBe(303);
	});

	it('guessing by cookies is counted as by the form, and then the right cookie waits too', () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		const office = '192.168.1.20:3000';
		for (let i = 0; i < MAX_WRONG; i++)
			expect(access.allows(request('/', office, undefined, `shtab_access=guess-${i}`))).toBe(false);
		expect(access.allows(request('/', office, undefined, 'shtab_access=k7mp-x2qa-9fzt-hw4c'))).toBe(
			false
		);
		const page = response();
		access.answer(request('/', office), page.res);
		expect(page.out.status).toBe(429);
		expect(page.out.body).toContain('Подождите 10 минут');
	});

	it('sends her on within this site only', () => {
		const access = createAccess({ key: 'k7mp-x2qa-9fzt-hw4c', log: { warn() {} } });
		for (const [url, location] of [
			['/a/..//evil.example/x?key=k7mp-x2qa-9fzt-hw4c', '/'],
			['//evil.example/?key=k7mp-x2qa-9fzt-hw4c', '/'],
			['/sheet/abc?lang=en&key=k7mp-x2qa-9fzt-hw4c', '/sheet/abc?lang=en']
		]) {
			const { res, out } = response();
			access.answer(request(url, '192.168.1.20:3000'), res);
			expect(out.status, url).toBe(303);
			expect(out.headers.location, url).toBe(location);
		}
	});
});
