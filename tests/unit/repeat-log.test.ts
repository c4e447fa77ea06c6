/**
 * Refusals written to the log once per address in ten minutes (`server/repeat-log.js`, used by the
 * relay for refused WebSocket upgrades): the end of the window and the bound on addresses, which
 * the integration test (a real relay, 200 refusals of each kind) does not reach in reasonable time.
 */
import { describe, expect, it } from 'vitest';
import { REFUSAL_KINDS } from '../../server/relay.js';
import { MAX_ADDRESSES, REPEAT_WINDOW_MS, createRepeatLog } from '../../server/repeat-log.js';

function repeatLog(now: () => number, maxAddresses?: number) {
	const lines: string[] = [];
	const log = createRepeatLog({
		log: { warn: (line: string) => lines.push(line) },
		prefix: '[relay]',
		kinds: REFUSAL_KINDS,
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
			'[relay] 192.168.1.31 за 10 минут: ещё 1 отказ без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)'
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
			'[relay] 192.168.1.31 за 10 минут: ещё 1 отказ без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)'
		]);
	});

	it('say their counts in Russian as a Russian reads them: 1 отказ, 2 отказа, 5 отказов', () => {
		const now = 1_000_000;
		const { lines, log } = repeatLog(() => now);
		const counts = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1001];
		for (const [i, count] of counts.entries()) {
			for (let n = 0; n <= count; n++) {
				log.note(`192.168.1.${i}`, 'denied', 'denied');
				log.note(`192.168.1.${i}`, 'room', 'room');
				log.note(`192.168.1.${i}`, 'foreign', 'foreign');
			}
		}
		lines.length = 0;
		log.close();
		const said = lines.map((line) => /: (ещё .*) \(в журнал/.exec(line)?.[1]);
		const ru = (n: string, refusal: string, room: string) =>
			`ещё ${n} ${refusal} без ключа доступа (403), ещё ${n} ${room} (400), ещё ${n} ${refusal} странице другого сайта (403)`;
		expect(said).toEqual([
			ru('1', 'отказ', 'неверное имя списка'),
			ru('2', 'отказа', 'неверных имени списка'),
			ru('4', 'отказа', 'неверных имени списка'),
			ru('5', 'отказов', 'неверных имён списка'),
			ru('11', 'отказов', 'неверных имён списка'),
			ru('12', 'отказов', 'неверных имён списка'),
			ru('14', 'отказов', 'неверных имён списка'),
			ru('21', 'отказ', 'неверное имя списка'),
			ru('22', 'отказа', 'неверных имени списка'),
			ru('25', 'отказов', 'неверных имён списка'),
			ru('101', 'отказ', 'неверное имя списка'),
			ru('111', 'отказов', 'неверных имён списка'),
			ru('1 001', 'отказ', 'неверное имя списка')
		]);
		// And in English: 1 invalid room, 2 invalid rooms.
		expect(lines[0]).toContain(
			'within 10 minutes: 1 more access denied (403), 1 more invalid room (400), 1 more refused to a page of another site (403)'
		);
		expect(lines[1]).toContain('2 more invalid rooms (400)');
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
			'[relay] a за 10 минут: ещё 1 отказ без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)',
			'd 1'
		]);
		// `a` forgotten: its next refusal is written again, `b` said and forgotten in its turn.
		log.note('a', 'denied', 'a 3');
		expect(lines.slice(-2)).toEqual([
			'[relay] b за 10 минут: ещё 1 отказ без ключа доступа (403) (в журнал не записаны) / within 10 minutes: 1 more access denied (403) (not logged each)',
			'a 3'
		]);
		expect(MAX_ADDRESSES).toBe(10_000);
		log.close();
	});
});
