// @ts-check
/**
 * Refusals that come again and again from one address, written to the log once. A script on
 * another computer asking in a loop, or the page of an operator whose key was changed reconnecting
 * every few seconds, wrote a line at every refusal and filled the log. Per address and its window
 * (`REPEAT_WINDOW_MS`, the access key's ten minutes; `createWindows`, which `access.js` keeps its
 * wrong keys in too), the first refusal of each kind is written as it is; how many more came is
 * said in one line once the window is over (a sweep each minute), or when the server stops. The addresses remembered at
 * once are bounded (`MAX_ADDRESSES`: past it the oldest is said and forgotten), and so are the
 * kinds (the ones given), so a flood from many addresses keeps no more than that in memory. An
 * IPv6 address is counted by its /64 (`countedAddress`): a client changing its address within it
 * wrote a line at each refusal again.
 */

import { countedAddress } from './addresses.js';
import { englishForm, grouped, russianForm } from './counts.js';

export const REPEAT_WINDOW_MS = 10 * 60 * 1000;
/** How often windows over are looked for. */
const SWEEP_INTERVAL_MS = 60 * 1000;
/** Addresses remembered at once. */
export const MAX_ADDRESSES = 10_000;

/**
 * @template {string} Kind
 * @typedef {object} RepeatLog
 * @property {(address: string, kind: Kind, line: string) => void} note a refusal of `kind` from
 *   `address` (an IPv6 one: its /64): `line` is written when it is the first of its kind in the
 *   address's window, else counted
 * @property {() => void} close stops; the log is told what came again and was not written yet
 */

/**
 * How a summary names the repeats of a kind, after their count (`ещё 1 отказ без ключа доступа
 * (403)`, `ещё 2 отказа…`, `ещё 5 отказов…`; `1 more invalid room (400)`, `2 more invalid
 * rooms…`): in Russian for 1 (21, 101…), 2–4 (22–24…) and 5–20 (0, 25–30, 111…), in English for 1
 * and the rest (`counts.js`).
 * @typedef {{ ru: readonly [string, string, string], en: readonly [string, string] }} RepeatKind
 */

/**
 * Per address, what came from it within its window (`windowMs` from its first): made at its
 * first, said (`over`) and forgotten once the window is over, at the next look or the minute's
 * sweep; past `maxAddresses` the oldest is said and forgotten; all are said at `close`. The
 * wrong access keys (`access.js`) and the relay's refusals (`createRepeatLog`) are kept so.
 * @template T
 * @param {{
 *   windowMs: number,
 *   maxAddresses: number,
 *   now: () => number,
 *   fresh: () => T,
 *   over: (address: string, entry: T) => void
 * }} options
 */
export function createWindows({ windowMs, maxAddresses, now, fresh, over }) {
	/**
	 * In the order their windows began, so that a sweep stops at the first not over.
	 * @type {Map<string, { since: number, entry: T }>}
	 */
	const windows = new Map();

	const sweep = () => {
		for (const [address, { since, entry }] of windows) {
			if (now() - since <= windowMs) break;
			windows.delete(address);
			over(address, entry);
		}
	};
	const sweeping = setInterval(sweep, SWEEP_INTERVAL_MS);
	sweeping.unref?.();

	return {
		/**
		 * What came from `address` within its window, if anything did.
		 * @param {string} address
		 * @returns {T | undefined}
		 */
		peek(address) {
			sweep();
			return windows.get(address)?.entry;
		},
		/**
		 * What came from `address` within its window, begun now when nothing did.
		 * @param {string} address
		 * @returns {T}
		 */
		of(address) {
			sweep();
			const known = windows.get(address);
			if (known) return known.entry;
			if (windows.size >= maxAddresses) {
				const [oldest, forgotten] = /** @type {[string, { since: number, entry: T }]} */ (
					windows.entries().next().value
				);
				windows.delete(oldest);
				over(oldest, forgotten.entry);
			}
			const entry = fresh();
			windows.set(address, { since: now(), entry });
			return entry;
		},
		/** Stops; every window is said and forgotten. */
		close() {
			clearInterval(sweeping);
			for (const [address, { entry }] of windows) over(address, entry);
			windows.clear();
		}
	};
}

/**
 * The line that says how often things came again from `address` within its window, unwritten
 * (`ru` and `en`: «ещё 4 999 отказов…», one for each thing); null when nothing did.
 * @param {string} prefix `[relay]`, `[server]`
 * @param {string} address
 * @param {string[]} ru
 * @param {string[]} en
 */
export function summaryLine(prefix, address, ru, en) {
	if (ru.length === 0) return null;
	return `${prefix} ${address} за 10 минут: ${ru.join(', ')} (в журнал не записаны) / within 10 minutes: ${en.join(', ')} (not logged each)`;
}

/**
 * @template {string} Kind
 * @param {{
 *   log: Pick<Console, 'warn'>,
 *   prefix: string,
 *   kinds: Record<Kind, RepeatKind>,
 *   now?: () => number,
 *   maxAddresses?: number
 * }} options `kinds`: how the summary names the repeats of each
 * @returns {RepeatLog<Kind>}
 */
export function createRepeatLog(options) {
	const { log, prefix, kinds, now = Date.now, maxAddresses = MAX_ADDRESSES } = options;
	/** Per address, per kind seen how many more came. */
	const windows = createWindows({
		windowMs: REPEAT_WINDOW_MS,
		maxAddresses,
		now,
		fresh: () => /** @type {Map<Kind, number>} */ (new Map()),
		over: (address, again) => {
			const ru = [];
			const en = [];
			for (const [kind, count] of again) {
				if (count === 0) continue;
				ru.push(`ещё ${grouped(count)} ${russianForm(count, kinds[kind].ru)}`);
				en.push(`${count} more ${englishForm(count, kinds[kind].en)}`);
			}
			const line = summaryLine(prefix, address, ru, en);
			if (line) log.warn(line);
		}
	});

	return {
		note(client, kind, line) {
			const again = windows.of(countedAddress(client));
			const count = again.get(kind);
			if (count === undefined) {
				again.set(kind, 0);
				log.warn(line);
			} else again.set(kind, count + 1);
		},
		close: windows.close
	};
}
