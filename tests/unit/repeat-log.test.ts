/**
 * Refusals written to the log once per address in ten minutes (`server/repeat-log.js`, used by the
 * relay for refused WebSocket upgrades): the end of the window and the bound on addresses, which
 * the integration test (a real relay, 200 refusals of each kind) does not reach in reasonable time.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ADDRESSES, REPEAT_WINDOW_MS, createRepeatLog } from '../../server/repeat-log.js';

function repeatLog(now: () => number, maxAddresses?: number) {
	const lines: string[] = [];
	const log = createRepeatLog({
		log: { warn: (line: string) => lines.push(line) },
		prefix: '[relay]',
		kinds: {
			denied: { ru: 'отказов без ключа доступа (403)', en: 'access denied (403)' },
			room: { ru: 'неверных имён списка (400)', en: 'invalid rooms (400)' }
		},
		now,
		maxAddresses
	});
	return { lines, log };
}

describe('refusals that come again', () => {
	it('are written once per address and kind in ten minutes; how many more, in one line when they are over', () => {
		let now = 1_000_000;
		const { lines, log } = repeatLog(() => now);
		for (let i = 0; i < 5000; i++) log.note('192.168.1.31', 'denied', `denied ${i}`);
		log.note('192.168.1.31', 'room', 'room 0');
		log.note('192.168.1.32', 'denied', 'denied from .32');
		expect(lines).toEqual(['denied 0', 'room 0', 'denied from .32']);

		now += REPEAT_WINDOW_MS + 1;
		// The next refusal from anywhere says what the windows over held, then is itself written.
		log.note('192.168.1.31', 'denied', 'denied again');
		expect(lines.slice(3)).toEqual([
			'[relay] 192.168.1.31 за 10 минут: ещё 4 999 отказов без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 4999 more access denied (403) (not logged each)',
			'denied again'
		]);
		// Stopped before the ten minutes: said then; an address that came once says nothing more.
		log.note('192.168.1.31', 'denied', 'denied once more');
		log.close();
		expect(lines.slice(5)).toEqual([
			'[relay] 192.168.1.31 за 10 минут: ещё 1 отказов без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)'
		]);
	});

	it('an IPv6 client changing its address within its /64 is one address: one line, not one per address', () => {
		const now = 1_000_000;
		const { lines, log } = repeatLog(() => now);
		for (let i = 1; i <= 100; i++)
			log.note(`2001:db8:0:7::${i.toString(16)}`, 'denied', `denied ${i}`);
		log.note('2001:db8:0:8::1', 'denied', 'another network');
		// IPv4 as a server on `::` sees it is the same computer as without it.
		log.note('192.168.1.31', 'denied', 'v4');
		log.note('::ffff:192.168.1.31', 'denied', 'v4 in v6');
		expect(lines).toEqual(['denied 1', 'another network', 'v4']);
		log.close();
		expect(lines.slice(3)).toEqual([
			'[relay] 2001:db8:0:7::/64 за 10 минут: ещё 99 отказов без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 99 more access denied (403) (not logged each)',
			'[relay] 192.168.1.31 за 10 минут: ещё 1 отказов без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)'
		]);
	});

	it('remembers a bounded number of addresses: the oldest is said and forgotten', () => {
		const now = 1_000_000;
		const { lines, log } = repeatLog(() => now, 3);
		for (const address of ['a', 'b', 'c']) {
			log.note(address, 'denied', `${address} 1`);
			log.note(address, 'denied', `${address} 2`);
		}
		log.note('d', 'denied', 'd 1');
		expect(lines).toEqual([
			'a 1',
			'b 1',
			'c 1',
			'[relay] a за 10 минут: ещё 1 отказов без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)',
			'd 1'
		]);
		// `a` forgotten: its next refusal is written again, `b` said and forgotten in its turn.
		log.note('a', 'denied', 'a 3');
		expect(lines.slice(-2)).toEqual([
			'[relay] b за 10 минут: ещё 1 отказов без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)',
			'a 3'
		]);
		expect(MAX_ADDRESSES).toBe(10_000);
		log.close();
	});
});
