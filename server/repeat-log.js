// @ts-check
/**
 * Refusals that come again and again from one address, written to the log once. A script on
 * another computer asking in a loop, or the page of an operator whose key was changed reconnecting
 * every few seconds, wrote a line at every refusal and filled the log. Per address and its window
 * (`REPEAT_WINDOW_MS`, the access key's ten minutes: `access.js` does the same for wrong keys),
 * the first refusal of each kind is written as it is; how many more came is said in one line once
 * the window is over (a sweep each minute), or when the server stops. The addresses remembered at
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
	/**
	 * Per address, in the order their windows began: when, and per kind seen how many more came.
	 * @type {Map<string, { since: number, again: Map<Kind, number> }>}
	 */
	const windows = new Map();

	/**
	 * @param {string} address
	 * @param {{ again: Map<Kind, number> }} entry
	 */
	const summarize = (address, { again }) => {
		const ru = [];
		const en = [];
		for (const [kind, count] of again) {
			if (count === 0) continue;
			ru.push(`ещё ${grouped(count)} ${russianForm(count, kinds[kind].ru)}`);
			en.push(`${count} more ${englishForm(count, kinds[kind].en)}`);
		}
		if (ru.length === 0) return;
		log.warn(
			`${prefix} ${address} за 10 минут: ${ru.join(', ')} (в журнал не записаны) / within 10 minutes: ${en.join(', ')} (not logged each)`
		);
	};

	/** Windows over: their counts to the log, and forgotten. Oldest first, so it stops early. */
	const sweep = () => {
		for (const [address, entry] of windows) {
			if (now() - entry.since <= REPEAT_WINDOW_MS) break;
			windows.delete(address);
			summarize(address, entry);
		}
	};
	const sweeping = setInterval(sweep, SWEEP_INTERVAL_MS);
	sweeping.unref?.();

	return {
		note(client, kind, line) {
			sweep();
			const address = countedAddress(client);
			let entry = windows.get(address);
			if (!entry) {
				if (windows.size >= maxAddresses) {
					const [oldest, forgotten] =
						/** @type {[string, { since: number, again: Map<Kind, number> }]} */ (
							windows.entries().next().value
						);
					windows.delete(oldest);
					summarize(oldest, forgotten);
				}
				entry = { since: now(), again: new Map() };
				windows.set(address, entry);
			}
			const again = entry.again.get(kind);
			if (again === undefined) {
				entry.again.set(kind, 0);
				log.warn(line);
			} else entry.again.set(kind, again + 1);
		},
		close() {
			clearInterval(sweeping);
			for (const [address, entry] of windows) summarize(address, entry);
			windows.clear();
		}
	};
}
