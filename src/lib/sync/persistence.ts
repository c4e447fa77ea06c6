/**
 * The browser's copy of a doc: y-indexeddb, with two changes for big sheets and busy rooms.
 *
 * 1. Updates from the server (a colleague's edits; they are on the server already) are written
 *    in batches — one IndexedDB transaction, small updates merged into one entry — instead of
 *    one transaction per update: 1,000 quick edits of colleagues cost 1,000 transactions on the
 *    page's thread otherwise. This tab's own updates are still written in the task that made
 *    them.
 * 2. The compaction y-indexeddb runs every 500 updates (read back everything, encode the whole
 *    doc — 30 MB for a 100,000-row sheet — on the page's thread) runs in a worker instead
 *    (`compact.worker.ts`): it merges the stored updates and replaces them in one IndexedDB
 *    transaction, so nothing is ever half-replaced and the page never stalls for it.
 * 3. The writer stops listening while the stored copy is applied (and starts again right after,
 *    in the same task): it would skip that update anyway, and Yjs encodes a transaction's
 *    update only when someone listens (30 MB for a big sheet). Changes made while the copy is
 *    read are written as usual.
 * 4. A write that fails is not forgotten (found by exploration). With the disk or the browser's
 *    share of it full, y-indexeddb dropped the update: the status said the edit waited to be
 *    sent, a reload lost it without a question. Its updates are kept, with those made after it,
 *    and written again every `STORE_RETRY_MS`; `failure` says why meanwhile. A database closed
 *    under the page (the site's data cleared, «Очистить историю», or the database deleted) is
 *    opened again and given the whole doc: every later write threw before, and a reload found
 *    neither the list nor the edits waiting in it.
 */
import * as idb from 'lib0/indexeddb';
import { fetchUpdates, IndexeddbPersistence, PREFERRED_TRIM_SIZE } from 'y-indexeddb';
import * as Y from 'yjs';
import type { CompactRequest, CompactResult } from './compact.worker';

/** Colleagues' updates wait at most this long to be written together. */
export const REMOTE_BATCH_MS = 50;
/** Colleagues' updates written together at most (merging 100 small updates takes a few ms). */
export const MAX_BATCH_UPDATES = 100;
/** A batch up to this size is merged into one stored update (merging is cheap for small ones). */
export const MERGE_BATCH_BYTES = 256 * 1024;
/**
 * This tab's changes count as "being saved" (the status says so, a close of the page asks
 * first) once they have waited this long: an edit is stored in a few ms, and a question at
 * every reload right after typing would be noise; a big import's slices take seconds.
 */
export const LONG_WRITE_MS = 200;
const UPDATES_STORE = 'updates';
/** A write the store refused is tried again this often, with every change made since. */
export const STORE_RETRY_MS = 10_000;

/** Why the browser's store does not take this doc's changes, while it does not. */
export interface StoreFailure {
	/** The disk, or the browser's share of it, is full (`QuotaExceededError`). */
	full: boolean;
	/** The browser's own words, for the rest (a disk error). */
	message: string;
}

function storeFailure(error: unknown): StoreFailure {
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	const message = error instanceof Error || error instanceof DOMException ? error.message : '';
	return {
		// Chromium says a full disk in its words: «IO error: …: FILE_ERROR_NO_SPACE».
		full: name === 'QuotaExceededError' || /NO_SPACE|quota/i.test(message),
		message: message || name || String(error)
	};
}
/** A database closed under the page is opened again at most this many times in a row. */
const REOPEN_ATTEMPTS = 3;
/** Another tab's stored changes are read at most this often. */
const PULL_DELAY_MS = 100;

/** This tab, among the browser's tabs (its keys in localStorage, its signals to the others). */
export const TAB_ID = Math.random().toString(36).slice(2, 10);

/**
 * The localStorage key a tab sets (`<tab> <time>`) each time it has stored changes of its own:
 * the other tabs with the doc open hear of it (a `storage` event) and read them in.
 */
export function storedSignalKey(name: string): string {
	return `shtab:stored:${name}`;
}

/**
 * Why IndexedDB refused to open, per refusal: the connection shows it in the status bar, but
 * y-indexeddb's own promises that wait for the database reject with it too, unhandled.
 */
const refusals = new WeakSet<object>();
let hushing = false;

function hushRefusals(): void {
	if (hushing || typeof globalThis.addEventListener !== 'function') return;
	hushing = true;
	globalThis.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
		const reason: unknown = event.reason;
		if (typeof reason === 'object' && reason !== null && refusals.has(reason))
			event.preventDefault();
	});
}

/**
 * Whether a database connection was closed under the page: a transaction can no longer be
 * started on it (the browser aborts the ones in flight, and fires no event in every case).
 */
function closed(db: IDBDatabase): boolean {
	try {
		db.transaction([UPDATES_STORE], 'readonly').abort();
		return false;
	} catch {
		return true;
	}
}

/** The docs this tab keeps: a cleared site's data closes all of their databases at once. */
const live = new Set<BatchedIndexeddbPersistence>();

/** Small updates merged into one (merging is cheap for them), big ones as they are. */
function merged(updates: Uint8Array[]): Uint8Array[] {
	if (updates.length < 2) return updates;
	let bytes = 0;
	for (const update of updates) bytes += update.length;
	return bytes <= MERGE_BATCH_BYTES ? [Y.mergeUpdates(updates)] : updates;
}

export class BatchedIndexeddbPersistence extends IndexeddbPersistence {
	/** Updates with this origin (the websocket provider) are batched. */
	remoteOrigin: unknown = null;
	#queue: Uint8Array[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;
	#microtask = false;
	#compacting = false;
	/**
	 * Transactions holding this tab's own changes, started and not yet complete (a page closed
	 * now aborts them). Colleagues' updates are on the server already: not counted, or the
	 * status would flicker at every batch of a colleague's typing.
	 */
	#writing = 0;
	/** This tab's own changes wait in `#queue`. */
	#localQueued = false;
	/** Updates the store refused, and those made since: written again at the next try. */
	#unstored: Uint8Array[] = [];
	/** Some of `#unstored` are this tab's own changes. */
	#unstoredLocal = false;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	/** The database is being opened again (it was closed under the page). */
	#reopening = false;
	#failure: StoreFailure | null = null;
	/** When the database was last opened again, no write having succeeded since (0: none). */
	#reopenedAt = 0;
	/** Since when this tab's own changes wait to be stored (null: none wait). */
	#since: number | null = null;
	#longTimer: ReturnType<typeof setTimeout> | null = null;
	readonly #writingListeners = new Set<() => void>();
	readonly #onPageHide = () => this.#flush();
	#pullTimer: ReturnType<typeof setTimeout> | null = null;
	/** When the stored copy was last read whole or in part (0: not yet). */
	readUpTo = 0;
	readonly #onStorage = (event: StorageEvent) => {
		if (event.key !== storedSignalKey(this.name) || !event.newValue) return;
		if (event.newValue.startsWith(`${TAB_ID} `)) return;
		this.#pullTimer ??= setTimeout(() => this.#pull(), PULL_DELAY_MS);
	};
	#detach: () => void = () => {};

	constructor(name: string, doc: Y.Doc) {
		super(name, doc);
		hushRefusals();
		this._db.then(
			(db) => this.#watch(db),
			(reason: unknown) => {
				if (typeof reason === 'object' && reason !== null) refusals.add(reason);
			}
		);
		live.add(this);
		// Replace y-indexeddb's own per-update writer with ours.
		doc.off('update', this._storeUpdate);
		this._storeUpdate = (update: Uint8Array, origin: unknown) => {
			if (!this.db || origin === this) return;
			this.#queue.push(update);
			if (origin !== null && origin === this.remoteOrigin) {
				// A full batch goes at once: merging a few hundred updates would be a long task.
				if (this.#queue.length >= MAX_BATCH_UPDATES) this.#flush();
				else this.#timer ??= setTimeout(() => this.#flush(), REMOTE_BATCH_MS);
			} else {
				this.#localQueued = true;
				this.#begin();
				if (!this.#microtask) {
					// This tab's change: written before the task ends (with any batch waiting).
					this.#microtask = true;
					queueMicrotask(() => this.#flush());
				}
			}
		};
		doc.on('update', this._storeUpdate);
		// Not listening while the stored copy is applied (see 3. above); back right after it, in
		// the same task, before anything else can change the doc.
		let applying = false;
		const resume = () => {
			if (!applying) return;
			applying = false;
			if (!this._destroyed) doc.on('update', this._storeUpdate);
		};
		const onBefore = (transaction: Y.Transaction) => {
			if (transaction.origin !== this || applying) return;
			applying = true;
			doc.off('update', this._storeUpdate);
		};
		const onCleanup = (transaction: Y.Transaction) => {
			if (transaction.origin === this) queueMicrotask(resume);
		};
		doc.on('beforeTransaction', onBefore);
		doc.on('afterTransactionCleanup', onCleanup);
		this.on('synced', resume);
		this.#detach = () => {
			doc.off('beforeTransaction', onBefore);
			doc.off('afterTransactionCleanup', onCleanup);
		};
		globalThis.addEventListener?.('pagehide', this.#onPageHide);
		// Tabs of one browser do not share a BroadcastChannel (see connection.ts): another tab's
		// changes are read from the store it wrote them to. Without it, a change made in a tab
		// closed while the server was away reached no one while this tab stayed open, and this
		// tab said all was on the server.
		globalThis.addEventListener?.('storage', this.#onStorage);
		this.on('synced', () => {
			if (this.readUpTo === 0) this.readUpTo = Date.now();
		});
	}

	/** Reads in what other tabs stored since the last read: only the entries after it. */
	#pull() {
		this.#pullTimer = null;
		if (!this.db || this._destroyed || !this.synced) return;
		const started = Date.now();
		let reading: Promise<unknown>;
		try {
			reading = fetchUpdates(this);
		} catch {
			// The database was closed under the page (its data cleared): made again.
			this.#reopen();
			return;
		}
		reading.then(
			() => {
				this.readUpTo = Math.max(this.readUpTo, started);
			},
			(error: unknown) => console.warn(`local store: reading ${this.name} again failed`, error)
		);
	}

	/**
	 * The browser closes the database under the page when the site's data is cleared (a `close`
	 * event), or asks it to let go when the database is deleted (`versionchange`): the page's
	 * copy, with the changes the server has not got yet, is written into a new one.
	 */
	#watch(db: IDBDatabase) {
		db.onversionchange = () => {
			db.close();
			if (this.db === db) this.#reopen();
		};
		db.onclose = () => {
			if (this.db === db) this.#reopen();
		};
	}

	/**
	 * The database was closed under the page: opened again, unless that was done a moment ago
	 * with no write stored since (a full disk closes it at each write); false then.
	 */
	#closedUnder(): boolean {
		if (Date.now() - this.#reopenedAt < STORE_RETRY_MS) return false;
		this.#reopen();
		return true;
	}

	#reopen(attempt = 1) {
		if (this.#reopening || this._destroyed) return;
		this.#reopening = true;
		this.#reopenedAt = Date.now();
		// The other docs' databases went with this one (the site's data cleared): each is made
		// again now, not at its next write, which may never come before the tab is closed.
		for (const other of live) if (other.db && closed(other.db)) other.#reopen();
		// Let go of, or a deletion waiting for it would hold up the open below.
		this.db?.close();
		this.db = null;
		// All of it is in the doc, written whole once the database is open again.
		this.#queue = [];
		this.#unstored = [];
		this.#localQueued = this.#unstoredLocal = false;
		this.#begin();
		this.#writing++;
		const opened = idb.openDB(this.name, (db) =>
			idb.createStores(db, [[UPDATES_STORE, { autoIncrement: true }], ['custom']])
		);
		opened.then(
			(db) => {
				this.#reopening = false;
				this.#writing--;
				if (this._destroyed) {
					db.close();
					return;
				}
				this.#watch(db);
				this.db = db;
				this._db = opened;
				// Other tabs' changes are read from the first entry on (auto keys start at 1).
				this._dbref = 1;
				this._dbsize = 0;
				this.#unstored = [Y.encodeStateAsUpdate(this.doc)];
				this.#unstoredLocal = true;
				this.#flush(true);
			},
			(error: unknown) => {
				this.#reopening = false;
				this.#writing--;
				// Opened while the browser was still deleting it («The connection was closed»):
				// opened again at once, after the deletion.
				if (attempt < REOPEN_ATTEMPTS) {
					this.#reopen(attempt + 1);
					return;
				}
				this.#setFailure(storeFailure(error));
				this.#retryLater();
				this.#end();
			}
		);
	}

	/** Why this doc's changes are not being stored, while they are not (null: they are). */
	get failure(): StoreFailure | null {
		return this.#failure;
	}

	#setFailure(failure: StoreFailure | null) {
		const was = this.#failure;
		// A full disk stays the reason until a write succeeds (the database it closed fails next).
		if (was === failure || (was && failure && (was.full || !failure.full))) return;
		this.#failure = failure;
		if (failure) console.warn(`local store: writing ${this.name} failed: ${failure.message}`);
		for (const listener of this.#writingListeners) listener();
	}

	/** Updates not stored (refused, or waiting while the store refuses): written again later. */
	#keep(updates: Uint8Array[], local: boolean) {
		this.#unstored = merged([...this.#unstored, ...updates]);
		this.#unstoredLocal ||= local;
	}

	#retryLater() {
		this.#retryTimer ??= setTimeout(() => {
			this.#retryTimer = null;
			if (this.db) this.#flush(true);
			else this.#reopen();
		}, STORE_RETRY_MS);
	}

	/** Writes what waits; `retry`: also while the store refuses (otherwise it waits for that). */
	#flush(retry = false) {
		this.#microtask = false;
		if (this.#timer !== null) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
		const db = this.db;
		if (!db || this._destroyed) return;
		if (this.#failure && !retry) {
			// Tried again with the rest later, all at once: each slice of a big import written
			// with every slice refused before it was tried, the bytes written grew as their square.
			if (this.#queue.length === 0) return;
			this.#keep(this.#queue, this.#localQueued);
			this.#queue = [];
			this.#localQueued = false;
			this.#end();
			return;
		}
		if (this.#queue.length === 0 && this.#unstored.length === 0) return;
		if (this.#retryTimer !== null) {
			clearTimeout(this.#retryTimer);
			this.#retryTimer = null;
		}
		const batch = this.#unstored.length ? [...this.#unstored, ...this.#queue] : this.#queue;
		const local = this.#localQueued || this.#unstoredLocal;
		this.#queue = [];
		this.#unstored = [];
		this.#localQueued = this.#unstoredLocal = false;
		// Many small updates (a colleague typing, a burst of edits) are stored as one.
		const rows = merged(batch);
		let transaction: IDBTransaction;
		try {
			transaction = db.transaction([UPDATES_STORE], 'readwrite');
		} catch (error) {
			// The database was closed under the page (its data cleared): made again, with the doc.
			if (!this.#closedUnder()) {
				this.#keep(rows, local);
				this.#setFailure(storeFailure(error));
				this.#retryLater();
				this.#end();
			}
			return;
		}
		const store = transaction.objectStore(UPDATES_STORE);
		for (const update of rows) {
			const request = store.add(update);
			// Read-in of other tabs' changes (`#pull`) starts after what this tab wrote itself
			// when nothing of theirs came between: it would read this tab's own again (an import's
			// 30 MB) for nothing.
			request.onsuccess = () => {
				if (request.result === this._dbref) this._dbref = (request.result as number) + 1;
			};
		}
		this._dbsize += rows.length;
		if (this._dbsize >= PREFERRED_TRIM_SIZE) this.#compact();
		if (local) this.#writing++;
		let settled = false;
		const settle = (failed: boolean) => {
			if (settled) return;
			settled = true;
			if (failed) {
				this._dbsize -= rows.length;
				const error = transaction.error;
				// A connection closed under the page aborts its transactions («The connection was
				// closed»; the page's own code never aborts one) and may take a moment to say so.
				const gone = closed(db) || error?.name === 'AbortError';
				if (this.db !== db) {
					// Already being made again, with the whole doc.
				} else if (!gone || !this.#closedUnder()) {
					// Kept, and written again later: the disk may have room by then.
					this.#keep(rows, local);
					this.#setFailure(storeFailure(error ?? new Error('aborted')));
					this.#retryLater();
				}
			} else {
				this.#reopenedAt = 0;
				if (this.#failure) {
					// Room again: what waited meanwhile goes now.
					this.#setFailure(null);
					this.#flush();
				}
			}
			if (!local) return;
			this.#writing--;
			this.#end();
		};
		transaction.oncomplete = () => {
			settle(false);
			if (!local) return;
			try {
				globalThis.localStorage?.setItem(storedSignalKey(this.name), `${TAB_ID} ${Date.now()}`);
			} catch {
				// Storage blocked: other tabs read this one's changes when they load the doc.
			}
		};
		// A write that fails (a full disk) aborts its transaction, `error` saying why.
		transaction.onabort = () => settle(true);
	}

	/** This tab's changes start waiting: listeners hear of it once the wait is long. */
	#begin() {
		if (this.#since !== null) return;
		this.#since = Date.now();
		this.#longTimer = setTimeout(() => {
			this.#longTimer = null;
			for (const listener of this.#writingListeners) listener();
		}, LONG_WRITE_MS);
	}

	/** Nothing of this tab waits any more: listeners hear of it if they heard of the wait. */
	#end() {
		if (this.#since === null || this.#writing > 0 || this.#localQueued) return;
		this.#since = null;
		if (this.#longTimer !== null) {
			clearTimeout(this.#longTimer);
			this.#longTimer = null;
			return;
		}
		for (const listener of this.#writingListeners) listener();
	}

	/**
	 * Whether changes of this tab have waited `LONG_WRITE_MS` or more and are not yet in
	 * IndexedDB (queued, or in a transaction not yet complete). A big import's slices take
	 * seconds to write; closing the page meanwhile would lose them.
	 */
	get writing(): boolean {
		return this.#since !== null && Date.now() - this.#since >= LONG_WRITE_MS;
	}

	/** Called when `writing` or `failure` may have changed. Returns the unsubscribe. */
	onWriting(listener: () => void): () => void {
		this.#writingListeners.add(listener);
		return () => this.#writingListeners.delete(listener);
	}

	#compact() {
		if (this.#compacting || typeof Worker === 'undefined') return;
		this.#compacting = true;
		const before = this._dbsize;
		const worker = new Worker(new URL('./compact.worker.ts', import.meta.url), { type: 'module' });
		const done = () => {
			worker.terminate();
			this.#compacting = false;
		};
		worker.onmessage = (event: MessageEvent<CompactResult>) => {
			// What was stored meanwhile came after the compaction and is still there.
			if (event.data.ok) this._dbsize = event.data.count + Math.max(0, this._dbsize - before);
			else console.warn(`local store: compacting ${this.name} failed: ${event.data.error}`);
			done();
		};
		worker.onerror = (event) => {
			event.preventDefault();
			console.warn(`local store: compacting ${this.name} failed: ${event.message}`);
			done();
		};
		worker.postMessage({ name: this.name } satisfies CompactRequest);
	}

	override destroy(): Promise<void> {
		this.#flush();
		if (this.#longTimer !== null) clearTimeout(this.#longTimer);
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		this.#detach();
		globalThis.removeEventListener?.('pagehide', this.#onPageHide);
		globalThis.removeEventListener?.('storage', this.#onStorage);
		if (this.#pullTimer !== null) clearTimeout(this.#pullTimer);
		live.delete(this);
		return super.destroy();
	}
}
