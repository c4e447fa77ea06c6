// @ts-check
/** `npm start`: the app and the relay on one port, configured from the environment. */
import { startServer } from './app.js';
import { readConfig } from './config.js';

const running = await startServer(readConfig());
console.info(`[server] listening on ${running.url}`);

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
