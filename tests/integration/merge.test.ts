/**
 * The store's merges run in a worker thread (`server/merge.js`): same result as `Y.mergeUpdates`,
 * unreadable updates skipped and counted, and the relay's thread free meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMerger, workerExecArgv } from '../../server/merge.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MERGE_URL = pathToFileURL(
	fileURLToPath(new URL('../../server/merge.js', import.meta.url))
).href;

function updatesOf(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	doc.getMap('chunks').set('big', 'ж'.repeat(2_000_000));
	for (let i = 0; i < count; i++) doc.getMap('cells').set(`r${i % 40}:c`, `значение ${i}`);
	return updates;
}

describe('merging stored updates in a worker thread', () => {
	it('gives the same document as merging here', async () => {
		const merger = createMerger();
		const updates = updatesOf(300);
		const { merged, skipped } = await merger.merge(updates);
		expect(skipped).toBe(0);
		const a = new Y.Doc();
		Y.applyUpdate(a, merged);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.mergeUpdates(updates));
		expect(a.getMap('cells').toJSON()).toEqual(b.getMap('cells').toJSON());
		expect(a.getMap('chunks').get('big')).toHaveLength(2_000_000);
		await merger.close();
	});

	it('skips an unreadable update and keeps the rest', async () => {
		const merger = createMerger();
		const updates = updatesOf(10);
		const garbage = new Uint8Array([200, 1, 2, 3, 255, 255, 255]);
		const { merged, skipped } = await merger.merge([updates[0], garbage, ...updates.slice(1)]);
		expect(skipped).toBe(1);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, merged);
		expect(doc.getMap('cells').get('r9:c')).toBe('значение 9');
		await merger.close();
	});

	it('leaves this thread free while it merges', async () => {
		const merger = createMerger();
		await merger.merge(updatesOf(2)); // the worker is started
		const updates = updatesOf(3000);
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		await merger.merge(updates);
		clearInterval(timer);
		// The timer ran while the worker merged: this thread was never blocked for the whole merge.
		expect(ticks).toBeGreaterThan(0);
		await merger.close();
	});
});

describe('the merge worker of a server started with `node --input-type=module -e`', () => {
	it('inherits every option of the process but --input-type', () => {
		expect(
			workerExecArgv(['--input-type=module', '--max-old-space-size=512', '--input-type', 'module'])
		).toEqual(['--max-old-space-size=512']);
		expect(workerExecArgv(['--enable-source-maps'])).toEqual(['--enable-source-maps']);
	});

	it('still merges in its worker, not on the relay’s thread', async () => {
		// Before, the worker inherited `--input-type` and could not load its file: every merge
		// silently ran on the relay's thread.
		const script = `
			const { createMerger } = await import(${JSON.stringify(MERGE_URL)});
			const Y = await import('yjs');
			const doc = new Y.Doc();
			const updates = [];
			doc.on('update', (u) => updates.push(u));
			for (let i = 0; i < 5; i++) doc.getMap('cells').set('c' + i, 'значение ' + i);
			const warnings = [];
			const merger = createMerger({ log: { warn: (line) => warnings.push(line) } });
			const { merged } = await merger.merge(updates);
			const back = new Y.Doc();
			Y.applyUpdate(back, merged);
			await merger.close();
			process.stdout.write(JSON.stringify({ warnings, cells: back.getMap('cells').toJSON() }));
		`;
		const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
			cwd: PROJECT_ROOT,
			encoding: 'utf8'
		});
		expect(child.stderr).toBe('');
		const result = JSON.parse(child.stdout) as { warnings: string[]; cells: object };
		expect(result.warnings).toEqual([]);
		expect(result.cells).toEqual({
			c0: 'значение 0',
			c1: 'значение 1',
			c2: 'значение 2',
			c3: 'значение 3',
			c4: 'значение 4'
		});
	});
});
