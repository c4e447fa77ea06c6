import { describe, expect, it } from 'vitest';
import { waitingNote } from './others';

describe('what the duplicates line says of the lists not received', () => {
	it('names a list with no copy here as not searched, and one read from the copy as maybe missing rows', () => {
		expect(
			waitingNote(
				[
					{ id: 'requests', copy: false },
					{ id: 'calls', copy: true }
				],
				false
			)
		).toEqual({ notReceived: ['requests'], copyOnly: ['calls'], offline: false });
	});

	it('offline, says once that the copies were read, and still names a list it has no copy of', () => {
		expect(
			waitingNote(
				[
					{ id: 'requests', copy: false },
					{ id: 'calls', copy: true }
				],
				true
			)
		).toEqual({ notReceived: ['requests'], copyOnly: [], offline: true });
		// Offline with nothing read from a copy: nothing was checked against a copy.
		expect(waitingNote([{ id: 'requests', copy: false }], true)).toEqual({
			notReceived: ['requests'],
			copyOnly: [],
			offline: false
		});
	});

	it('says nothing when every list came', () => {
		expect(waitingNote([], false)).toEqual({ notReceived: [], copyOnly: [], offline: false });
		expect(waitingNote([], true)).toEqual({ notReceived: [], copyOnly: [], offline: false });
	});
});
