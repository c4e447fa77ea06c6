/**
 * The oracle of `parseDateTime`'s value built from char codes (`isoDateTime`): the value as it
 * was joined before (`isoDate() + 'T' + pad2(hour) + ':' + pad2(minute)`, copied from
 * `git show c59b262:src/lib/values/date.ts`), for dates and times written every way the parser
 * reads them, from their parts. Only how the string is made changed: the same value for each.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../bench/data';
import { parseDateTime } from './date';

// ---------------------------------------------------------------- before

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/** `isoDate` before, on the parts given. */
function isoDateBefore(year: number, month: number, day: number): string {
	if (year < 1000 || year > 9999) return year + '-' + pad2(month) + '-' + pad2(day);
	return String.fromCharCode(
		48 + Math.floor(year / 1000),
		48 + (Math.floor(year / 100) % 10),
		48 + (Math.floor(year / 10) % 10),
		48 + (year % 10),
		0x2d,
		48 + Math.floor(month / 10),
		48 + (month % 10),
		0x2d,
		48 + Math.floor(day / 10),
		48 + (day % 10)
	);
}

function isoDateTimeBefore(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number
): string {
	return isoDateBefore(year, month, day) + 'T' + pad2(hour) + ':' + pad2(minute);
}

// ---------------------------------------------------------------- the dates

const MONTHS = [
	'января',
	'февраля',
	'марта',
	'апреля',
	'мая',
	'июня',
	'июля',
	'августа',
	'сентября',
	'октября',
	'ноября',
	'декабря'
];

function daysIn(month: number, year: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

describe('parseDateTime against its value joined before (oracle)', () => {
	it('gives the same value for 20,000 dates and times written every way', () => {
		const random = createRandom(1207);
		const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
		const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
		let read = 0;
		for (let round = 0; round < 20_000; round++) {
			const year = pick([int(1800, 2199), int(1900, 2030), int(2000, 2099)]);
			const month = int(1, 12);
			const day = int(1, daysIn(month, year));
			const hour = int(0, 23);
			const minute = int(0, 59);
			const d = random() < 0.5 ? pad2(day) : String(day);
			const m = random() < 0.5 ? pad2(month) : String(month);
			const h = random() < 0.5 ? pad2(hour) : String(hour);
			const mm = pad2(minute);
			const ss = random() < 0.3 ? ':' + pad2(int(0, 59)) : '';
			const separator = pick(['.', '/', '-']);
			const written = pick([
				`${d}.${m}.${year} ${h}:${mm}${ss}`,
				`${d}${separator}${m}${separator}${year} ${h}:${mm}`,
				`${d}.${m}.${year}, ${h}:${mm}`,
				`${d}.${m}.${year}T${h}:${mm}`,
				`${d}.${m}.${year} г. ${h}:${mm}`,
				`${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${mm}${ss}`,
				`${year}-${pad2(month)}-${pad2(day)} ${h}:${mm}`,
				`${year}.${m}.${d} ${h}:${mm}`,
				`${day} ${MONTHS[month - 1]} ${year} ${h}:${mm}`,
				`${day} ${MONTHS[month - 1]} ${year} года ${h}:${mm}`,
				`  ${d}.${m}.${year} ${h}:${mm}  `,
				`${d}.${m}.${year}`
			]);
			const time = written.includes(':');
			const result = parseDateTime(written);
			expect(result.ok, written).toBe(true);
			expect(result.value, written).toBe(
				isoDateTimeBefore(year, month, day, time ? hour : 0, time ? minute : 0)
			);
			read++;
		}
		expect(read).toBe(20_000);
	});

	it('gives the same value for times of another zone, Excel serials and two-digit years', () => {
		const random = createRandom(71);
		const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
		for (let round = 0; round < 5_000; round++) {
			// An ISO time with an offset, read in Moscow's (+03:00): its parts move.
			const utc = Date.UTC(int(1950, 2090), int(0, 11), int(1, 28), int(0, 23), int(0, 59));
			const shifted = new Date(utc + 180 * 60_000);
			const iso = new Date(utc).toISOString().slice(0, 16) + 'Z';
			const zoned = parseDateTime(iso, { utcOffsetMinutes: 180 });
			expect(zoned.value, iso).toBe(
				isoDateTimeBefore(
					shifted.getUTCFullYear(),
					shifted.getUTCMonth() + 1,
					shifted.getUTCDate(),
					shifted.getUTCHours(),
					shifted.getUTCMinutes()
				)
			);
			// An Excel serial with a fraction of a day.
			const serial = int(3654, 73050);
			const minutes = int(0, 1439);
			const at = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000 + minutes * 60_000);
			const fromExcel = parseDateTime(`${serial}.${String(minutes / 1440).slice(2) || '0'}`, {
				fromExcelSerial: true
			});
			expect(fromExcel.ok).toBe(true);
			expect(fromExcel.value.slice(0, 10)).toBe(
				isoDateBefore(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate())
			);
			expect(fromExcel.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
			// A two-digit year, read against the current one.
			const short = int(0, 99);
			const twoDigit = parseDateTime(`05.03.${pad2(short)} 7:05`, { currentYear: 2026 });
			const full = short <= 26 ? 2000 + short : 1900 + short;
			expect(twoDigit.value).toBe(isoDateTimeBefore(full, 3, 5, 7, 5));
		}
	});

	it('flags what it flagged: no such date, no such time, out of range', () => {
		for (const raw of [
			'31.02.2024 10:00',
			'01.01.2024 24:00',
			'01.01.2024 10:60',
			'01.01.1700 10:00'
		])
			expect(parseDateTime(raw).ok, raw).toBe(false);
	});
});
