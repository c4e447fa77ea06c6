import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../bench/data';
import {
	excelSerialDate,
	formatDate,
	formatDateTime,
	nearestYear,
	parseDate,
	parseDateTime,
	type DateOptions,
	type DateReason
} from './date';

/** Two-digit years are read against 2025 in these tests, whatever year they run in. */
const IN_2025: DateOptions = { currentYear: 2025 };

describe('parseDate', () => {
	it.each([
		['a Russian date дд.мм.гггг', '05.03.2024', '2024-03-05'],
		['a Russian date without leading zeros', '5.3.2024', '2024-03-05'],
		['a date with a slash, day first', '05/03/2024', '2024-03-05'],
		['a date with dashes, day first', '05-03-2024', '2024-03-05'],
		['an ISO date', '2024-03-05', '2024-03-05'],
		['an ISO date with dots', '2024.03.05', '2024-03-05'],
		['a date followed by г.', '09.05.1945 г.', '1945-05-09'],
		['a date with the month in words', '9 мая 1945', '1945-05-09'],
		['a date with the month in words and года', '27 января 1944 года', '1944-01-27'],
		['a date with a short month name', '5 Мар 2024', '2024-03-05'],
		['a date in quotes with spaces', ' "05.03.2024" ', '2024-03-05'],
		['29 February of a leap year', '29.02.2024', '2024-02-29'],
		['29 February of 2000 (divisible by 400)', '29.02.2000', '2000-02-29'],
		['a date with the midnight a spreadsheet adds', '05.03.2024 0:00:00', '2024-03-05']
	])('%s is stored as yyyy-mm-dd', (_, raw, stored) => {
		expect(parseDate(raw, IN_2025)).toEqual({ ok: true, value: stored });
	});

	it.each([
		['01.02.25', '2025-02-01'],
		['01.02.00', '2000-02-01'],
		['01.02.26', '1926-02-01'],
		['12.04.45', '1945-04-12'],
		['31.12.99', '1999-12-31']
	])('a two-digit year up to this year is 20xx, after it 19xx: %s → %s', (raw, stored) => {
		expect(parseDate(raw, IN_2025)).toEqual({ ok: true, value: stored });
	});

	describe('a date of birth', () => {
		const BIRTH: DateOptions = { birthDate: true, currentYear: 2026, today: '2026-12-04' };

		it.each([
			['typed with the wrong century', '12.05.2045'],
			['tomorrow', '05.12.2026'],
			['in ISO form', '2030-01-01'],
			['in words', '9 мая 2045']
		])('after today is flagged: %s', (_, raw) => {
			expect(parseDate(raw, BIRTH)).toEqual({ ok: false, value: raw, reason: 'future-birth' });
			// Any other date column takes it.
			expect(parseDate(raw, { currentYear: 2026 }).ok).toBe(true);
		});

		it.each([
			['typed with the wrong century', '12.05.1845'],
			['the 1800s', '01.01.1850'],
			['Excel’s day one, written for an empty date', '01.01.1900'],
			['in ISO form', '1899-12-31'],
			['in words', '9 мая 1845']
		])('before 1901 is flagged (found by exploration): %s', (_, raw) => {
			// A resident of 125 years or more: a typo for 19.. (1850 for 1950), or Excel's first day.
			// It was stored without a word.
			expect(parseDate(raw, BIRTH)).toEqual({ ok: false, value: raw, reason: 'early-birth' });
			expect(parseDate(raw, { currentYear: 2026 }).ok).toBe(true);
		});

		it.each([
			['today', '04.12.2026', '2026-12-04'],
			['the first day of 1901', '01.01.1901', '1901-01-01'],
			['a veteran of 1925', '09.05.1925', '1925-05-09'],
			['a two-digit year only the last century can mean', '12.04.45', '1945-04-12'],
			['the lowest such year', '01.02.27', '1927-02-01']
		])('up to today is stored: %s', (_, raw, stored) => {
			expect(parseDate(raw, BIRTH)).toEqual({ ok: true, value: stored });
		});

		it.each(['05.03.25', '01.01.00', '31.12.26', '5/3/10'])(
			'a two-digit year of either century is not guessed: %s',
			(raw) => {
				expect(parseDate(raw, BIRTH)).toEqual({ ok: false, value: raw, reason: 'two-digit-year' });
				expect(parseDate(raw, { currentYear: 2026 }).ok).toBe(true);
			}
		);

		it('today defaults to the local date', () => {
			const now = new Date();
			const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
			const typed = `${tomorrow.getDate()}.${tomorrow.getMonth() + 1}.${tomorrow.getFullYear()}`;
			expect(parseDate(typed, { birthDate: true }).ok).toBe(false);
			const today = `${now.getDate()}.${now.getMonth() + 1}.${now.getFullYear()}`;
			expect(parseDate(today, { birthDate: true }).ok).toBe(true);
		});
	});

	it('two-digit years move with the current year', () => {
		expect(parseDate('01.02.26', { currentYear: 2026 }).value).toBe('2026-02-01');
		expect(parseDate('01.02.30', { currentYear: 2026 }).value).toBe('1930-02-01');
	});

	it.each([
		['31 February', '31.02.1950', 'no-such-date'],
		['29 February of a common year', '29.02.2023', 'no-such-date'],
		['29 February of 1900 (divisible by 100)', '29.02.1900', 'no-such-date'],
		['31 April', '31.04.2024', 'no-such-date'],
		['month 13', '01.13.2024', 'no-such-date'],
		['day 0', '00.01.2024', 'no-such-date'],
		['an American month-first date', '03/25/2024', 'no-such-date'],
		['a typo in the year', '12.05.0945', 'year-out-of-range'],
		['a year far in the future', '12.05.2945', 'year-out-of-range'],
		['a date with a time of day', '05.03.2024 14:30', 'has-time'],
		['a word', 'не помнит', 'not-a-date'],
		['a year alone', '1945', 'not-a-date'],
		['a month name that does not exist', '5 мартобря 2024', 'not-a-date'],
		['an Excel serial number', '45356', 'excel-serial'],
		['an empty cell', '', 'empty']
	] as [string, string, DateReason][])('%s is kept as typed and flagged', (_, raw, reason) => {
		expect(parseDate(raw, IN_2025)).toEqual({ ok: false, value: raw, reason });
	});

	it('an Excel serial number is read only when asked to', () => {
		expect(parseDate('45356', { fromExcelSerial: true })).toEqual({
			ok: true,
			value: '2024-03-05'
		});
		expect(parseDate('1', { fromExcelSerial: true }).value).toBe('1900-01-01');
		expect(parseDate('59', { fromExcelSerial: true }).value).toBe('1900-02-28');
		expect(parseDate('61', { fromExcelSerial: true }).value).toBe('1900-03-01');
		expect(parseDate('60', { fromExcelSerial: true })).toMatchObject({
			ok: false,
			reason: 'no-such-date'
		});
	});
});

describe('parseDateTime', () => {
	it.each([
		['a Russian date and time', '05.03.2024 14:30', '2024-03-05T14:30'],
		['a time with one-digit hours', '05.03.2024 9:05', '2024-03-05T09:05'],
		['a time with seconds (dropped, not rounded)', '05.03.2024 14:30:59', '2024-03-05T14:30'],
		['a comma after the date, as Intl writes it', '05.03.2024, 14:30', '2024-03-05T14:30'],
		['ISO with T', '2024-03-05T14:30', '2024-03-05T14:30'],
		['ISO with T, seconds and milliseconds', '2024-03-05T14:30:15.250', '2024-03-05T14:30'],
		['ISO with a space', '2024-03-05 14:30', '2024-03-05T14:30'],
		['a date alone (taken at 00:00)', '05.03.2024', '2024-03-05T00:00'],
		['a two-digit year and a time', '05.03.24 08:00', '2024-03-05T08:00']
	])('%s is stored as yyyy-mm-ddThh:mm', (_, raw, stored) => {
		expect(parseDateTime(raw, IN_2025)).toEqual({ ok: true, value: stored });
	});

	it.each([
		['hour 24', '05.03.2024 24:00', 'no-such-time'],
		['minute 60', '05.03.2024 14:60', 'no-such-time'],
		['31 February with a time', '31.02.2024 10:00', 'no-such-date'],
		['a time with a zone when the local zone is not known', '2024-03-05T11:30:00Z', 'time-zone'],
		['a time alone', '14:30', 'not-a-date']
	] as [string, string, DateReason][])('%s is kept as typed and flagged', (_, raw, reason) => {
		expect(parseDateTime(raw, IN_2025)).toEqual({ ok: false, value: raw, reason });
	});

	it('a time with a zone is converted to the local time when the offset is given', () => {
		const moscow = { utcOffsetMinutes: 180 };
		expect(parseDateTime('2024-03-05T11:30:00Z', moscow).value).toBe('2024-03-05T14:30');
		expect(parseDateTime('2024-03-05T23:30:00+00:00', moscow).value).toBe('2024-03-06T02:30');
		expect(parseDateTime('2024-03-05T14:30+0300', moscow).value).toBe('2024-03-05T14:30');
		expect(parseDate('2024-03-04T21:00:00.000Z', moscow).value).toBe('2024-03-05');
	});

	it('an Excel serial with a fraction gives the time of day', () => {
		expect(parseDateTime('45356.5', { fromExcelSerial: true }).value).toBe('2024-03-05T12:00');
		expect(parseDateTime('45356,75', { fromExcelSerial: true }).value).toBe('2024-03-05T18:00');
	});
});

describe('formatDate and formatDateTime', () => {
	it('a stored date is shown as дд.мм.гггг', () => {
		expect(formatDate('1945-05-09')).toBe('09.05.1945');
	});

	it('a stored date-time is shown as дд.мм.гггг чч:мм', () => {
		expect(formatDateTime('2024-03-05T09:05')).toBe('05.03.2024 09:05');
	});

	it('a value that is not a stored date is shown as it is', () => {
		for (const raw of ['31.02.1950', '2023-02-29', 'не помнит', '', '2024-03-05T14:30']) {
			expect(formatDate(raw)).toBe(raw);
		}
		for (const raw of ['2024-03-05', '2024-03-05T25:00', 'вчера']) {
			expect(formatDateTime(raw)).toBe(raw);
		}
	});

	it('parsing what a date is shown as gives the stored date back', () => {
		for (const stored of ['1945-05-09', '2024-02-29', '2000-12-31']) {
			expect(parseDate(formatDate(stored)).value).toBe(stored);
		}
		expect(parseDateTime(formatDateTime('2024-03-05T09:05')).value).toBe('2024-03-05T09:05');
	});
});

/** `parseDate` and `parseDateTime` with the regular expressions only, as before the plain reader. */
const parseDateReference = (raw: string, options: DateOptions = {}) =>
	parseDate(raw, { ...options, plainReader: false });
const parseDateTimeReference = (raw: string, options: DateOptions = {}) =>
	parseDateTime(raw, { ...options, plainReader: false });

describe('the plain dd.mm.yyyy reader', () => {
	it('gives what the regular expressions gave, on dates written every way (property)', () => {
		const random = createRandom(1945);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
		const digits = (n: number) => {
			let text = '';
			for (let i = 0; i < n; i++) text += Math.floor(random() * 10);
			return text;
		};
		const upTo = (max: number) => {
			const n = String(1 + Math.floor(random() * max));
			return random() < 0.5 ? n.padStart(2, '0') : n;
		};
		const day = () => pick([upTo(28), upTo(31), upTo(31), digits(2), '0', '00', digits(3)]);
		const month = () => pick([upTo(12), upTo(12), upTo(12), '13', '0', digits(2)]);
		const sixty = () => pick([digits(2), '59', '60', '00']);
		const hour = () => pick([upTo(23), upTo(23), digits(2), '23', '24', '0', digits(3)]);
		const year = () =>
			pick([digits(4), digits(2), '1941', '2024', '2000', '1799', '2200', '1900', digits(5)]);
		const time = () =>
			pick([
				'',
				'',
				' ' + hour() + ':' + sixty(),
				' ' + hour() + ':' + sixty() + ':' + sixty(),
				' ' + hour() + ':' + sixty() + ':' + sixty() + '.5',
				'  14:30',
				', 14:30',
				'T14:30',
				' 14:3',
				' 14:30:',
				' 14:30:1',
				' 24:00',
				' 0:00:00',
				' г.',
				' года 10:00'
			]);
		for (let n = 0; n < 20_000; n++) {
			const separator = pick(['.', '.', '/', '-', ' ', ',']);
			const other = random() < 0.9 ? separator : pick(['.', '/', '-']);
			const text =
				pick(['', '', '', ' ', "'", '"']) +
				day() +
				separator +
				month() +
				other +
				year() +
				time() +
				pick(['', '', '', ' ', 'x', '"']);
			const options: DateOptions = pick([{}, IN_2025, { fromExcelSerial: true }]);
			expect(parseDate(text, options), JSON.stringify(text)).toEqual(
				parseDateReference(text, options)
			);
			expect(parseDateTime(text, options), JSON.stringify(text)).toEqual(
				parseDateTimeReference(text, options)
			);
		}
	});
});

describe('excelSerialDate', () => {
	it('reads the numbers from 01.01.1910 to 31.12.2099 as Excel’s dates, nothing else', () => {
		expect(excelSerialDate('3654', 'date')).toEqual({ ok: true, value: '1910-01-01' });
		expect(excelSerialDate('25569', 'date')).toEqual({ ok: true, value: '1970-01-01' });
		expect(excelSerialDate(' 14977,0 ', 'date')).toEqual({ ok: true, value: '1941-01-01' });
		expect(excelSerialDate('73050', 'date')).toEqual({ ok: true, value: '2099-12-31' });
		expect(excelSerialDate('45632.25', 'datetime')).toEqual({
			ok: true,
			value: '2024-12-06T06:00'
		});
		for (const raw of ['3653', '73051', '1941', '2024', '-14977', '14977,5', '1.5e4', 'дата'])
			expect(excelSerialDate(raw, 'date'), raw).toBeNull();
		expect(excelSerialDate('45632', 'date', { birthDate: true, today: '2024-12-05' })).toBeNull();
	});
});

describe('a day and month without a year', () => {
	it('is a day of this year with `thisYear` (a request’s date), in a date-and-time too', () => {
		const options: DateOptions = { currentYear: 2026, today: '2026-07-01', thisYear: true };
		expect(parseDate('06.04', options)).toEqual({ ok: true, value: '2026-04-06' });
		expect(parseDate(' 5/12 ', options)).toEqual({ ok: true, value: '2026-12-05' });
		expect(parseDateTime('5.12 14:30', options)).toEqual({ ok: true, value: '2026-12-05T14:30' });
		expect(parseDate('29.02', options)).toMatchObject({ ok: false, reason: 'no-such-date' });
		expect(parseDate('5.12 14:30', options)).toMatchObject({ ok: false, reason: 'has-time' });
		// Full dates are read as before.
		expect(parseDate('05.03.41', options)).toEqual({ ok: true, value: '1941-03-05' });
	});

	it('is the day nearest to today, within half a year either way (found in review)', () => {
		// December's requests imported in early January were read as next December's.
		const january: DateOptions = { today: '2027-01-03', thisYear: true };
		expect(parseDate('28.12', january)).toEqual({ ok: true, value: '2026-12-28' });
		expect(parseDateTime('31.12 23:50', january)).toEqual({ ok: true, value: '2026-12-31T23:50' });
		expect(parseDate('06.04', january)).toEqual({ ok: true, value: '2027-04-06' });
		// Five months ahead: this year's; more than half a year ahead: last year's.
		expect(parseDate('03.06', january)).toEqual({ ok: true, value: '2027-06-03' });
		expect(parseDate('10.07', january)).toEqual({ ok: true, value: '2026-07-10' });
		// A call's date typed at the end of December for early January: next year's.
		const december: DateOptions = { today: '2026-12-28', thisYear: true };
		expect(parseDate('05.01', december)).toEqual({ ok: true, value: '2027-01-05' });
		expect(parseDate('05.12', december)).toEqual({ ok: true, value: '2026-12-05' });
		// 29.02: the nearest leap year of the three, else no such date.
		expect(parseDate('29.02', { today: '2027-12-01', thisYear: true })).toEqual({
			ok: true,
			value: '2028-02-29'
		});
		expect(parseDate('29.02', { today: '2026-06-01', thisYear: true })).toMatchObject({
			ok: false,
			reason: 'no-such-date'
		});
		expect(nearestYear(4, 6, '2026-10-05')).toBe(2026);
		expect(nearestYear(4, 6, '2026-10-06')).toBe(2027);
	});

	it('«1.5» typed on the 7th of December is next May, for every date but a date of birth (kept so: docs/behaviour.md)', () => {
		// A campaign's «Дата» prepared in December for 9 May or 27 January is next year's; a day
		// farther than half a year ahead is last year's, as likely a request logged late.
		const december: DateOptions = { today: '2026-12-07', thisYear: true };
		expect(parseDate('1.5', december)).toEqual({ ok: true, value: '2027-05-01' });
		expect(parseDate('9.5', december)).toEqual({ ok: true, value: '2027-05-09' });
		expect(parseDate('27.1', december)).toEqual({ ok: true, value: '2027-01-27' });
		expect(parseDate('22.6', december)).toEqual({ ok: true, value: '2026-06-22' });
		expect(parseDateTime('1.5 10:30', december)).toEqual({ ok: true, value: '2027-05-01T10:30' });
		expect(parseDate('1.5', { ...december, birthDate: true })).toMatchObject({
			ok: false,
			reason: 'birth-no-year'
		});
	});

	it('is flagged «no year» without it, and in a date of birth always: a year of birth cannot be guessed', () => {
		const reason = (raw: string, options: DateOptions) =>
			(parseDate(raw, { currentYear: 2026, ...options }) as { reason?: DateReason }).reason;
		expect(reason('06.04', {})).toBe('no-year');
		expect(reason('06.04', { birthDate: true })).toBe('birth-no-year');
		expect(reason('06.04', { birthDate: true, thisYear: true })).toBe('birth-no-year');
		expect(parseDate('06.04', { birthDate: true, thisYear: true })).toMatchObject({
			ok: false,
			value: '06.04'
		});
		// A number is still no date; Excel's serial dates are read as before.
		expect(reason('1941', { thisYear: true })).toBe('not-a-date');
		expect(excelSerialDate('14977', 'date')).toEqual({ ok: true, value: '1941-01-01' });
	});
});
