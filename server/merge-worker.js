/** The merge worker thread of `merge.js`: one merge per message, answered with its id. */
import { parentPort } from 'node:worker_threads';
import { mergeReadable } from './merge.js';

parentPort?.on(
	'message',
	(/** @type {{ id: number, updates: Uint8Array[] }} */ { id, updates }) => {
		try {
			const { merged, skipped } = mergeReadable(updates);
			parentPort?.postMessage({ id, merged, skipped });
		} catch (error) {
			parentPort?.postMessage({
				id,
				error: error instanceof Error ? error.message : String(error)
			});
		}
	}
);
