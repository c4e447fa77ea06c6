/**
 * What the server prints at start: the addresses a person can type to open Shtab. Bound to all
 * interfaces (`HOST=0.0.0.0`), `http://0.0.0.0:3000` opens nothing on the operators' laptops:
 * they need this laptop's address on the office network.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import {
	clientAddressReader,
	countedAddress,
	openingUrls,
	parseTrustedProxies,
	startupLines
} from '../../server/addresses.js';

const lo: NetworkInterfaceInfo[] = [
	{
		address: '127.0.0.1',
		netmask: '255.0.0.0',
		family: 'IPv4',
		mac: '00:00:00:00:00:00',
		internal: true,
		cidr: '127.0.0.1/8'
	},
	{
		address: '::1',
		netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
		family: 'IPv6',
		mac: '00:00:00:00:00:00',
		internal: true,
		cidr: '::1/128',
		scopeid: 0
	}
];
const ipv4 = (address: string): NetworkInterfaceInfo => ({
	address,
	netmask: '255.255.255.0',
	family: 'IPv4',
	mac: '02:00:00:00:00:01',
	internal: false,
	cidr: `${address}/24`
});
const ipv6 = (address: string): NetworkInterfaceInfo => ({
	address,
	netmask: 'ffff:ffff:ffff:ffff::',
	family: 'IPv6',
	mac: '02:00:00:00:00:01',
	internal: false,
	cidr: `${address}/64`,
	scopeid: 0
});

const office = {
	lo,
	wlan0: [ipv4('192.168.1.20'), ipv6('fe80::1')],
	docker0: [ipv4('172.17.0.1')]
};

describe('openingUrls', () => {
	it('bound to every interface: one URL per network IPv4 address, and the local one', () => {
		for (const wildcard of ['0.0.0.0', '::']) {
			expect(openingUrls(wildcard, 3000, office)).toEqual({
				network: [
					{ url: 'http://192.168.1.20:3000', name: 'wlan0' },
					{ url: 'http://172.17.0.1:3000', name: 'docker0' }
				],
				local: 'http://127.0.0.1:3000',
				onlyThisComputer: false
			});
		}
	});

	it('bound to every interface on a computer with no network: only the local URL', () => {
		expect(openingUrls('0.0.0.0', 4391, { lo, eth0: [ipv6('fe80::2')] })).toEqual({
			network: [],
			local: 'http://127.0.0.1:4391',
			onlyThisComputer: false
		});
		expect(openingUrls('0.0.0.0', 4391, {})).toMatchObject({ network: [] });
	});

	it('bound to loopback (the default): only this computer', () => {
		for (const loopback of ['127.0.0.1', '127.0.1.1', '::1']) {
			const host = loopback.includes(':') ? `[${loopback}]` : loopback;
			expect(openingUrls(loopback, 3000, office)).toEqual({
				network: [],
				local: `http://${host}:3000`,
				onlyThisComputer: true
			});
		}
	});

	it('bound to one address of the network: that address', () => {
		expect(openingUrls('192.168.1.20', 3000, office)).toEqual({
			network: [{ url: 'http://192.168.1.20:3000', name: 'wlan0' }],
			local: null,
			onlyThisComputer: false
		});
		expect(openingUrls('fd00::2', 3000, {})).toEqual({
			network: [{ url: 'http://[fd00::2]:3000', name: null }],
			local: null,
			onlyThisComputer: false
		});
	});

	it('reads the numeric family of older Node versions', () => {
		const old = { eth0: [{ ...ipv4('10.0.0.5'), family: 4 as unknown as 'IPv4' }] };
		expect(openingUrls('0.0.0.0', 80, old).network).toEqual([
			{ url: 'http://10.0.0.5:80', name: 'eth0' }
		]);
	});
});

describe('startupLines', () => {
	it('with HOST=0.0.0.0 names the addresses to give colleagues, never 0.0.0.0', () => {
		const lines = startupLines('0.0.0.0', 3000, office);
		expect(lines).toEqual([
			'[server] откройте на других компьютерах / open on the other computers: http://192.168.1.20:3000 (wlan0)',
			'[server] откройте на других компьютерах / open on the other computers: http://172.17.0.1:3000 (docker0)',
			'[server] на этом компьютере / on this computer: http://127.0.0.1:3000'
		]);
		expect(lines.join('\n')).not.toContain('0.0.0.0');
	});

	it('with HOST=0.0.0.0 and no network says so', () => {
		expect(startupLines('0.0.0.0', 3000, { lo })).toEqual([
			'[server] сетевой адрес не найден: компьютер не подключён к сети / no network address: this computer is not on a network',
			'[server] на этом компьютере / on this computer: http://127.0.0.1:3000'
		]);
	});

	it('by default says only this computer opens it, and how to let the others in', () => {
		expect(startupLines('127.0.0.1', 3000, office)).toEqual([
			'[server] открыть можно только на этом компьютере / only this computer can open it: http://127.0.0.1:3000',
			'[server] чтобы открыли коллеги по сети / to let colleagues in over the network: HOST=0.0.0.0 npm start (README: «Several operators on an office network»)'
		]);
	});

	it('with an access key, the links carry it and the key is named with how to change it', () => {
		const key = 'k7mp-x2qa-9fzt-hw4c';
		expect(startupLines('0.0.0.0', 3000, office, { key, setting: false })).toEqual([
			`[server] откройте на других компьютерах / open on the other computers: http://192.168.1.20:3000/?key=${key} (wlan0)`,
			`[server] откройте на других компьютерах / open on the other computers: http://172.17.0.1:3000/?key=${key} (docker0)`,
			'[server] на этом компьютере / on this computer: http://127.0.0.1:3000',
			`[server] ключ доступа / access key: ${key} — только для операторов штаба; сменить: удалите файл access-key в папке данных и перезапустите / to change it, delete access-key in the data folder and restart`
		]);
		const set = startupLines('192.168.1.20', 3000, office, {
			key: 'Штаб 2026 Калинин',
			setting: true
		});
		expect(set[0]).toContain(
			'http://192.168.1.20:3000/?key=%D0%A8%D1%82%D0%B0%D0%B1%202026%20%D0%9A%D0%B0%D0%BB%D0%B8%D0%BD%D0%B8%D0%BD'
		);
		expect(set[1]).toContain('он задан в ACCESS_KEY / set by ACCESS_KEY');
	});

	it('bound to one address prints that address', () => {
		expect(startupLines('192.168.1.20', 3000, office)).toEqual([
			'[server] откройте на других компьютерах / open on the other computers: http://192.168.1.20:3000 (wlan0)'
		]);
	});
});

describe('whose a request is, behind a reverse proxy (TRUSTED_PROXIES)', () => {
	const request = (from: string, forwarded?: string | string[]) =>
		({
			socket: { remoteAddress: from },
			headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }
		}) as unknown as IncomingMessage;

	it('none trusted (the default): the address the request comes from, whatever it says', () => {
		const addressOf = clientAddressReader([]);
		expect(addressOf(request('127.0.0.1', '192.168.1.31'))).toBe('127.0.0.1');
	});

	it('from a trusted proxy: the right-most address that is not a proxy', () => {
		const addressOf = clientAddressReader(parseTrustedProxies('127.0.0.1, ::1, 10.1.0.0/16'));
		expect(addressOf(request('127.0.0.1', '192.168.1.31'))).toBe('192.168.1.31');
		// What a client wrote itself is at the left of what the proxy saw.
		expect(addressOf(request('127.0.0.1', '192.168.1.31, 192.168.1.66'))).toBe('192.168.1.66');
		// Proxies in a row (one of the trusted network, then nginx here).
		expect(addressOf(request('::1', '192.168.1.66, 10.1.2.3'))).toBe('192.168.1.66');
		// Node's `::ffff:` form of an IPv4 client of a server on `::`; a port or brackets a proxy adds.
		expect(addressOf(request('::ffff:127.0.0.1', '192.168.1.31:51234'))).toBe('192.168.1.31');
		expect(addressOf(request('127.0.0.1', '[2001:db8::7]:443'))).toBe('2001:db8::7');
		expect(addressOf(request('127.0.0.1', ['10.9.9.9', '192.168.1.31']))).toBe('192.168.1.31');
		// No header: the proxy's own request; only proxies: the first of them.
		expect(addressOf(request('127.0.0.1'))).toBe('127.0.0.1');
		expect(addressOf(request('127.0.0.1', '10.1.0.5, 127.0.0.1'))).toBe('10.1.0.5');
		// Not an address (a proxy that passes what it got): as it is, cut short.
		expect(addressOf(request('127.0.0.1', 'unknown'))).toBe('unknown');
		expect(addressOf(request('127.0.0.1', 'x'.repeat(500)))).toHaveLength(64);
	});

	it('from anyone else: its own address, the header ignored', () => {
		const addressOf = clientAddressReader(['127.0.0.1']);
		expect(addressOf(request('192.168.1.66', '192.168.1.31'))).toBe('192.168.1.66');
		expect(addressOf(request('127.0.0.2', '192.168.1.31'))).toBe('127.0.0.2');
	});

	it('TRUSTED_PROXIES takes addresses and networks, and refuses anything else', () => {
		expect(parseTrustedProxies(undefined)).toEqual([]);
		expect(parseTrustedProxies('')).toEqual([]);
		expect(parseTrustedProxies(' 127.0.0.1 ,::1,10.0.0.0/8 ')).toEqual([
			'127.0.0.1',
			'::1',
			'10.0.0.0/8'
		]);
		for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '*', '10.0.0.0/x'])
			expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
	});
});

describe('whose wrong keys and refusals are counted together', () => {
	it('an IPv6 address by its /64 (a computer gets any address of it), IPv4 and IPv4 in IPv6 alike', () => {
		expect(countedAddress('2001:db8:0:7::1')).toBe('2001:db8:0:7::/64');
		expect(countedAddress('2001:db8:0:7:a1b2:c3d4:e5f6:789')).toBe('2001:db8:0:7::/64');
		expect(countedAddress('2001:0DB8:0000:0007:0:0:0:ffff')).toBe('2001:db8:0:7::/64');
		expect(countedAddress('2001:db8::1')).toBe('2001:db8::/64');
		expect(countedAddress('2001:db8:0:8::1')).toBe('2001:db8:0:8::/64');
		expect(countedAddress('fe80::1%eth0')).toBe('fe80::/64');
		expect(countedAddress('::1')).toBe('::/64');
		expect(countedAddress('2001:db8:0:7::192.168.1.31')).toBe('2001:db8:0:7::/64');
		// IPv4 as a server on `::` sees it: the IPv4 address, as on `0.0.0.0`.
		expect(countedAddress('::ffff:192.168.1.31')).toBe('192.168.1.31');
		expect(countedAddress('::FFFF:c0a8:11f')).toBe('192.168.1.31');
		expect(countedAddress('192.168.1.31')).toBe('192.168.1.31');
		// What a trusted proxy names that is no address is counted as it is.
		expect(countedAddress('unknown')).toBe('unknown');
		expect(countedAddress('')).toBe('');
	});
});
