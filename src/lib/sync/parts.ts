/**
 * A long message goes in parts (`server/relay.js`, `messagePart`) both ways. The relay's: this
 * puts them together and hands the whole message to the provider's own handling
 * (`PartReceiver`). The page's own (an import made offline, sent whole when the modem is back):
 * the socket sends them in parts (`partedWebSocket`).
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
/** A message of the page's longer than this goes to the relay in parts of this size. */
export const PART_BYTES = 64 * 1024;
/**
 * Parts the page sends that the relay has not said it took: at most this many, as the relay
 * does (its `PARTS_AHEAD`). Sent all at once, the parts would wait in the system's buffers on
 * the way, and the messages sent after them (an edit, a query) behind all of them.
 */
export const PARTS_AHEAD = 3;
/**
 * A message said to be longer is refused (the connection is closed): what is put together is
 * held in memory. A 100,000-row list is about 30 MB.
 */
export const MAX_PARTED_BYTES = 256 * 1024 * 1024;

/** How much of the page's long messages has gone, while some are going. */
export interface UploadProgress {
	/** Bytes the relay has said it took. */
	sent: number;
	/** Of the long messages going since the upload began (it grows if more come meanwhile). */
	total: number;
}

/** What `partedWebSocket` adds to a WebSocket. */
export interface PartedSocket {
	/** How much of the long messages sent on this socket has gone, while some are going. */
	readonly upload: UploadProgress | null;
}

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
			// `[101]` alone: the relay took a part of the page's own; its socket counts it.
			if (!decoding.hasContent(decoder)) return;
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

/**
 * A WebSocket class (for `WebsocketProvider`'s `WebSocketPolyfill`) whose `send` sends a message
 * longer than `partBytes` as `messagePart`s, the next only while at most `PARTS_AHEAD` are
 * unanswered. The relay answers each with `[101]` alone, which this socket takes; every send of
 * the provider (its updates, its answers in the sync, presences) and of the page's own queries
 * goes through it.
 *
 * Sent whole, an import made offline (2 MB for 19,000 residents) was one message for a minute on
 * a 3G modem's uplink: nothing came back meanwhile (the relay's answers waited behind it),
 * y-websocket closed the connection after 30 s without a message and the relay dropped it for a
 * missing pong, and the upload began again, for ever. In parts, each answer is a message.
 *
 * Short messages sent while a long one goes follow its first part at once, and the relay holds
 * them until the long one is whole, then handles them after it, in the order they were sent (an
 * edit after the import it is in), presences at once: as the page does with the relay's parts.
 * Held on the page instead, her presence would not be renewed during a long upload, and the
 * colleagues would see her leave the list after 30 s. Only the answer to a relay's part goes
 * before all (it is about the socket, not the room): behind a long message waiting for the
 * relay's answers, it would wait for ever for a relay waiting for it.
 */
export function partedWebSocket(
	Base: typeof WebSocket,
	{
		partBytes = PART_BYTES,
		onUpload = () => {}
	}: {
		partBytes?: number;
		/** Called when the upload's progress changes (`PartedSocket.upload`). */
		onUpload?: (socket: WebSocket & PartedSocket) => void;
	} = {}
): typeof WebSocket {
	return class PartedWebSocket extends Base implements PartedSocket {
		/** Messages waiting behind a long one (see `#sendFromOutbox`). */
		#outbox: Uint8Array[] = [];
		/** The long message going in parts, and how much of it has been sent. */
		#parted: { message: Uint8Array; sent: number } | null = null;
		/** The sizes of the parts sent that the relay has not taken yet, oldest first. */
		#unanswered: number[] = [];
		/** Bytes of long messages taken by the relay, of `#total` since the upload began. */
		#taken = 0;
		#total = 0;

		constructor(...args: ConstructorParameters<typeof WebSocket>) {
			super(...args);
			this.addEventListener('message', (event: MessageEvent) => {
				const data: unknown = event.data;
				if (data instanceof ArrayBuffer && data.byteLength === 1) {
					if (new Uint8Array(data)[0] === messagePart) this.#partTaken();
				}
			});
		}

		get upload(): UploadProgress | null {
			return this.#total > 0 ? { sent: this.#taken, total: this.#total } : null;
		}

		override send(data: Parameters<WebSocket['send']>[0]) {
			const message = bytesOf(data);
			if (message === null || isPartTaken(message) || this.#goesNow(message)) {
				super.send(data);
				return;
			}
			this.#outbox.push(message);
			if (message.length > partBytes) this.#total += message.length;
			this.#sendFromOutbox();
			if (message.length > partBytes) onUpload(this);
		}

		/** Short, and nothing waits before it, or the long one before it has begun to go. */
		#goesNow(message: Uint8Array) {
			return (
				message.length <= partBytes &&
				this.#outbox.length === 0 &&
				(this.#parted === null || this.#parted.sent > 0)
			);
		}

		/**
		 * Sends the long message's next parts while few are unanswered, and what waits behind it
		 * once its first part has gone, up to the next long one (one long message at a time).
		 */
		#sendFromOutbox() {
			while (this.readyState === this.OPEN) {
				const parted = this.#parted;
				if (parted !== null && parted.sent < parted.message.length) {
					if (this.#unanswered.length < PARTS_AHEAD) {
						this.#sendPart(parted);
						continue;
					}
				} else if (parted !== null) {
					this.#parted = null;
					continue;
				}
				const next = this.#outbox[0];
				if (next === undefined) return;
				const long = next.length > partBytes;
				if (this.#parted !== null && (long || this.#parted.sent === 0)) return;
				this.#outbox.shift();
				if (long) this.#parted = { message: next, sent: 0 };
				else super.send(next);
			}
		}

		#sendPart(parted: { message: Uint8Array; sent: number }) {
			const { message, sent } = parted;
			const end = Math.min(sent + partBytes, message.length);
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messagePart);
			encoding.writeVarUint(encoder, message.length);
			encoding.writeVarUint8Array(encoder, message.subarray(sent, end));
			parted.sent = end;
			this.#unanswered.push(end - sent);
			super.send(encoding.toUint8Array(encoder));
		}

		/** The relay took the oldest part unanswered: the next may go. */
		#partTaken() {
			const size = this.#unanswered.shift();
			if (size === undefined) return;
			this.#taken += size;
			if (this.#taken >= this.#total) this.#taken = this.#total = 0;
			this.#sendFromOutbox();
			onUpload(this);
		}
	};
}

/** The bytes of what is sent, or null for what is not bytes (text). */
function bytesOf(data: Parameters<WebSocket['send']>[0]): Uint8Array | null {
	if (data instanceof Uint8Array) return data;
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (ArrayBuffer.isView(data))
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return null;
}

/** `[101]` alone: the page took one of the relay's parts. */
function isPartTaken(message: Uint8Array) {
	return message.length === 1 && message[0] === messagePart;
}
