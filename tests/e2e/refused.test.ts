/**
 * A server that answers the page but refuses its sync: behind a reverse proxy that rewrites
 * `Host` (the relay takes the page for another site's and answers 403, docs/security.md «Other web sites
 * cannot read the lists»). The browser sees only a failed socket, as with the network down.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBE_TIMEOUT_MS } from '../../src/lib/sync/connection';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();
const REFUSED =
	'Сервер на связи, но не принимает изменения этой страницы — они остаются в браузере. Скажите тому, кто запускал Штаб: адрес страницы должен быть в ALLOWED_HOSTS, а прокси должен передавать Host';

const proxies: http.Server[] = [];
afterAll(async () => {
	for (const proxy of proxies.splice(0)) {
		proxy.closeAllConnections();
		await new Promise((resolve) => proxy.close(resolve));
	}
});

/**
 * A reverse proxy to the app on a free port, reached as `localhost`, that sends every request
 * and upgrade on with the app's own `Host` (`127.0.0.1:<port>`), as an nginx without
 * `proxy_set_header Host $host` does.
 */
async function hostRewritingProxy(target: string): Promise<string> {
	const app = new URL(target);
	const proxy = http.createServer((req, res) => {
		const upstream = http.request(
			{
				host: app.hostname,
				port: app.port,
				path: req.url,
				method: req.method,
				headers: { ...req.headers, host: app.host }
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	proxy.on('upgrade', (req, socket, head) => {
		const upstream = net.connect(Number(app.port), app.hostname, () => {
			const headers = Object.entries({ ...req.headers, host: app.host }).map(
				([name, value]) => `${name}: ${value}`
			);
			upstream.write([`${req.method} ${req.url} HTTP/1.1`, ...headers, '', ''].join('\r\n'));
			upstream.write(head);
			upstream.pipe(socket);
			socket.pipe(upstream);
		});
		upstream.on('error', () => socket.destroy());
		socket.on('error', () => upstream.destroy());
	});
	proxies.push(proxy);
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	return `http://localhost:${(proxy.address() as net.AddressInfo).port}`;
}

describe('a server that refuses the page’s sync (found by exploration)', () => {
	it('the status bar says the server refuses it and what to tell, not that the network is down', async () => {
		const url = await hostRewritingProxy(session.app.url);
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(url);
		const sheet = await home.createSheet('Обзвон за прокси');
		await sheet.addRow('Иванова Мария');
		// Before, «Нет связи с сервером — работаем локально» for good, while the page itself came
		// from the server: the operators took it for a bad line, and none saw another's work.
		await expect
			.poll(() => sheet.status(), MOMENT)
			.toMatch(new RegExp(`^${REFUSED}; ждут отправки: \\d+$`));
		// Her work waits in the browser all the same.
		expect(await sheet.rowCount()).toBe(1);
		expect(session.app.log()).toMatch(/a page of another site .*: refused \(403\)/);

		// The line then swallows her requests without an answer: the status says so once the
		// question to the server has waited long enough (before, it stayed unanswered for good, and
		// the server was said to refuse her until she reloaded the page).
		await anna.page.route('**/healthz', () => {});
		await anna.page.routeWebSocket(/\/sync\//, (ws) => ws.close());
		await expect
			.poll(() => sheet.status(), { ...MOMENT, timeout: PROBE_TIMEOUT_MS * 3 })
			.toMatch(/^Нет связи с сервером — работаем локально; ждут отправки: \d+$/);
		await anna.page.unroute('**/healthz');

		// The same server reached directly: the list is not there (nothing got through), and the
		// status is as usual.
		const boris = await session.operator('Борис');
		const direct = await new HomePage(boris.page).goto(session.app.url);
		await expect.poll(() => direct.sheetTitles(), MOMENT).toEqual([]);
	});

	it('the network down says so, as before: only a server that answers is said to refuse', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон без сети');
		await anna.context.setOffline(true);
		await sheet.addRow('Петров Олег');
		await anna.page.waitForTimeout(1_500);
		expect(await sheet.status()).toMatch(
			/^Нет связи с сервером — работаем локально; ждут отправки: \d+$/
		);
	});
});
