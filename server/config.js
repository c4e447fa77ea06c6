// @ts-check
/**
 * The server's configuration: every setting read from the environment, with its default, in one
 * place. Nothing is read at import time; call `readConfig()`.
 */

import { readAccessKeySetting } from './access.js';
import { parseTrustedProxies } from './addresses.js';
import { parseAllowedHosts } from './origin.js';
import { SettingError } from './startup-errors.js';

export const DEFAULT_PORT = 3000;
/** Loopback unless HOST says otherwise: a relay is not exposed by accident. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';
/** Largest WebSocket message accepted from a client (a big CSV import arrives as one update). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A client whose unsent backlog grows past this is closed; it reconnects and resyncs. */
export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** A document leaves memory this long after its last client left. */
/**
 * A message to a browser longer than this is sent in parts of this size (`relay.js`,
 * `messagePart`): on a slow line each part counts as a message received, and pings, presences
 * and small edits go between them.
 */
export const DEFAULT_PART_BYTES = 64 * 1024;
export const DEFAULT_DOC_IDLE_MS = 30_000;
/**
 * Connections one client address (an IPv6 one: its /64) may hold at once. A page holds two or
 * three (the list of sheets, the list open, one read for a check): 200 is some 60 tabs behind
 * one address. One client opened 3,000 lists in 4 s, and the server grew by 190 MB.
 */
export const DEFAULT_MAX_PER_ADDRESS = 200;
/**
 * Documents (lists) in the relay's memory at once. Past it the one idle longest is written back
 * and dropped before another is loaded; when none is idle, the new one is refused.
 */
export const DEFAULT_MAX_DOCS = 500;
export const DEFAULT_PING_INTERVAL_MS = 30_000;
/**
 * A request (the WebSocket's upgrade too) whose headers have not all come within this is answered
 * 408 and closed; one whose body has not, within `DEFAULT_REQUEST_TIMEOUT_MS`. Node's own were
 * 60 s and 5 min, looked at every 30 s: a client sending a header a byte at a time (slowloris)
 * held each socket a minute and a half. A browser sends its headers in one go, on any line.
 */
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** LevelDB writes with fsync; without it an update survives a crash of the process, not of the OS. */
export const DEFAULT_STORE_SYNC = false;

/**
 * @typedef {object} Config
 * @property {number} port
 * @property {string} host
 * @property {string} dataDir
 * @property {number} maxMessageBytes
 * @property {number} maxBufferedBytes
 * @property {number} partBytes
 * @property {number} docIdleMs
 * @property {number} maxPerAddress
 * @property {number} maxDocs
 * @property {number} pingIntervalMs
 * @property {number} headersTimeoutMs
 * @property {number} requestTimeoutMs
 * @property {boolean} storeSync
 * @property {string[]} allowedHosts host names besides localhost and IP addresses that browser
 *   pages may use (see origin.js)
 * @property {string | null} accessKey `ACCESS_KEY`: the key other computers need (access.js);
 *   null: made at random and kept in `dataDir` when one is needed
 * @property {string[]} trustedProxies `TRUSTED_PROXIES`: reverse proxies whose `X-Forwarded-For`
 *   says whose a request is (addresses.js, `clientAddressReader`); none by default
 */

/**
 * @param {Record<string, string | undefined>} [env]
 * @returns {Config}
 */
export function readConfig(env = process.env) {
	return {
		port: readInteger(env, 'PORT', DEFAULT_PORT),
		host: readString(env, 'HOST', DEFAULT_HOST),
		dataDir: readString(env, 'DATA_DIR', DEFAULT_DATA_DIR),
		maxMessageBytes: readInteger(env, 'MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 1),
		maxBufferedBytes: readInteger(env, 'MAX_BUFFERED_BYTES', DEFAULT_MAX_BUFFERED_BYTES, 1),
		partBytes: readInteger(env, 'PART_BYTES', DEFAULT_PART_BYTES, 1),
		docIdleMs: readInteger(env, 'DOC_IDLE_MS', DEFAULT_DOC_IDLE_MS),
		maxPerAddress: readInteger(env, 'MAX_PER_ADDRESS', DEFAULT_MAX_PER_ADDRESS, 1),
		maxDocs: readInteger(env, 'MAX_DOCS', DEFAULT_MAX_DOCS, 1),
		pingIntervalMs: readInteger(env, 'PING_INTERVAL_MS', DEFAULT_PING_INTERVAL_MS, 1),
		headersTimeoutMs: readInteger(env, 'HEADERS_TIMEOUT_MS', DEFAULT_HEADERS_TIMEOUT_MS, 1),
		requestTimeoutMs: readInteger(env, 'REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, 1),
		storeSync: readBoolean(env, 'STORE_SYNC', DEFAULT_STORE_SYNC),
		allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
		accessKey: readAccessKeySetting(env.ACCESS_KEY),
		trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES)
	};
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {string} name
 * @param {string} fallback
 */
function readString(env, name, fallback) {
	const value = env[name];
	return value === undefined || value === '' ? fallback : value;
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {string} name
 * @param {number} fallback
 * @param {number} [min]
 */
function readInteger(env, name, fallback, min = 0) {
	const value = env[name];
	if (value === undefined || value === '') return fallback;
	const number = Number(value);
	if (!Number.isSafeInteger(number) || number < min) {
		throw new SettingError(`${name} must be an integer >= ${min}, got "${value}"`);
	}
	return number;
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {string} name
 * @param {boolean} fallback
 */
function readBoolean(env, name, fallback) {
	const value = env[name];
	if (value === undefined || value === '') return fallback;
	if (value === '1' || value === 'true') return true;
	if (value === '0' || value === 'false') return false;
	throw new SettingError(`${name} must be 1 or 0, got "${value}"`);
}
