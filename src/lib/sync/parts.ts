/**
 * A long message of the relay comes in parts (`server/relay.js`, `messagePart`): this puts them
 * together and hands the whole message to the provider's own handling.
 *
 * Over a slow line a big list was one message of several MB, and a message counts as received
 * only once all of it has come: y-websocket closed the connection after 30 s without one and
 * the download began again, the relay's pings waited behind it, and the status bar said the
 * server did not answer while the list was still coming. In parts, each one is a message.
 *
 * The relay sends short messages between the parts of a long one; they are handled after it, in
 * the order they were sent (a colleague's edit after the list it is in), except presences,
 * which are shown at once.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageAwareness, type WebsocketProvider } from 'y-websocket';

/**
 * Ours, not y-websocket's: `[101, total length, varUint8Array piece]`; the page answers each with
 * `[101]` alone.
 */
export const messagePart = 101;
const PART_TAKEN = new Uint8Array([messagePart]);
/** The query parameter by which the page tells the relay it takes parts. */
export const PARTS_PARAM = 'parts';
/**
 * A message said to be longer is refused (the connection is closed): what is put together is
 * held in memory. A 100,000-row list is about 30 MB.
 */
export const MAX_PARTED_BYTES = 256 * 1024 * 1024;

type Handler = WebsocketProvider['messageHandlers'][number];

export interface PartsProgress {
	/** Bytes of the message come so far. */
	received: number;
	/** Its length. */
	total: number;
}

export class PartReceiver {
	readonly #provider: WebsocketProvider;
	readonly #onProgress: () => void;
	/** The socket the message in progress comes on. */
	#socket: WebSocket | null = null;
	#pieces: Uint8Array[] = [];
	#received = 0;
	/** The length of the message in progress; 0: none. */
	#total = 0;
	/** Whole messages that came after its first part, to be handled after it. */
	#held: Uint8Array[] = [];
	/** A socket closed for bad parts: the rest of what it brings is not read. */
	#refused: WebSocket | null = null;

	/**
	 * Takes over the provider's handlers of every message type it has now but presences: call it
	 * once they are all set.
	 */
	constructor(provider: WebsocketProvider, onProgress: () => void = () => {}) {
		this.#provider = provider;
		this.#onProgress = onProgress;
		const handlers = provider.messageHandlers;
		handlers.forEach((handle: Handler | undefined, type) => {
			if (!handle || type === messageAwareness) return;
			handlers[type] = (encoder, decoder, p, emitSynced, messageType) => {
				if (this.#inProgress()) this.#held.push(decoder.arr);
				else handle(encoder, decoder, p, emitSynced, messageType);
			};
		});
		handlers[messagePart] = (_encoder, decoder, _provider, emitSynced) => {
			if (this.#refused !== null && this.#refused === provider.ws) return;
			try {
				this.#onPart(decoder, emitSynced);
			} catch (error) {
				this.#refuse(error instanceof Error ? error.message : String(error));
			}
		};
	}

	/** How much of a long message has come, while one is coming. */
	get progress(): PartsProgress | null {
		return this.#inProgress() ? { received: this.#received, total: this.#total } : null;
	}

	/** Forgets a message half come (its connection closed: the next one starts again). */
	reset() {
		const had = this.#total > 0;
		this.#socket = null;
		this.#pieces = [];
		this.#received = 0;
		this.#total = 0;
		this.#held = [];
		if (had) this.#onProgress();
	}

	#inProgress() {
		if (this.#total > 0 && this.#socket !== this.#provider.ws) this.reset();
		return this.#total > 0;
	}

	#onPart(decoder: decoding.Decoder, emitSynced: boolean) {
		const total = decoding.readVarUint(decoder);
		const piece = decoding.readVarUint8Array(decoder);
		if (decoding.hasContent(decoder)) throw new Error('bytes after the part');
		if (!this.#inProgress()) {
			if (total <= 0 || total > MAX_PARTED_BYTES)
				throw new Error(`a message of ${total} bytes (at most ${MAX_PARTED_BYTES} are taken)`);
			this.#total = total;
			this.#socket = this.#provider.ws;
		} else if (total !== this.#total) {
			throw new Error(`a part of a ${total}-byte message in one of ${this.#total} bytes`);
		}
		if (piece.length === 0 || this.#received + piece.length > total)
			throw new Error(`parts of ${this.#received + piece.length} bytes for ${total}`);
		this.#pieces.push(piece);
		this.#received += piece.length;
		// Taken: the relay sends the next (it keeps only a few unanswered, so that what it sends
		// after them does not wait behind megabytes in the buffers on the way).
		this.#provider.ws?.send(PART_TAKEN);
		if (this.#received < total) {
			this.#onProgress();
			return;
		}
		const whole = new Uint8Array(total);
		let at = 0;
		for (const p of this.#pieces) {
			whole.set(p, at);
			at += p.length;
		}
		const held = this.#held;
		const socket = this.#socket;
		this.reset();
		for (const message of [whole, ...held]) {
			if (this.#provider.ws !== socket) return;
			this.#handle(message, emitSynced);
		}
	}

	/** What y-websocket does with a message (its `readMessage`, not exported). */
	#handle(message: Uint8Array, emitSynced: boolean) {
		const decoder = decoding.createDecoder(message);
		const encoder = encoding.createEncoder();
		const type = decoding.readVarUint(decoder);
		const handle = this.#provider.messageHandlers[type];
		if (type === messagePart || !handle) throw new Error(`a message of type ${type} in parts`);
		handle(encoder, decoder, this.#provider, emitSynced, type);
		if (encoding.length(encoder) > 1) this.#provider.ws?.send(encoding.toUint8Array(encoder));
	}

	/** Bad parts (a bug, or not our relay): said once, and the connection is made again. */
	#refuse(problem: string) {
		console.error(
			`[sync] ${this.#provider.roomname}: bad message in parts: ${problem}; reconnecting`
		);
		const socket = this.#provider.ws;
		this.reset();
		this.#refused = socket;
		socket?.close();
	}
}
