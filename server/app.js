// @ts-check
/**
 * The server: one HTTP server with the relay on /sync/<room>, a health check, and the built
 * SvelteKit app for everything else.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessKeyNeeded, createAccess, storedAccessKey, storedLinkSecret } from './access.js';
import { clientAddressReader } from './addresses.js';
import { readConfig } from './config.js';
import { unknownHost, unknownHostPage } from './origin.js';
import { createRelay } from './relay.js';
import { createRepeatLog } from './repeat-log.js';
import { createLevelStore } from './store.js';

const HEALTH_PATH = '/healthz';
/** The adapter-node handler, present after `npm run build`. */
const APP_HANDLER_URL = new URL('../build/handler.js', import.meta.url);
const APP_VERSION_URL = new URL('../build/client/_app/version.json', import.meta.url);
/** Documents live in their own folder of DATA_DIR, leaving room for other data beside them. */
const DOCS_DIR = 'docs';
const WILDCARD_WARNING =
	'[server] ALLOWED_HOSTS=* пускает страницы Штаба под любым именем: сайт, который направит своё имя на этот компьютер (DNS rebinding), без ключа доступа списков не прочтёт, но его страница, открытая оператором, сможет израсходовать неверные ключи её адреса, и с него 10 минут нельзя будет войти. Перечислите имена вместо * (ALLOWED_HOSTS=shtab.hq.local,shtab) / ' +
	'ALLOWED_HOSTS=* lets Shtab be opened under any name: a site that points its own name at this computer (DNS rebinding) reads no list without the access key, but its page, opened by an operator, can spend the wrong keys of her address, which then cannot log in for 10 minutes. List the names instead of *';

/**
 * The app's answers that are the client's error, written once per address and kind in ten
 * minutes, how many more later (`repeat-log.js`): SvelteKit wrote a line at every page not
 * found, and a scanner asking for thousands of paths filled the disk (`src/hooks.server.ts` no
 * longer writes them).
 * @type {Record<'notFound' | 'refused', import('./repeat-log.js').RepeatKind>}
 */
export const REQUEST_KINDS = {
	notFound: {
		ru: [
			'запрос несуществующей страницы (404)',
			'запроса несуществующих страниц (404)',
			'запросов несуществующих страниц (404)'
		],
		en: ['request for a page not found (404)', 'requests for pages not found (404)']
	},
	refused: {
		ru: ['другой отказ (4xx)', 'других отказа (4xx)', 'других отказов (4xx)'],
		en: ['other refusal (4xx)', 'other refusals (4xx)']
	}
};
/** The longest part of a path the log quotes. */
const LOGGED_PATH_CHARS = 200;

/**
 * @typedef {import('./relay.js').RelayLimits & {
 *   port?: number,
 *   host?: string,
 *   dataDir?: string,
 *   storeSync?: boolean,
 *   allowedHosts?: string[],
 *   accessKey?: string | null,
 *   serveApp?: boolean,
 *   headersTimeoutMs?: number,
 *   requestTimeoutMs?: number,
 *   store?: import('./store.js').DocStore,
 *   authorize?: import('./relay.js').Authorize,
 *   appVersion?: string | null,
 *   log?: import('./relay.js').RelayLog
 * }} ServerOptions
 */

/**
 * @typedef {object} RunningServer
 * @property {http.Server} server
 * @property {string} url e.g. http://127.0.0.1:3000
 * @property {number} port
 * @property {import('./relay.js').Relay} relay
 * @property {string | null} accessKey the key other computers need (`access.js`), or null when
 *   only this computer can open Shtab
 * @property {() => Promise<void>} close
 */

/**
 * Starts the server. Options left out come from the environment (see config.js); port 0 picks a
 * free port. `store` replaces the LevelDB store in `dataDir`.
 *
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(options = {}) {
	const {
		serveApp = true,
		log = console,
		authorize,
		store: givenStore,
		appVersion: givenVersion,
		...settings
	} = options;
	const config = { ...readConfig(), ...withoutUndefined(settings) };

	const appHandler = serveApp ? await loadAppHandler(log) : null;
	const store =
		givenStore ??
		(await createLevelStore({ dir: join(config.dataDir, DOCS_DIR), sync: config.storeSync, log }));
	// The pages this server hands out say this version when they connect (`relay.js`).
	const appVersion =
		givenVersion !== undefined ? givenVersion : appHandler ? readAppVersion() : null;
	// Beyond this computer, the lists open only with the access key (`access.js`).
	/** @type {string | null} */
	let accessKey = null;
	/** @type {Buffer | undefined} */
	let linkSecret;
	try {
		if (accessKeyNeeded(config)) {
			accessKey = config.accessKey ?? (await storedAccessKey(config.dataDir, log));
			linkSecret = await storedLinkSecret(config.dataDir, log);
		}
	} catch (error) {
		// A key file that stops the start: the data folder is let go for the start after.
		if (!givenStore) await store.close();
		throw error;
	}
	const access = accessKey
		? createAccess({ key: accessKey, linkSecret, log, trustedProxies: config.trustedProxies })
		: null;
	// `*` always comes with the key (`accessKeyNeeded`), so a site that points its own name at this
	// computer (DNS rebinding) reads nothing; but its pages are then this site's own to the key's
	// form (`fromAnotherSite`), so they can spend the wrong keys of an operator who opens one.
	if (config.allowedHosts.includes('*')) log.warn(WILDCARD_WARNING);
	/** @type {import('./relay.js').Authorize} */
	const admitted = (request) => {
		if (access && !access.allows(request.req)) return false;
		return authorize ? authorize(request) : true;
	};
	const relay = createRelay({ store, config, authorize: admitted, log, appVersion });
	const addressOf = clientAddressReader(config.trustedProxies);
	const requestLog = createRepeatLog({ log, prefix: '[server]', kinds: REQUEST_KINDS });
	/**
	 * Notes the app's answer once it is sent, when it is the client's error (4xx).
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {string} path
	 */
	const noteAnswer = (req, res, path) => {
		res.once('finish', () => {
			const status = res.statusCode;
			if (status < 400 || status >= 500) return;
			const address = addressOf(req);
			// Quoted and cut: the path is the client's text.
			const quoted = JSON.stringify(path.slice(0, LOGGED_PATH_CHARS));
			requestLog.note(
				address,
				status === 404 ? 'notFound' : 'refused',
				`[server] ${address}: ${req.method} ${quoted} (${status})`
			);
		});
	};

	/** @type {http.RequestListener} */
	const answer = (req, res) => {
		// No answer of Shtab is shown inside another site's frame, where a page laid over it could
		// make her click: the app's pages say so by their CSP (`frame-ancestors 'none'`,
		// svelte.config.js), and every answer by this header too, for browsers that know only it.
		res.setHeader('x-frame-options', 'DENY');
		// Every answer is read as the type it is sent as, never guessed from its bytes (before,
		// only the unknown host's page said so).
		res.setHeader('x-content-type-options', 'nosniff');
		const [path] = (req.url ?? '/').split('?', 1);
		if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
			// `access`: whether this browser may open the lists (its key was changed meanwhile?);
			// without it, nothing of what the relay holds, not even how many are at work.
			const allowed = access ? access.allows(req) : true;
			const body = JSON.stringify(
				allowed ? { ok: true, access: true, ...relay.stats() } : { ok: true, access: false }
			);
			res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
			res.end(req.method === 'HEAD' ? undefined : body);
			return;
		}
		const unknown = unknownHost(req, config.allowedHosts);
		if (unknown !== null) {
			res.writeHead(403, {
				'content-type': 'text/plain; charset=utf-8',
				'x-content-type-options': 'nosniff',
				'cache-control': 'no-store'
			});
			res.end(unknownHostPage(unknown));
			return;
		}
		if (access?.answer(req, res)) return;
		noteAnswer(req, res, path);
		if (appHandler) {
			appHandler(req, res, () => notFound(res));
			return;
		}
		notFound(res);
	};
	// Node's checks, tightened (`HEADERS_TIMEOUT_MS`): a socket that sends its request a byte at a
	// time, or nothing at all, is answered 408 and closed. A WebSocket's upgrade is such a request
	// until its headers are all in; after the upgrade the relay's heartbeat takes over.
	const headersTimeout = Math.min(config.headersTimeoutMs, config.requestTimeoutMs);
	const server = http.createServer(
		{
			headersTimeout,
			requestTimeout: config.requestTimeoutMs,
			connectionsCheckingInterval: Math.max(10, Math.min(5_000, Math.floor(headersTimeout / 4)))
		},
		answer
	);
	server.on('upgrade', (req, socket, head) => {
		if (!relay.handleUpgrade(req, socket, head)) socket.destroy();
	});

	try {
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.port, config.host, () => {
				server.off('error', reject);
				resolve(undefined);
			});
		});
	} catch (error) {
		// Its minute sweep (unref'd) would run on for good in a process that goes on.
		access?.close();
		requestLog.close();
		await relay.close();
		throw error;
	}

	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	let closed = false;

	return {
		server,
		url: `http://${host}:${address.port}`,
		port: address.port,
		relay,
		accessKey,
		async close() {
			if (closed) return;
			closed = true;
			const stopped = new Promise((resolve) => server.close(resolve));
			await relay.close();
			access?.close();
			requestLog.close();
			server.closeAllConnections();
			await stopped;
		}
	};
}

/**
 * @param {import('./relay.js').RelayLog} log
 * @returns {Promise<((req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void) | null>}
 */
async function loadAppHandler(log) {
	if (!existsSync(fileURLToPath(APP_HANDLER_URL))) {
		log.warn('[server] build/handler.js not found (run `npm run build`): serving only the relay');
		return null;
	}
	const module = await import(APP_HANDLER_URL.href);
	return module.handler;
}

/** The built app's version (SvelteKit's `version.json`), or null when there is none. */
function readAppVersion() {
	try {
		const { version } = JSON.parse(readFileSync(fileURLToPath(APP_VERSION_URL), 'utf8'));
		return typeof version === 'string' ? version : null;
	} catch {
		return null;
	}
}

/** @param {http.ServerResponse} res */
function notFound(res) {
	res.writeHead(404, { 'content-type': 'text/plain' });
	res.end('Not found');
}

/**
 * @template {Record<string, unknown>} T
 * @param {T} object
 * @returns {Partial<T>}
 */
function withoutUndefined(object) {
	return /** @type {Partial<T>} */ (
		Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
	);
}
