/**
 * `parseDateTime`'s value built from char codes (`isoDateTime`, 848f914) at its edges, against
 * the value as it was joined before (`isoDate() + 'T' + pad2(hour) + ':' + pad2(minute)`, from
 * `git show c59b262:src/lib/values/date.ts`): every minute of the day, one-digit hours, seconds,
 * the first and last years read, two-digit years of every century's end, and Excel serials to
 * the minute — the largest of them past the year 9999, where the value is joined as before.
 * `datetime-before.spec.ts` checks random dates; an Excel serial's time only by its shape.
 */
import { describe, expect, it } from 'vitest';
import { parseDateTime, type DateOptions } from './date';

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/** The value joined as before 848f914, from its parts. */
function before(year: number, month: number, day: number, hour: number, minute: number): string {
	const date =
		year < 1000 || year > 9999
			? year + '-' + pad2(month) + '-' + pad2(day)
			: String(year) + '-' + pad2(month) + '-' + pad2(day);
	return date + 'T' + pad2(hour) + ':' + pad2(minute);
}

/** Both readers: the plain loop for `dd.mm.yyyy hh:mm` and the regular expressions. */
const READERS: DateOptions[] = [{}, { plainReader: false }];

describe('parseDateTime at its edges against its value joined before (oracle)', () => {
	it('gives the same value for every minute of the day, written every way', () => {
		let read = 0;
		for (const [year, month, day] of [
			[1800, 1, 1],
			[1999, 12, 31],
			[2000, 2, 29],
			[2026, 7, 9],
			[2199, 12, 31]
		]) {
			for (let hour = 0; hour < 24; hour++) {
				for (let minute = 0; minute < 60; minute++) {
					const expected = before(year, month, day, hour, minute);
					const [d, m, h, mm] = [String(day), String(month), String(hour), pad2(minute)];
					for (const written of [
						`${d}.${m}.${year} ${h}:${mm}`,
						`${pad2(day)}.${pad2(month)}.${year} ${pad2(hour)}:${mm}:59`,
						`${pad2(day)}/${pad2(month)}/${year} ${h}:${mm}:00`,
						`${d}-${m}-${year}, ${h}:${mm}`,
						`${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${mm}:30.5`,
						`${day} ${['января', 'февраля', 'июля', 'декабря'][[1, 2, 7, 12].indexOf(month)]} ${year} г. ${h}:${mm}`
					]) {
						for (const options of READERS) {
							const result = parseDateTime(written, options);
							expect(result.value, written).toBe(expected);
							read++;
						}
					}
				}
			}
		}
		expect(read).toBe(5 * 1440 * 6 * 2);
	});

	it('reads a day and month of this year, and two-digit years, as before', () => {
		for (const options of READERS) {
			expect(
				parseDateTime('5.3 0:00', { ...options, thisYear: true, today: '2026-03-01' }).value
			).toBe(before(2026, 3, 5, 0, 0));
			expect(
				parseDateTime('31.12 23:59', { ...options, thisYear: true, today: '2027-01-03' }).value
			).toBe(before(2026, 12, 31, 23, 59));
			for (const currentYear of [2000, 2026, 2099]) {
				for (let short = 0; short < 100; short++) {
					const written = `01.01.${pad2(short)} 9:05`;
					const full =
						short <= currentYear % 100
							? currentYear - (currentYear % 100) + short
							: currentYear - (currentYear % 100) - 100 + short;
					const result = parseDateTime(written, { ...options, currentYear });
					if (full < 1800) expect(result.ok, written).toBe(false);
					else expect(result.value, `${written} in ${currentYear}`).toBe(before(full, 1, 1, 9, 5));
				}
			}
		}
	});

	it('gives the same value for an Excel serial to the minute, past the year 9999 too', () => {
		let read = 0;
		for (const whole of [1, 59, 61, 45000, 2958465]) {
			const epoch = Date.UTC(1899, 11, whole < 60 ? 31 : 30);
			for (let minutes = 0; minutes < 1440; minutes++) {
				const fraction = String(minutes / 1440).slice(2);
				const written = fraction === '' ? String(whole) : `${whole},${fraction}`;
				const at = new Date(
					epoch + whole * 86_400_000 + Math.round(+('0.' + (fraction || '0')) * 1440) * 60_000
				);
				const expected = before(
					at.getUTCFullYear(),
					at.getUTCMonth() + 1,
					at.getUTCDate(),
					at.getUTCHours(),
					at.getUTCMinutes()
				);
				expect(parseDateTime(written, { fromExcelSerial: true }).value, written).toBe(expected);
				read++;
			}
			// The last moment of a day: rounded up to the next day's 00:00 (31.12.9999 → 10000).
			const last = parseDateTime(`${whole}.9999999`, { fromExcelSerial: true });
			const next = new Date(epoch + (whole + 1) * 86_400_000);
			expect(last.value).toBe(
				before(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0)
			);
		}
		expect(read).toBe(5 * 1440);
		expect(parseDateTime('2958465.9999999', { fromExcelSerial: true }).value).toBe(
			'10000-01-01T00:00'
		);
	});

	it('gives the same value for a time moved to Moscow’s across a year’s end', () => {
		const moscow = { utcOffsetMinutes: 180 };
		expect(parseDateTime('1999-12-31T21:00Z', moscow).value).toBe(before(2000, 1, 1, 0, 0));
		expect(parseDateTime('1999-12-31T20:59Z', moscow).value).toBe(before(1999, 12, 31, 23, 59));
		expect(parseDateTime('2000-01-01T02:59+03:00', { utcOffsetMinutes: 0 }).value).toBe(
			before(1999, 12, 31, 23, 59)
		);
		expect(parseDateTime('2199-12-31T21:00Z', moscow).ok).toBe(false);
		expect(parseDateTime('1800-01-01T02:00+03:00', { utcOffsetMinutes: 0 }).ok).toBe(false);
	});

	it('flags a time past the day’s end, as before', () => {
		for (const options of READERS)
			for (const written of [
				'01.01.2024 24:00',
				'01.01.2024 23:60',
				'01.01.2024 23:59:60',
				'01.01.2024 99:99',
				'2024-01-01T24:00',
				'01.01.0999 10:00',
				'01.01.10000 10:00'
			])
				expect(parseDateTime(written, options).ok, written).toBe(false);
	});
});
