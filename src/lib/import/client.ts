/**
 * The page's side of the import worker: one request at a time, answered by a promise, with
 * progress on the way. `cancel()` terminates the worker at once; nothing was written to any
 * sheet before the page applies the prepared plan, so a cancelled import changes nothing.
 */
import type { DuplicatePolicy, EncodingOverride, ExistingRow, KeyColumns } from '../csv';
import type { ImportTargetColumn } from './plan';
import {
	absoluteNow,
	type FromWorker,
	type ImportProgress,
	type ParseSummary,
	type StagedSlice,
	type StageRequest,
	type ToWorker,
	type WorkerTiming
} from './protocol';

/** The prefix of the import's `performance.measure` entries (see `noteImportTiming`). */
export const IMPORT_MEASURE = 'import:';

/**
 * Notes a step of the import as a `performance.measure` entry `import:<name>` (the worker's steps,
 * the page's applying of each slice, the wait of each message, the commit): DevTools shows them on
 * its timeline and `bench/import.bench.ts` reads them. `start` is `absoluteNow()` of any thread.
 * Never fails the import.
 */
export function noteImportTiming(name: string, start: number, ms: number): void {
	try {
		performance.measure(IMPORT_MEASURE + name, {
			start: Math.max(0, start - performance.timeOrigin),
			duration: Math.max(0, ms)
		});
	} catch {
		// No User Timing here (an old browser): nothing to note.
	}
}

/** The notes of the import before, dropped as a new one starts (they would pile up otherwise). */
function clearImportTimings() {
	try {
		const names = new Set(
			performance
				.getEntriesByType('measure')
				.map((entry) => entry.name)
				.filter((name) => name.startsWith(IMPORT_MEASURE))
		);
		for (const name of names) performance.clearMeasures(name);
	} catch {
		// As above.
	}
}

function noteWorkerTimings(timings: WorkerTiming[] | undefined) {
	for (const t of timings ?? []) noteImportTiming(t.name, t.start, t.ms);
}

type Answer<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export class ImportCancelled extends Error {
	constructor() {
		super('The import was cancelled');
		this.name = 'ImportCancelled';
	}
}

/**
 * A worker started before the file is chosen (`warmImportWorker`), taken by the next
 * `ImportWorker`: the browser fetches, compiles and runs the worker's module while the
 * coordinator looks for her file, not after she picked it (40–90 ms of every import, measured
 * 2026-12-07). `failed`: it could not start (its file gone): not taken, the import starts its own
 * and says why, as before.
 */
let spare: { worker: Worker; failed: boolean } | null = null;

function startWorker(): Worker {
	return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
}

/** Start the next import's worker now (the import dialog opened); nothing if one is waiting. */
export function warmImportWorker(): void {
	if (spare) return;
	const warm = { worker: startWorker(), failed: false };
	warm.worker.onerror = (event) => {
		event.preventDefault();
		warm.failed = true;
	};
	spare = warm;
}

/** The worker started ahead is not needed (the dialog closed): it stops. */
export function dropWarmImportWorker(): void {
	spare?.worker.terminate();
	spare = null;
}

function takeWorker(): Worker {
	const warm = spare;
	spare = null;
	if (warm && !warm.failed) return warm.worker;
	warm?.worker.terminate();
	return startWorker();
}

export class ImportWorker {
	readonly #worker: Worker;
	#pending: {
		expect: FromWorker['type'];
		resolve: (message: FromWorker) => void;
		reject: (error: Error) => void;
	} | null = null;
	#closed = false;
	onProgress: ((progress: ImportProgress) => void) | null = null;
	/** Each slice of a staged import, in order, each in its own task. */
	onSlice: ((slice: StagedSlice) => void) | null = null;

	constructor() {
		clearImportTimings();
		this.#worker = takeWorker();
		this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
		this.#worker.onerror = (event) => {
			event.preventDefault();
			this.#fail(new Error(event.message || 'import worker failed'));
		};
	}

	#receive(message: FromWorker) {
		if (this.#closed) return; // a message queued before `cancel()`
		if (message.type === 'slice') {
			const received = absoluteNow();
			noteImportTiming('slice-wait', message.sentAt, received - message.sentAt);
			try {
				this.onSlice?.(message);
			} catch (error) {
				this.#fail(error instanceof Error ? error : new Error(String(error)));
			}
			noteImportTiming('slice-apply', received, absoluteNow() - received);
			return;
		}
		if (message.type === 'progress') {
			this.onProgress?.(message);
			return;
		}
		if ('timings' in message) noteWorkerTimings(message.timings);
		if (message.type === 'prepared')
			noteImportTiming('prepared-wait', message.sentAt, absoluteNow() - message.sentAt);
		const pending = this.#pending;
		this.#pending = null;
		if (!pending) return;
		if (message.type === 'failed') pending.reject(new Error(message.message));
		else if (message.type !== pending.expect)
			pending.reject(new Error(`unexpected ${message.type}`));
		else pending.resolve(message);
	}

	#fail(error: Error) {
		const pending = this.#pending;
		this.#pending = null;
		pending?.reject(error);
	}

	#request<T extends FromWorker['type']>(message: ToWorker, expect: T): Promise<Answer<T>> {
		if (this.#closed) return Promise.reject(new ImportCancelled());
		if (this.#pending) return Promise.reject(new Error('the import worker is busy'));
		return new Promise((resolve, reject) => {
			this.#pending = { expect, resolve: resolve as (m: FromWorker) => void, reject };
			this.#worker.postMessage(message);
		});
	}

	/**
	 * Read and parse a file (or re-parse the same one in another encoding, or with or without
	 * a title row; `header` undefined: guessed).
	 */
	parse(
		file: Blob | undefined,
		encoding?: EncodingOverride,
		header?: boolean
	): Promise<ParseSummary> {
		return this.#request({ type: 'parse', file, encoding, header }, 'parsed');
	}

	analyze(options: {
		targets: ImportTargetColumn[];
		ifNoneMatched?: ImportTargetColumn[];
		existing: ExistingRow[];
		targetSheetId: string;
		keyColumnsBySheet: Record<string, KeyColumns>;
	}): Promise<Answer<'analyzed'>> {
		return this.#request({ type: 'analyze', ...options }, 'analyzed');
	}

	/** With `stage`, the new rows come as `onSlice` updates before the answer. */
	prepare(
		policy: DuplicatePolicy,
		stage?: StageRequest,
		addDeleted = false,
		newRow?: Record<string, string>
	): Promise<Answer<'prepared'>> {
		return this.#request({ type: 'prepare', policy, stage, addDeleted, newRow }, 'prepared');
	}

	get busy(): boolean {
		return this.#pending !== null;
	}

	/** Stop the worker now; a request under way fails with `ImportCancelled`. */
	cancel(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#worker.terminate();
		this.#fail(new ImportCancelled());
	}
}
