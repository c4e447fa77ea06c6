/**
 * A headquarters' operators sit at other laptops of the office network: with `HOST=0.0.0.0` the
 * server must print the addresses they can open (not `http://0.0.0.0:…`), and answer on them.
 * With the default HOST it must say that only this computer can open it, and how to let others in.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Harness, covers, updateMessage, waitFor, wsUrlOf, type ChildServer } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

/** This machine's IPv4 addresses on a network (what a colleague's laptop could reach). */
const networkAddresses = Object.values(networkInterfaces())
	.flat()
	.filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
	.map((info) => (info as { address: string }).address);

async function startedLog(
	env: Record<string, string>
): Promise<ChildServer & { port: string; dataDir: string }> {
	const dataDir = await harness.tempDir();
	const child = await harness.startChild({ DATA_DIR: dataDir, ...env });
	await waitFor(() => /only this computer|on this computer:/.test(child.output()), 'the addresses');
	// The key's line, when there is one, comes last (it may come in a chunk of its own).
	if (env.HOST === '0.0.0.0') await waitFor(() => child.output().includes('access key'), 'the key');
	return { ...child, port: new URL(child.url).port, dataDir };
}

/** A plain GET (the `Host` header is the URL's, as in a browser). */
function get(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			})
			.on('error', reject);
	});
}

describe('the addresses printed at start', () => {
	it('HOST=0.0.0.0: one line per network IPv4 address of this computer, and the local one', async () => {
		const child = await startedLog({ HOST: '0.0.0.0' });
		const output = child.output();
		const printed = [...output.matchAll(/open on the other computers: (http:\/\/\S+)/g)].map(
			(m) => m[1]
		);
		// Each link carries the access key (access.test.ts), printed too and kept in DATA_DIR.
		const key = (await readFile(join(child.dataDir, 'access-key'), 'utf8')).trim();
		expect(printed).toEqual(networkAddresses.map((a) => `http://${a}:${child.port}/?key=${key}`));
		expect(output).toContain(`access key: ${key}`);
		expect(output).toContain(`on this computer: http://127.0.0.1:${child.port}`);
		expect(output.replace(/listening on \S+/, '')).not.toContain('0.0.0.0');
		if (networkAddresses.length === 0) expect(output).toContain('no network address');
	});

	it('HOST=0.0.0.0: the app and the sync answer on a printed network address', async (context) => {
		context.skip(
			networkAddresses.length === 0,
			'this machine has no non-internal IPv4 address to reach the server on'
		);
		const child = await startedLog({ HOST: '0.0.0.0' });
		const link = /open on the other computers: (http:\/\/\S+)/.exec(child.output())?.[1] ?? '';
		const url = `http://${networkAddresses[0]}:${child.port}`;
		expect(link).toMatch(new RegExp(`^${url.replace(/\./g, '\\.')}/\\?key=[a-z2-9-]{19}$`));

		const health = await fetch(`${url}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toMatchObject({ ok: true, access: false });
		// Without the key, a page asked for by the IP address gets the key's form (401), not a 403
		// for an unknown host name; the printed link fills the key in (access.js), and «Войти»
		// (the form sent from its page) hands the browser its key.
		expect(await get(`${url}/`)).toBe(401);
		const opened = await fetch(link, { redirect: 'manual' });
		expect(opened.status).toBe(200);
		const key = new URL(link).searchParams.get('key') ?? '';
		expect(await opened.text()).toContain(`value="${key}"`);
		const sent = await fetch(`${url}/`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: url },
			body: new URLSearchParams({ key, to: '/' })
		});
		expect(sent.status).toBe(303);
		const cookie = (sent.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^shtab_access=/);

		// The operator's page syncs over that address (a browser sends its page's Origin and cookie).
		const raw = await harness.raw(`${wsUrlOf(url)}/sheet:office`, {
			headers: { origin: url, cookie }
		});
		const local = new Y.Doc();
		local.on('update', (update: Uint8Array) => raw.send(updateMessage(update)));
		local.getMap('m').set('resident', 'Иванова Анна Петровна');
		await waitFor(async () => covers(await raw.stateVector(), local), 'the relay to store it');
	});

	it('the default HOST: only this computer, and how to let the colleagues in', async () => {
		const child = await startedLog({ HOST: '127.0.0.1' });
		// The advice is the next line: it may come in a chunk of its own (a CI run read the output
		// between the two and failed).
		await waitFor(() => child.output().includes('HOST=0.0.0.0 npm start'), 'the advice');
		expect(child.output()).toContain(
			`only this computer can open it: http://127.0.0.1:${child.port}`
		);
		expect(child.output()).toContain('HOST=0.0.0.0 npm start');
		expect(child.output()).not.toContain('open on the other computers');
		expect(child.output()).not.toContain('access key');
	});
});
