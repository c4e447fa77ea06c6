// @ts-check
/**
 * The relay on somebody else's HTTP server: Vite's, in `vite dev` and `vite preview`. Only
 * upgrades under /sync/ are taken; the others (Vite's HMR socket) are left alone.
 *
 * The relay and its store are opened on the first /sync/ upgrade, not when this is called, so
 * tools that load vite.config.ts (vitest, svelte-check) never open the database. There is one
 * relay per process, shared by every server it is attached to: Vite bundles its config afresh on
 * each restart, so the relay is kept on `globalThis`, not in this module.
 */
import { join } from 'node:path';
import { readConfig } from './config.js';
import { createRelay, SYNC_PATH_PREFIX } from './relay.js';
import { createLevelStore } from './store.js';

const DOCS_DIR = 'docs';
const STATE_KEY = Symbol.for('shtab.relay.attached');

/**
 * @typedef {object} AttachOptions
 * @property {string} [dataDir]
 * @property {import('./relay.js').Authorize} [authorize]
 * @property {import('./relay.js').RelayLog} [log]
 */

/**
 * @typedef {object} AttachedState
 * @property {WeakSet<import('node:http').Server>} servers
 * @property {Promise<import('./relay.js').Relay> | null} relay
 */

/** @returns {AttachedState} */
function state() {
	const global = /** @type {Record<symbol, AttachedState | undefined>} */ (globalThis);
	return (global[STATE_KEY] ??= { servers: new WeakSet(), relay: null });
}

/**
 * @param {import('node:http').Server | import('node:http2').Http2SecureServer} httpServer
 * @param {AttachOptions} [options]
 * @returns {Promise<void>}
 */
export async function attachRelay(httpServer, options = {}) {
	const attached = state();
	const server = /** @type {import('node:http').Server} */ (httpServer);
	if (attached.servers.has(server)) return;
	attached.servers.add(server);
	const log = options.log ?? console;

	function relay() {
		attached.relay ??= openRelay(options, log).catch((error) => {
			attached.relay = null; // try again on the next upgrade
			throw error;
		});
		return attached.relay;
	}

	server.on('upgrade', (req, socket, head) => {
		const [path] = (req.url ?? '').split('?', 1);
		if (!path.startsWith(SYNC_PATH_PREFIX)) return;
		socket.on('error', () => {});
		relay().then(
			(opened) => opened.handleUpgrade(req, socket, head),
			(error) => {
				log.error(`[relay] could not start: ${error instanceof Error ? error.message : error}`);
				socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
			}
		);
	});
}

/**
 * @param {AttachOptions} options
 * @param {import('./relay.js').RelayLog} log
 */
async function openRelay(options, log) {
	const config = readConfig();
	const dataDir = options.dataDir ?? config.dataDir;
	const store = await createLevelStore({
		dir: join(dataDir, DOCS_DIR),
		sync: config.storeSync,
		log
	});
	log.info(`[relay] documents in ${join(dataDir, DOCS_DIR)}`);
	return createRelay({ store, config, authorize: options.authorize, log });
}

/** Closes the relay opened by `attachRelay` (if any); a later /sync/ upgrade opens it again. */
export async function closeAttachedRelay() {
	const attached = state();
	const opening = attached.relay;
	attached.relay = null;
	const relay = await opening?.catch(() => null);
	await relay?.close();
}
