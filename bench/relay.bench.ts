/**
 * Edit round trip through the relay: 20 y-websocket clients in one room; client A sets a key in
 * a Y.Map, the time until client B observes it is one sample.
 *
 *   npx tsx bench/relay.bench.ts
 *   RELAY_BENCH_SAME=reference npx tsx bench/relay.bench.ts    (an A/A run: see below)
 *
 * Measured through our relay (server/app.js `startServer`, LevelDB in a temporary directory) and
 * through the reference, `@y/websocket-server` 0.1.1 with y-leveldb persistence (YPERSISTENCE),
 * in the same run, alternating round trip by round trip (the machines here are 2 shared cores: a
 * burst of load then hits both alike). Each relay runs in its own child process on a random
 * loopback port, so the clients (this process) and the relay do not share an event loop.
 *
 * Fairness, both found with A/A runs (the same relay in both places):
 * - the relay started first came out up to 22% slower at p99 than an identical one started
 *   second, so the run has SESSIONS sessions (rounds) with fresh relays, the start order
 *   swapped each time (and which relay's round trip goes first alternating within a session);
 * - a round trip ends when B has the key, while the other 18 clients may still be taking it
 *   in; the next round trip (on the other relay) then waited for them. A sample is still the
 *   time until B has it, but the next one starts only once every client has it.
 * `RELAY_BENCH_SAME=shtab|reference` runs that relay against itself in this same design: the
 * ratio it prints is the bench's own noise.
 *
 * The ratio: each session's p99 of ours over its p99 of the reference (both relays' warm-up round
 * trips dropped, the same number kept for each), and `ratio_p99` the median of those, printed
 * with all of them, their min and max and how many were over 1 — one run's single ratio moved
 * 0.43–1.48× with the load of other sessions. `ratio_p99_pooled` is the p99 of all of ours over
 * that of all the reference's (what `ratio_p99` was before).
 *
 * stdout: one JSON line per relay, then the p99 ratio; progress goes to stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const CLIENTS = 20;
/** Sessions, each with fresh relays: the rounds of the ratio. */
const SESSIONS = 10;
/** Per session and relay, dropped. */
const WARMUP_ROUND_TRIPS = 100;
/** Per session and relay: its p99 is its 10th slowest. */
const MEASURED_ROUND_TRIPS = 1000;
const ROUND_TRIP_TIMEOUT_MS = 5_000;
/** The whole run is killed past this. */
const DEADLINE_MS = 175_000;
const HOST = '127.0.0.1';
const ROOM = 'sheet:bench';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE_SERVER = join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
const OUR_SERVER_SCRIPT = `
const { startServer } = await import(process.argv[1]);
const running = await startServer({ port: 0, host: '${HOST}', dataDir: process.argv[2], serveApp: false });
process.stdout.write(JSON.stringify({ port: running.port }) + '\\n');
process.on('SIGTERM', async () => { await running.close(); process.exit(0); });
`;

type RelayKind = 'shtab' | 'reference';

/** One of the two compared, over both sessions. */
interface Contender {
	label: string;
	kind: RelayKind;
	samples: number[];
	/** Each session's p99. */
	sessionP99: number[];
}

interface Relay {
	name: string;
	process: ChildProcess;
	serverUrl: string;
	dir: string;
}

interface Room {
	relay: Relay;
	providers: WebsocketProvider[];
	maps: Y.Map<number>[];
	contender: Contender;
}

const children: ChildProcess[] = [];
const deadline = setTimeout(() => {
	log(`relay.bench: over ${DEADLINE_MS / 1000} s, giving up`);
	for (const child of children) child.kill('SIGKILL');
	process.exit(2);
}, DEADLINE_MS);
deadline.unref();

function log(...args: unknown[]) {
	console.error(...args);
}

function emit(line: Record<string, unknown>) {
	process.stdout.write(JSON.stringify(line) + '\n');
}

/** Resolves with the first line of the child's stdout that matches. */
function firstLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		let buffered = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			buffered += chunk;
			process.stderr.write(chunk);
			const match = pattern.exec(buffered);
			if (match) resolve(match);
		});
		child.once('exit', (code) => reject(new Error(`relay exited (${code}) before it was ready`)));
	});
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function startOurs(): Promise<Relay> {
	const dir = await mkdtemp(join(tmpdir(), 'shtab-bench-ours-'));
	const child = spawn(
		process.execPath,
		['--input-type=module', '-e', OUR_SERVER_SCRIPT, join(ROOT, 'server/app.js'), dir],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	children.push(child);
	const [, port] = await firstLine(child, /"port":(\d+)/);
	return { name: 'shtab', process: child, serverUrl: `ws://${HOST}:${port}/sync`, dir };
}

async function startReference(): Promise<Relay> {
	const dir = await mkdtemp(join(tmpdir(), 'shtab-bench-reference-'));
	const port = await freePort();
	const child = spawn(process.execPath, [REFERENCE_SERVER], {
		env: { ...process.env, HOST, PORT: String(port), YPERSISTENCE: dir },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	await firstLine(child, /running at/);
	return { name: 'reference', process: child, serverUrl: `ws://${HOST}:${port}`, dir };
}

async function openRoom(relay: Relay, contender: Contender): Promise<Room> {
	const providers: WebsocketProvider[] = [];
	const maps: Y.Map<number>[] = [];
	for (let i = 0; i < CLIENTS; i++) {
		const doc = new Y.Doc();
		providers.push(
			new WebsocketProvider(relay.serverUrl, ROOM, doc, {
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true
			})
		);
		maps.push(doc.getMap('bench'));
	}
	await Promise.all(
		providers.map(
			(provider) =>
				new Promise<void>((resolve) => {
					if (provider.synced) resolve();
					else provider.once('sync', () => resolve());
				})
		)
	);
	return { relay, providers, maps, contender };
}

let sequence = 0;

/**
 * A sets a key; resolves with the milliseconds until B has it, once every other client has it
 * too (so that the next round trip does not wait for this one's stragglers).
 */
function roundTrip(room: Room): Promise<number> {
	const [a, b] = room.maps;
	const value = ++sequence;
	return new Promise((resolve, reject) => {
		let elapsed = -1;
		let missing = room.maps.length - 1;
		const observers = new Map<Y.Map<number>, () => void>();
		const timer = setTimeout(() => {
			for (const [map, observer] of observers) map.unobserve(observer);
			reject(new Error(`${room.relay.name}: no round trip within ${ROUND_TRIP_TIMEOUT_MS} ms`));
		}, ROUND_TRIP_TIMEOUT_MS);
		for (const map of room.maps.slice(1)) {
			const observer = () => {
				if (map.get('key') !== value) return;
				if (map === b) elapsed = performance.now() - start;
				map.unobserve(observer);
				observers.delete(map);
				if (--missing > 0) return;
				clearTimeout(timer);
				resolve(elapsed);
			};
			observers.set(map, observer);
			map.observe(observer);
		}
		const start = performance.now();
		a.set('key', value);
	});
}

/** One round trip on each relay in turn, `count` times; the first to go alternates too. */
async function measure(rooms: Room[], count: number, keep: boolean) {
	for (let i = 0; i < count; i++) {
		for (const room of i % 2 === 0 ? rooms : [...rooms].reverse()) {
			const elapsed = await roundTrip(room);
			if (keep) room.contender.samples.push(elapsed);
		}
	}
}

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function stop(relay: Relay, room: Room | undefined) {
	for (const provider of room?.providers ?? []) provider.destroy();
	const exited = new Promise((resolve) => relay.process.once('exit', resolve));
	if (relay.process.exitCode === null) relay.process.kill('SIGTERM');
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
	if (relay.process.exitCode === null) relay.process.kill('SIGKILL');
	await rm(relay.dir, { recursive: true, force: true });
}

async function start(kind: RelayKind): Promise<Relay> {
	return kind === 'shtab' ? startOurs() : startReference();
}

/** Fresh relays started in `order`, one room each, warmed up, then measured in turns. */
async function session(order: Contender[]) {
	const relays: Relay[] = [];
	const rooms: Room[] = [];
	try {
		for (const contender of order) {
			const relay = await start(contender.kind);
			relay.name = contender.label;
			relays.push(relay);
			log(`${relay.name}: ${CLIENTS} clients connecting to ${relay.serverUrl}`);
			rooms.push(await openRoom(relay, contender));
		}
		await measure(rooms, WARMUP_ROUND_TRIPS, false);
		log(`warm-up done, measuring ${MEASURED_ROUND_TRIPS} round trips on each relay`);
		const from = order.map((contender) => contender.samples.length);
		await measure(rooms, MEASURED_ROUND_TRIPS, true);
		order.forEach((contender, i) => {
			const sorted = contender.samples.slice(from[i]).sort((x, y) => x - y);
			contender.sessionP99.push(percentile(sorted, 0.99));
		});
	} finally {
		await Promise.all(relays.map((relay, i) => stop(relay, rooms[i])));
	}
}

async function main() {
	const same = process.env.RELAY_BENCH_SAME;
	if (same !== undefined && same !== 'shtab' && same !== 'reference') {
		throw new Error(`RELAY_BENCH_SAME must be shtab or reference, not ${same}`);
	}
	const contenders: Contender[] = same
		? [
				{ label: `${same}-a`, kind: same, samples: [], sessionP99: [] },
				{ label: `${same}-b`, kind: same, samples: [], sessionP99: [] }
			]
		: [
				{ label: 'shtab', kind: 'shtab', samples: [], sessionP99: [] },
				{ label: 'reference', kind: 'reference', samples: [], sessionP99: [] }
			];
	// Each started first in every other session.
	for (let i = 0; i < SESSIONS; i++) {
		log(`session ${i + 1} of ${SESSIONS}`);
		await session(i % 2 === 0 ? contenders : [...contenders].reverse());
	}
	const p99: number[] = [];
	for (const contender of contenders) {
		const sorted = [...contender.samples].sort((x, y) => x - y);
		p99.push(percentile(sorted, 0.99));
		emit({
			bench: 'relay-roundtrip',
			relay: contender.label,
			clients: CLIENTS,
			samples: sorted.length,
			p50_ms: round3(percentile(sorted, 0.5)),
			p99_ms: round3(percentile(sorted, 0.99)),
			session_p99_ms: contender.sessionP99.map(round3)
		});
	}
	const ratios = contenders[0].sessionP99.map((ms, i) => ms / contenders[1].sessionP99[i]);
	const sortedRatios = [...ratios].sort((x, y) => x - y);
	const mid = sortedRatios.length >> 1;
	const medianRatio =
		sortedRatios.length % 2 ? sortedRatios[mid] : (sortedRatios[mid - 1] + sortedRatios[mid]) / 2;
	emit({
		bench: 'relay-roundtrip',
		...(same ? { same } : {}),
		ratio_p99: round3(medianRatio),
		target: same ? "A/A: the bench's own noise" : '<=1',
		ratio_p99_min: round3(sortedRatios[0]),
		ratio_p99_max: round3(sortedRatios[sortedRatios.length - 1]),
		ratios_p99: ratios.map(round3),
		sessions: SESSIONS,
		round_trips_per_session: MEASURED_ROUND_TRIPS,
		warmup_round_trips_per_session: WARMUP_ROUND_TRIPS,
		sessions_over_1: ratios.filter((r) => r > 1).length,
		ratio_p99_pooled: round3(p99[0] / p99[1])
	});
}

main().then(
	() => process.exit(0),
	(error) => {
		log(error);
		for (const child of children) child.kill('SIGKILL');
		process.exit(1);
	}
);
