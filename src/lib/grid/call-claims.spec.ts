import { describe, expect, it } from 'vitest';
import { CallClaims, IDLE_MS, IdleWatch, isActivity, RACE_MS } from './call-claims';

const anna = (rowId: string | null, clientId = 1) => ({
	clientId,
	name: 'Анна',
	operatorId: 'op-anna',
	cell: rowId ? { rowId } : null
});

describe('who else is on the resident she is on', () => {
	it('tells her of a colleague who was on the row before she came', () => {
		const claims = new CallClaims('op-boris');
		claims.setPeers([anna('r1')], 0);
		claims.setMine('r2', 1_000);
		expect(claims.warning()).toEqual([]);
		claims.setMine('r1', 60_000);
		expect(claims.warning()).toEqual(['Анна']);
		// A move along the row (another cell) keeps it; leaving the row ends it.
		claims.setMine('r1', 90_000);
		expect(claims.warning()).toEqual(['Анна']);
		claims.setMine('r3', 91_000);
		expect(claims.warning()).toEqual([]);
	});

	it('tells both who land on one row at once, not the one who was there first', () => {
		const boris = new CallClaims('op-boris');
		boris.setMine('r1', 0);
		boris.setPeers([anna('r1')], RACE_MS - 1);
		expect(boris.warning()).toEqual(['Анна']);

		const early = new CallClaims('op-boris');
		early.setMine('r1', 0);
		early.setPeers([anna('r1')], RACE_MS + 1);
		expect(early.warning()).toEqual([]);
		// Her renewals and moves within the row do not make her new there.
		early.setPeers([anna('r1')], 2 * RACE_MS);
		expect(early.warning()).toEqual([]);
	});

	it('forgets a colleague who left the row or the list, and never warns of her own tabs', () => {
		const claims = new CallClaims('op-boris');
		claims.setPeers([anna('r1')], 0);
		claims.setMine('r1', 10_000);
		expect(claims.warning()).toEqual(['Анна']);
		claims.setPeers([], 20_000);
		expect(claims.warning()).toEqual([]);
		claims.setPeers([anna('r1')], 60_000);
		expect(claims.warning()).toEqual([]);
		claims.setPeers([anna(null)], 61_000);
		claims.setMine('r2', 62_000);
		claims.setMine('r1', 63_000);
		expect(claims.warning()).toEqual([]);

		const own = new CallClaims('op-anna');
		own.setPeers([anna('r1', 5), { ...anna('r1', 6), self: true }], 0);
		own.setMine('r1', 1_000);
		expect(own.warning()).toEqual([]);
	});

	it('names each colleague once', () => {
		const claims = new CallClaims('op-boris');
		claims.setPeers(
			[
				anna('r1', 1),
				anna('r1', 2),
				{ clientId: 3, name: 'Вера', operatorId: 'v', cell: { rowId: 'r1' } }
			],
			0
		);
		claims.setMine('r1', 1);
		expect(claims.warning()).toEqual(['Анна', 'Вера']);
	});
});

describe('a tab left open (found by exploration)', () => {
	it('her claim lapses after IDLE_MS without a key or the mouse, and comes back when she acts', () => {
		const watch = new IdleWatch(0);
		expect(watch.check(IDLE_MS - 1)).toBe(false);
		expect(watch.active(IDLE_MS - 1)).toBe(false);
		// Counted from her last key: not idle yet.
		expect(watch.check(IDLE_MS + 1_000)).toBe(false);
		expect(watch.idle).toBe(false);
		expect(watch.check(2 * IDLE_MS)).toBe(true);
		expect(watch.idle).toBe(true);
		// Told once.
		expect(watch.check(3 * IDLE_MS)).toBe(false);
		// Her next key brings it back, once.
		expect(watch.active(3 * IDLE_MS + 5)).toBe(true);
		expect(watch.idle).toBe(false);
		expect(watch.active(3 * IDLE_MS + 6)).toBe(false);
	});

	it('the mouse or the wheel over her window in the background is not her at work; a key, a click or a touch is', () => {
		const front = { focused: true, visible: true };
		const behind = { focused: false, visible: true };
		const hidden = { focused: true, visible: false };
		for (const type of ['pointermove', 'mousemove', 'wheel']) {
			expect(isActivity(type, front)).toBe(true);
			expect(isActivity(type, behind)).toBe(false);
			expect(isActivity(type, hidden)).toBe(false);
		}
		// A click or a touch brings the window to the front: it counts as it comes.
		for (const type of ['keydown', 'pointerdown', 'touchstart'])
			for (const state of [front, behind, hidden]) expect(isActivity(type, state)).toBe(true);
	});

	it('she comes back onto her row as one who arrives now: told of a colleague who came meanwhile', () => {
		const claims = new CallClaims('op-boris');
		claims.setMine('r1', 0);
		claims.setMine(null, IDLE_MS);
		claims.setPeers([anna('r1')], IDLE_MS + 60_000);
		claims.setMine('r1', IDLE_MS + 120_000);
		expect(claims.warning()).toEqual(['Анна']);
	});
});
