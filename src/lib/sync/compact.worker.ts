/**
 * Compacts a doc's IndexedDB store (y-indexeddb's layout: object store `updates`, auto keys)
 * off the page's thread: every stored update is read, merged into one, and the merged update
 * replaces them — all in ONE readwrite transaction, so a crash leaves either the old updates or
 * the merged one, never a mix. Updates the page adds meanwhile wait for the transaction and
 * are kept (they get keys after it). Started by `persistence.ts`, one job, then terminated.
 */
import * as Y from 'yjs';

export interface CompactRequest {
	name: string;
}

export type CompactResult = { ok: true; count: number } | { ok: false; error: string };

const scope = self as unknown as {
	postMessage(message: CompactResult): void;
	onmessage: ((event: MessageEvent<CompactRequest>) => void) | null;
};

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function compact(name: string): Promise<number> {
	const opening = indexedDB.open(name);
	// Gone meanwhile (the site's data cleared): not made again here, without its stores (the page
	// makes it again with them, `persistence.ts`); the open fails instead.
	opening.onupgradeneeded = () => opening.transaction?.abort();
	const db = await request(opening);
	try {
		const tx = db.transaction(['updates'], 'readwrite');
		const store = tx.objectStore('updates');
		const finished = new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error ?? new Error('aborted'));
		});
		const keysReq = store.getAllKeys();
		const valuesReq = store.getAll();
		let count = 0;
		valuesReq.onsuccess = () => {
			// Still inside the transaction: merge synchronously, then replace.
			const keys = keysReq.result as number[];
			const values = valuesReq.result as Uint8Array[];
			if (values.length <= 1) {
				count = values.length;
				return;
			}
			const merged = Y.mergeUpdates(values);
			store.add(merged);
			store.delete(IDBKeyRange.upperBound(keys[keys.length - 1]));
			count = 1;
		};
		await finished;
		return count;
	} finally {
		db.close();
	}
}

scope.onmessage = (event) => {
	compact(event.data.name).then(
		(count) => scope.postMessage({ ok: true, count }),
		(error: unknown) =>
			scope.postMessage({
				ok: false,
				error: error instanceof Error ? error.message : String(error)
			})
	);
};
