/**
 * Test helpers of the model: staging an import as the worker does, and, for merge tests,
 * replicas that exchange updates in shuffled orders chosen by a seeded random generator, so a
 * failing order can be replayed (the Yjs testHelper idea).
 */
import * as Y from 'yjs';
import { newId } from './ids';
import type { Sheet } from './sheet';
import { stageRows } from './staging';

/** mulberry32: a small seeded generator, good enough to shuffle deliveries. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function shuffle<T>(items: T[], random: () => number): T[] {
	const a = items.slice();
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

export interface Network {
	docs: Y.Doc[];
	/** Deliver every update not yet delivered, to every other replica, each in a shuffled order. */
	sync(): void;
	/** Updates produced so far that a replica has not received yet. */
	pending(): number;
}

const REMOTE = Symbol('remote');

/** `n` replicas whose local updates are queued, not delivered, until `sync()`. */
export function createNetwork(n: number, random: () => number): Network {
	const docs = Array.from({ length: n }, () => new Y.Doc());
	const inbox: Uint8Array[][] = docs.map(() => []);
	docs.forEach((doc, from) => {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === REMOTE) return;
			docs.forEach((_, to) => {
				if (to !== from) inbox[to].push(update);
			});
		});
	});
	return {
		docs,
		sync() {
			for (const to of shuffle([...docs.keys()], random)) {
				const updates = shuffle(inbox[to].splice(0), random);
				for (const u of updates) Y.applyUpdate(docs[to], u, REMOTE);
			}
		},
		pending: () => inbox.reduce((sum, q) => sum + q.length, 0)
	};
}

/**
 * Stage `rows` into `sheet` the way the import worker does, in small chunks and slices so that
 * a test sees several of each; returns the updates (not applied) and the import's id.
 */
export function stageForTest(
	sheet: Sheet,
	columns: string[],
	rows: string[][],
	sizes: { chunkRows: number; sliceRows: number },
	importId = newId()
): { importId: string; updates: Uint8Array[] } {
	const updates: Uint8Array[] = [];
	stageRows({
		importId,
		after: sheet.lastOrder(),
		columns,
		rows,
		...sizes,
		onSlice: (update) => updates.push(update)
	});
	return { importId, updates };
}
