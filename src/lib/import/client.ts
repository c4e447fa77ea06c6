/**
 * The page's side of the import worker: one request at a time, answered by a promise, with
 * progress on the way. `cancel()` terminates the worker at once; nothing was written to any
 * sheet before the page applies the prepared plan, so a cancelled import changes nothing.
 */
import type { DuplicatePolicy, EncodingOverride, ExistingRow, KeyColumns } from '../csv';
import type { ImportTargetColumn } from './plan';
import type {
	FromWorker,
	ImportProgress,
	ParseSummary,
	StagedSlice,
	StageRequest,
	ToWorker
} from './protocol';

type Answer<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export class ImportCancelled extends Error {
	constructor() {
		super('The import was cancelled');
		this.name = 'ImportCancelled';
	}
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
		this.#worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
		this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
		this.#worker.onerror = (event) => {
			event.preventDefault();
			this.#fail(new Error(event.message || 'import worker failed'));
		};
	}

	#receive(message: FromWorker) {
		if (this.#closed) return; // a message queued before `cancel()`
		if (message.type === 'slice') {
			try {
				this.onSlice?.(message);
			} catch (error) {
				this.#fail(error instanceof Error ? error : new Error(String(error)));
			}
			return;
		}
		if (message.type === 'progress') {
			this.onProgress?.(message);
			return;
		}
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
		addDeleted = false
	): Promise<Answer<'prepared'>> {
		return this.#request({ type: 'prepare', policy, stage, addDeleted }, 'prepared');
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
