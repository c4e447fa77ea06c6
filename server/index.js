// @ts-check
/** `npm start`: the app and the relay on one port, configured from the environment. */
import { networkInterfaces } from 'node:os';
import { isWildcard, startupLines } from './addresses.js';
import { startServer } from './app.js';
import { readConfig } from './config.js';
import { explainStartupError } from './startup-errors.js';

/**
 * The server, or an exit with one line saying why it did not start and what to do (known
 * causes: `startup-errors.js`); an unknown cause is printed whole.
 */
async function start() {
	let config = null;
	try {
		config = readConfig();
		return { running: await startServer(config), config };
	} catch (error) {
		const explained = explainStartupError(error, config);
		if (explained) console.error(explained);
		else console.error('[server] Штаб не запустился / Shtab did not start:', error);
		process.exit(1);
	}
}

const { running, config } = await start();
const bound = /** @type {import('node:net').AddressInfo} */ (running.server.address());
const everywhere = isWildcard(bound.address) ? ' (every network interface)' : '';
console.info(`[server] listening on ${running.url}${everywhere}`);
const access = running.accessKey
	? { key: running.accessKey, setting: config.accessKey !== null }
	: null;
for (const line of startupLines(bound.address, bound.port, networkInterfaces(), access))
	console.info(line);

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stop(signal) {
	if (stopping) process.exit(1); // a second signal: stop waiting
	stopping = true;
	console.info(`[server] ${signal}: closing connections and the store`);
	try {
		await running.close();
		process.exit(0);
	} catch (error) {
		console.error('[server] closing failed:', error);
		process.exit(1);
	}
}
process.on('SIGINT', (signal) => void stop(signal));
process.on('SIGTERM', (signal) => void stop(signal));
