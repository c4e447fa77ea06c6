/**
 * Merging a room's stored updates into one (`Y.mergeUpdates`) is synchronous CPU work: a
 * 100,000-row sheet is ~30 MB and takes a few hundred milliseconds. On the relay's thread that
 * would stall every room — each edit of every operator waits behind it. So merges run in a
 * worker thread; the relay's thread only hands the bytes over and gets one update back.
 *
 * One worker, started on first use and stopped by `close()`; jobs go one at a time. If the
 * worker cannot run (or dies), the merge runs here, as before: slower for others, never lost,
 * and said once in the log.
 */
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';

/**
 * The merge itself, also run inside the worker. An update that cannot be read is skipped (and
 * counted) rather than losing the room.
 * @param {Uint8Array[]} updates
 * @returns {{ merged: Uint8Array, skipped: number }}
 */
export function mergeReadable(updates) {
	if (updates.length === 1) return { merged: updates[0], skipped: 0 };
	try {
		return { merged: Y.mergeUpdates(updates), skipped: 0 };
	} catch {
		const readable = updates.filter((update) => {
			try {
				Y.decodeUpdate(update);
				return true;
			} catch {
				return false;
			}
		});
		return { merged: Y.mergeUpdates(readable), skipped: updates.length - readable.length };
	}
}

/**
 * @typedef {object} Merger
 * @property {(updates: Uint8Array[]) => Promise<{ merged: Uint8Array, skipped: number }>} merge
 * @property {() => Promise<void>} close
 */

/**
 * Node options of this process that a worker may inherit. A worker inherits `process.execArgv`,
 * and `--input-type` (a server started with `node --input-type=module -e …`, as the benchmarks
 * do) makes every worker fail to load its file: the merges then ran on the relay's thread.
 * @param {readonly string[]} execArgv
 * @returns {string[]}
 */
export function workerExecArgv(execArgv) {
	/** @type {string[]} */
	const kept = [];
	for (let i = 0; i < execArgv.length; i++) {
		const arg = execArgv[i];
		if (arg === '--input-type')
			i++; // `--input-type module`: its value goes too
		else if (!arg.startsWith('--input-type=')) kept.push(arg);
	}
	return kept;
}

/**
 * @param {{ log?: Pick<Console, 'warn'> }} [options] where the fallback is said
 * @returns {Merger}
 */
export function createMerger({ log = console } = {}) {
	/** @type {Worker | null} */
	let worker = null;
	let broken = false;
	let warned = false;
	let nextId = 0;
	/** @type {Map<number, { resolve: (r: { merged: Uint8Array, skipped: number }) => void, reject: (e: Error) => void }>} */
	const jobs = new Map();

	function fail(/** @type {Error} */ error) {
		broken = true;
		worker = null;
		warn(error);
		for (const job of jobs.values()) job.reject(error);
		jobs.clear();
	}

	/** @param {unknown} error */
	function warn(error) {
		if (warned) return;
		warned = true;
		log.warn(
			`[store] the merge worker cannot run (${error instanceof Error ? error.message : String(error)}); merging on the relay's thread`
		);
	}

	function start() {
		if (worker || broken) return worker;
		try {
			worker = new Worker(new URL('./merge-worker.js', import.meta.url), {
				execArgv: workerExecArgv(process.execArgv)
			});
		} catch (error) {
			broken = true;
			warn(error);
			return null;
		}
		worker.unref();
		worker.on(
			'message',
			(/** @type {{ id: number, merged?: Uint8Array, skipped?: number, error?: string }} */ m) => {
				const job = jobs.get(m.id);
				if (!job) return;
				jobs.delete(m.id);
				if (m.error !== undefined || !m.merged) job.reject(new Error(m.error ?? 'merge failed'));
				else
					job.resolve({
						merged: new Uint8Array(m.merged.buffer, m.merged.byteOffset, m.merged.byteLength),
						skipped: m.skipped ?? 0
					});
			}
		);
		worker.on('error', (error) => fail(error));
		worker.on('exit', (code) => {
			if (jobs.size > 0) fail(new Error(`merge worker exited (${code})`));
			worker = null;
		});
		return worker;
	}

	return {
		async merge(updates) {
			if (updates.length <= 1) return mergeReadable(updates);
			const w = start();
			if (!w) return mergeReadable(updates);
			const id = nextId++;
			try {
				return await new Promise((resolve, reject) => {
					jobs.set(id, { resolve, reject });
					// Copies (not transfers): LevelDB's values may share one buffer.
					w.postMessage({ id, updates });
				});
			} catch {
				// The worker failed: merge here rather than not at all.
				return mergeReadable(updates);
			}
		},
		async close() {
			const w = worker;
			worker = null;
			broken = true;
			if (w) await w.terminate();
		}
	};
}
