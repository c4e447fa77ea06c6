/**
 * Shared by the relay's integration tests: a real server on a random loopback port with its own
 * temporary data directory, real y-websocket clients, and a raw socket speaking the protocol.
 * Everything a test opens through a `Harness` is closed by `harness.cleanup()`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { startServer, type ServerOptions, type RunningServer } from '../../server/app.js';
import { messageStateVector, messageSync } from '../../server/relay.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WAIT_TIMEOUT_MS = 15_000;
const WAIT_INTERVAL_MS = 10;

export interface LogLine {
	level: 'info' | 'warn' | 'error';
	message: string;
}

/** A log object for the server that keeps its lines for assertions. */
export function captureLog() {
	const lines: LogLine[] = [];
	const push = (level: LogLine['level']) => (message: string) => lines.push({ level, message });
	return {
		lines,
		log: { info: push('info'), warn: push('warn'), error: push('error') },
		warnings: (text = '') => lines.filter((l) => l.level === 'warn' && l.message.includes(text))
	};
}

/** Polls until `condition` holds; fails with `what` after the timeout. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	what = 'condition',
	timeout = WAIT_TIMEOUT_MS
): Promise<void> {
	const deadline = Date.now() + timeout;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, WAIT_INTERVAL_MS));
	}
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	map: Y.Map<unknown>;
}

/** The JSON of a client's map with sorted keys, for comparing replicas. */
export const contentOf = (client: Client) => sortedJson(client.map.toJSON());

export const sortedJson = (object: Record<string, unknown>) =>
	JSON.stringify(Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1))));

/** Waits until every client holds the same map as the first, and it has `keys` keys at least. */
export async function waitConverged(clients: Client[], keys = 0) {
	await waitFor(
		() =>
			clients[0].map.size >= keys && clients.every((c) => contentOf(c) === contentOf(clients[0])),
		`${clients.length} clients to converge on ${keys} keys`
	);
}

/** A socket that speaks the protocol by hand, collecting what the relay sends. */
export class RawClient {
	readonly messages: Uint8Array[] = [];
	readonly closed: Promise<{ code: number; reason: string }>;

	private constructor(readonly ws: WebSocket) {
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer) => this.messages.push(new Uint8Array(data)));
		this.closed = new Promise((resolve) =>
			ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		);
	}

	static open(url: string, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
		return new Promise((resolve, reject) => {
			const ws = new WebSocket(url, options);
			const client = new RawClient(ws);
			ws.once('open', () => resolve(client));
			ws.once('error', reject);
		});
	}

	send(bytes: Uint8Array | string) {
		this.ws.send(bytes);
	}

	/** Waits for a message of the given type and returns a decoder positioned after the type. */
	async next(type: number): Promise<decoding.Decoder> {
		let found: decoding.Decoder | undefined;
		await waitFor(() => {
			const index = this.messages.findIndex(
				(m) => decoding.readVarUint(decoding.createDecoder(m)) === type
			);
			if (index === -1) return false;
			const decoder = decoding.createDecoder(this.messages.splice(index, 1)[0]);
			decoding.readVarUint(decoder);
			found = decoder;
			return true;
		}, `a message of type ${type}`);
		return found as decoding.Decoder;
	}

	/** Asks for the relay's state vector (message 100) and waits for the answer. */
	async stateVector(): Promise<Map<number, number>> {
		this.send(encodeMessage((e) => encoding.writeVarUint(e, messageStateVector)));
		const decoder = await this.next(messageStateVector);
		return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
	}

	close() {
		this.ws.terminate();
	}
}

export function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/**
 * An update that `Y.decodeUpdate` reads but `Y.applyUpdate` throws on: one item of client
 * `clientID` whose left origin is the item itself (an ID the doc cannot hold yet).
 */
export function selfOriginUpdate(clientID: number): Uint8Array {
	return encodeMessage((e) => {
		encoding.writeVarUint(e, 1); // clients
		encoding.writeVarUint(e, 1); // structs of that client
		encoding.writeVarUint(e, clientID);
		encoding.writeVarUint(e, 0); // first clock
		encoding.writeUint8(e, 0x80 | 8); // has a left origin; ContentAny
		encoding.writeVarUint(e, clientID); // left origin: itself
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 1); // one value
		encoding.writeAny(e, 'poison');
		encoding.writeVarUint(e, 0); // empty delete set
	});
}

/** A sync "update" message carrying `update`. */
export const updateMessage = (update: Uint8Array) =>
	encodeMessage((e) => {
		encoding.writeVarUint(e, messageSync);
		syncProtocol.writeUpdate(e, update);
	});

/** Does the state vector cover everything in `doc`? */
export function covers(stateVector: Map<number, number>, doc: Y.Doc) {
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
		if ((stateVector.get(client) ?? 0) < clock) return false;
	}
	return true;
}

export interface ChildServer {
	url: string;
	process: ChildProcessWithoutNullStreams;
	output: () => string;
	exited: Promise<number | null>;
}

/** Opens servers, clients and temporary directories, and closes them all in `cleanup()`. */
export class Harness {
	private servers: RunningServer[] = [];
	private children: ChildServer[] = [];
	private providers: WebsocketProvider[] = [];
	private raws: RawClient[] = [];
	private dirs: string[] = [];

	async tempDir(): Promise<string> {
		const dir = await mkdtemp(join(tmpdir(), 'shtab-relay-'));
		this.dirs.push(dir);
		return dir;
	}

	/** The real server, in process, on a random loopback port, without the app. */
	async start(options: ServerOptions = {}): Promise<RunningServer & { wsUrl: string }> {
		const running = await startServer({
			port: 0,
			host: '127.0.0.1',
			dataDir: options.dataDir ?? (await this.tempDir()),
			serveApp: false,
			log: captureLog().log,
			...options
		});
		this.servers.push(running);
		return { ...running, wsUrl: wsUrlOf(running.url) };
	}

	/**
	 * `node server/index.js` as a child process (what `npm start` runs), not waited for: its
	 * `url` is empty until it listens (`startChild`).
	 */
	spawnChild(env: Record<string, string>): ChildServer {
		const child = spawn(process.execPath, ['server/index.js'], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env }
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		const spawned: ChildServer = { url: '', process: child, output: () => output, exited };
		this.children.push(spawned);
		return spawned;
	}

	/** `spawnChild`, once it listens. */
	async startChild(env: Record<string, string>): Promise<ChildServer> {
		const started = this.spawnChild(env);
		await waitFor(
			() => /listening on (http:\/\/\S+)/.test(started.output()),
			'the server to listen'
		);
		started.url = (/listening on (http:\/\/\S+)/.exec(started.output()) as RegExpExecArray)[1];
		return started;
	}

	/** An unmodified y-websocket client in `room`. */
	client(wsUrl: string, room: string, options: { connect?: boolean } = {}): Client {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(wsUrl, room, doc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true, // in one process, BroadcastChannel would sync the docs around the relay
			maxBackoffTime: 200,
			...options
		});
		this.providers.push(provider);
		return { doc, provider, map: doc.getMap('m') };
	}

	async synced(client: Client): Promise<Client> {
		await waitFor(() => client.provider.synced, `${client.provider.roomname} to sync`);
		return client;
	}

	async raw(url: string, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
		const raw = await RawClient.open(url, options);
		this.raws.push(raw);
		return raw;
	}

	closeClients() {
		for (const provider of this.providers.splice(0)) provider.destroy();
		for (const raw of this.raws.splice(0)) raw.close();
	}

	async cleanup() {
		this.closeClients();
		await Promise.all(this.servers.splice(0).map((s) => s.close()));
		for (const child of this.children.splice(0)) {
			if (child.process.exitCode === null && child.process.signalCode === null) {
				child.process.kill('SIGKILL');
				await child.exited;
			}
		}
		await Promise.all(this.dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
	}
}

/** ws://host:port/sync for an http://host:port server. */
export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws') + '/sync';

export interface Upgrade {
	/** 101, the refusal's status, or the socket's error message. */
	status: number | string;
	/** Whether `secret` came through (what a page refused should never read). */
	leaked: boolean;
}

/**
 * Opens `url` with `headers` (as a browser page would send them), asks for the whole document
 * (sync step 1 with an empty state vector), waits a moment and says whether `secret` came.
 */
export function upgradeReading(
	url: string,
	headers: Record<string, string>,
	secret: string
): Promise<Upgrade> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		const received: Buffer[] = [];
		const leaked = () => Buffer.concat(received).includes(Buffer.from(secret));
		ws.on('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode ?? 0, leaked: leaked() });
			ws.terminate();
		});
		ws.on('message', (data: Buffer) => received.push(data));
		ws.on('open', () => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, messageSync);
			syncProtocol.writeSyncStep1(e, new Y.Doc());
			ws.send(encoding.toUint8Array(e));
			setTimeout(() => {
				resolve({ status: 101, leaked: leaked() });
				ws.terminate();
			}, 300);
		});
		ws.on('error', (error) => resolve({ status: error.message, leaked: leaked() }));
	});
}
