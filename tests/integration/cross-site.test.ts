/**
 * Another web site the operator has open must not read the lists: a browser lets any page open a
 * WebSocket to 127.0.0.1 (no CORS for WebSockets), and a DNS-rebinding site even gets our port
 * under its own name. The relay refuses a browser's upgrade from another site (its `Origin`) or
 * under a host name it does not know (its `Host`), before any byte of a document; clients that
 * are not browsers send no `Origin` and are let in as before.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { accessCookieValue } from '../../server/access.js';
import { readConfig } from '../../server/config.js';
import { Harness, captureLog, upgradeReading } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

const RESIDENT = 'Иванова Анна Петровна, +7 (812) 555-12-34';

/** `upgradeReading` for the resident's record. */
const upgrade = (url: string, headers: Record<string, string>) =>
	upgradeReading(url, headers, RESIDENT);

/** A plain GET with a chosen `Host` header (fetch does not let one set it). */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers: { host } }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		request.on('error', reject);
	});
}

/** A room holding a resident, as the lists do. */
async function roomWithData(wsUrl: string, room: string) {
	const client = harness.client(wsUrl, room);
	client.map.set('r1', RESIDENT);
	await harness.synced(client);
}

describe('connections from other web sites', () => {
	it('a page of another site is refused (403) and gets no byte of the list', async () => {
		const log = captureLog();
		const { wsUrl } = await harness.start({ log: log.log });
		await roomWithData(wsUrl, 'sheet:residents');
		const refused = await upgrade(`${wsUrl}/sheet:residents`, {
			origin: 'https://evil.example'
		});
		expect(refused).toEqual({ status: 403, leaked: false });
		expect(log.warnings('https://evil.example')).toHaveLength(1);
	});

	it('the app’s own page (same host and port) is let in', async () => {
		const { wsUrl, port } = await harness.start();
		await roomWithData(wsUrl, 'sheet:own');
		for (const origin of [`http://127.0.0.1:${port}`, `https://127.0.0.1:${port}`]) {
			const own = await upgrade(`${wsUrl}/sheet:own`, { origin });
			expect(own.status, origin).toBe(101);
			expect(own.leaked, origin).toBe(true);
		}
	});

	it('a client that is not a browser (no Origin) is let in, as y-websocket in Node', async () => {
		const { wsUrl } = await harness.start();
		expect((await upgrade(`${wsUrl}/sheet:node`, {})).status).toBe(101);
	});

	it('another program on this computer (another port, localhost) is refused', async () => {
		const { wsUrl, port } = await harness.start();
		for (const origin of [
			'http://localhost:8080',
			`http://127.0.0.1:${port + 1}`,
			`http://localhost:${port}`,
			'null',
			'file://',
			'not a url'
		]) {
			expect((await upgrade(`${wsUrl}/sheet:x`, { origin })).status, origin).toBe(403);
		}
	});

	it('a DNS-rebinding site (its own name pointed at 127.0.0.1) is refused', async () => {
		const { wsUrl, port } = await harness.start();
		const rebound = await upgrade(`${wsUrl}/sheet:x`, {
			host: `evil.example:${port}`,
			origin: `http://evil.example:${port}`
		});
		expect(rebound.status).toBe(403);
	});

	it('a host name listed in ALLOWED_HOSTS (the HQ’s own name on its network) is let in', async () => {
		const { wsUrl, port, accessKey } = await harness.start({ allowedHosts: ['shtab.hq.local'] });
		// A name served means the office network: the page holds the access key (access.test.ts).
		const cookie = `shtab_access=${accessCookieValue(accessKey as string)}`;
		const named = await upgrade(`${wsUrl}/sheet:x`, {
			host: `shtab.hq.local:${port}`,
			origin: `http://shtab.hq.local:${port}`,
			cookie
		});
		expect(named.status).toBe(101);
		// Listed, the name still does not let another site's page in.
		const other = await upgrade(`${wsUrl}/sheet:x`, {
			host: `shtab.hq.local:${port}`,
			origin: 'https://evil.example',
			cookie
		});
		expect(other.status).toBe(403);
	});

	it('addresses of this computer on its network (IP literals) work without a setting', async () => {
		const { wsUrl } = await harness.start();
		for (const host of ['192.168.1.10:3000', '[::1]:3000', '10.0.0.5']) {
			const lan = await upgrade(`${wsUrl}/sheet:x`, { host, origin: `http://${host}` });
			expect(lan.status, host).toBe(101);
		}
	});

	it('the page itself under an unknown host name says how to allow it; the health check answers', async () => {
		const { url, port } = await harness.start();
		const page = await get(`${url}/`, `evil.example:${port}`);
		expect(page.status).toBe(403);
		expect(page.body).toContain('evil.example');
		expect(page.body).toContain('ALLOWED_HOSTS');
		expect((await get(`${url}/healthz`, `evil.example:${port}`)).status).toBe(200);
		expect((await get(`${url}/elsewhere`, `localhost:${port}`)).status).toBe(404);
		expect((await get(`${url}/elsewhere`, `127.0.0.1:${port}`)).status).toBe(404);
	});
});

describe('ALLOWED_HOSTS', () => {
	it('is read as lower-case names, spaces and a final dot dropped', () => {
		expect(readConfig({ ALLOWED_HOSTS: ' Shtab.HQ.local., shtab ,' }).allowedHosts).toEqual([
			'shtab.hq.local',
			'shtab'
		]);
		expect(readConfig({}).allowedHosts).toEqual([]);
	});
});
