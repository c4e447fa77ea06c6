/**
 * Dates and date-times as a headquarters writes them, stored as ISO text that sorts by itself:
 * a date `yyyy-mm-dd`, a date-time `yyyy-mm-ddThh:mm` (local wall-clock time, no zone).
 *
 * Accepted:
 * - day first, as in Russia: `05.03.2024`, `5.3.2024`, `05.03.24`, `05/03/2024`, `05-03-2024`,
 *   with an optional `г.` / `года` after the year. A slash is day-first too: the American
 *   month-first order is never guessed (`03/25/2024` is 'no-such-date', kept as typed).
 * - year first (ISO): `2024-03-05`, `2024.03.05`, `2024-03-05T14:30[:ss[.sss]][Z|±hh:mm]`.
 * - a month in words: `9 мая 1945`, `27 января 1944 г.`, `5 мар 2024`.
 * - a time after the date: `05.03.2024 14:30`, `05.03.2024, 14:30:15` (seconds are dropped,
 *   not rounded).
 * - with `thisYear`, a day and month alone: `06.04`, `5/12`, `5.12 14:30` — the day nearest to
 *   today (`nearestYear`).
 *   Without it that is 'no-year', and in a date of birth always 'birth-no-year' (a year of birth
 *   cannot be guessed).
 *
 * Two-digit years: `yy` ≤ the current year's last two digits → 20yy, else 19yy (in 2025,
 * `25` → 2025 and `26` → 1926). Residents over 65 were born in 19xx, so a birth date
 * `01.02.45` reads as 1945; a two-digit year can never mean the future. In a date of birth
 * (`birthDate`) a two-digit year that could be either century is not guessed, and no date of
 * birth may be after today, nor before 1901 (`EARLIEST_BIRTH`).
 *
 * Checked: the date exists (31.02 never, 29.02 in leap years only), the year is within
 * 1800–2199, the time within 00:00–23:59. A date column refuses a time other than midnight
 * ('has-time'; spreadsheets add `0:00:00` to plain dates, which is accepted). A bare number is
 * not a date unless `fromExcelSerial` is set (a five-digit one is flagged 'excel-serial').
 */
import { trimValue } from './clean';
import { invalid, valid, type ValueResult } from './result';

export type DateReason =
	| 'empty'
	| 'not-a-date'
	| 'no-such-date'
	| 'year-out-of-range'
	| 'has-time'
	| 'excel-serial'
	| 'no-such-time'
	| 'time-zone'
	| 'future-birth'
	| 'early-birth'
	| 'two-digit-year'
	| 'no-year'
	| 'birth-no-year';
export type DateResult = ValueResult<DateReason>;

export interface DateOptions {
	/** Read a bare number as an Excel serial date (1 = 01.01.1900, fraction = time of day). */
	fromExcelSerial?: boolean;
	/** The year two-digit years are read against. Default: this year. */
	currentYear?: number;
	/**
	 * The headquarters' offset from UTC in minutes (Moscow: 180). An ISO time with `Z` or an
	 * offset is converted to it; without it such a time is flagged 'time-zone', never shifted
	 * by a guess.
	 */
	utcOffsetMinutes?: number;
	/**
	 * Default true: `dd.mm.yyyy [hh:mm[:ss]]` is read by a plain loop before the regular
	 * expressions. False reads everything with the regular expressions, as before that loop: a
	 * property test checks that both give the same answers.
	 */
	plainReader?: boolean;
	/**
	 * A date of birth: a date after `today` is flagged 'future-birth' (`12.05.2045` typed for
	 * 1945, a call date put in the wrong column), and a two-digit year that could be of either
	 * century (`05.03.25`: a veteran of 1925, or a child of 2025?) 'two-digit-year', and a date
	 * before 1901 'early-birth' (`01.01.1850` typed for 1950, Excel's `01.01.1900`).
	 */
	birthDate?: boolean;
	/**
	 * Today as `yyyy-mm-dd`, for `birthDate` and for the year of a day and month (`thisYear`).
	 * Default: this machine's local date.
	 */
	today?: string;
	/**
	 * A day and month without a year (`06.04`, `5/12`, `5.12 14:30`) is the day of that date
	 * nearest to `today` (`nearestYear`: within half a year, so December's `28.12` read on the
	 * 3rd of January is last year's): what an operator types for a request's date, and what a
	 * hotline's file writes. Not in a
	 * date of birth, whose year cannot be guessed ('birth-no-year'). Without it such a date is
	 * 'no-year': a value stored so is not read again as the year it is read in.
	 */
	thisYear?: boolean;
}

export const MIN_YEAR = 1800;
export const MAX_YEAR = 2199;
/** Excel's largest serial date (31.12.9999). */
const MAX_EXCEL_SERIAL = 2958465;
const DAY_MS = 86_400_000;

const TIME = String.raw`(?:\s*,\s*|\s+|[Tt])(\d{1,2}):(\d\d)(?::(\d\d)(?:[.,]\d{1,9})?)?`;
const YEAR_MARK = String.raw`(?:\s*(?:года|[гГ]\.?))?`;
const DAY_FIRST = new RegExp(
	String.raw`^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d\d)${YEAR_MARK}(?:${TIME})?$`
);
const YEAR_FIRST = new RegExp(
	String.raw`^(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?:${TIME}([Zz]|[+-]\d\d(?::?\d\d)?)?)?$`
);
const IN_WORDS = new RegExp(
	String.raw`^(\d{1,2})\s+([а-яё]+)\.?,?\s+(\d{4})${YEAR_MARK}(?:${TIME})?$`,
	'i'
);
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([./])(\d{1,2})(?:${TIME})?$`);
const SERIAL = /^(\d{1,7})(?:[.,](\d+))?$/;
const STORED_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const STORED_DATETIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/;

const MONTHS = new Map<string, number>();
[
	['январь', 'января', 'янв'],
	['февраль', 'февраля', 'фев', 'февр'],
	['март', 'марта', 'мар'],
	['апрель', 'апреля', 'апр'],
	['май', 'мая'],
	['июнь', 'июня', 'июн'],
	['июль', 'июля', 'июл'],
	['август', 'августа', 'авг'],
	['сентябрь', 'сентября', 'сен', 'сент'],
	['октябрь', 'октября', 'окт'],
	['ноябрь', 'ноября', 'ноя', 'нояб'],
	['декабрь', 'декабря', 'дек']
].forEach((names, i) => names.forEach((name) => MONTHS.set(name, i + 1)));

/** The fields of the value being parsed: one object, reused by every call. */
const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };

function isLeap(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(month: number, year: number): number {
	if (month === 2) return isLeap(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year);
}

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

function fullYear(text: string, options: DateOptions): number {
	const year = +text;
	if (text.length === 4) return year;
	const current = options.currentYear ?? new Date().getFullYear();
	const century = current - (current % 100);
	return year <= current % 100 ? century + year : century - 100 + year;
}

/**
 * A two-digit year of birth that could be either century: `25` in 2026 is 1925 or 2025. Older
 * ones (`45`) can only be 19yy.
 */
function isAmbiguousBirthYear(year: number, options: DateOptions): boolean {
	const current = options.currentYear ?? new Date().getFullYear();
	return year <= current % 100;
}

/** Sets `parts` from a UTC timestamp (after a zone shift or an Excel serial). */
function setFromUtc(ms: number): void {
	const d = new Date(ms);
	parts.year = d.getUTCFullYear();
	parts.month = d.getUTCMonth() + 1;
	parts.day = d.getUTCDate();
	parts.hour = d.getUTCHours();
	parts.minute = d.getUTCMinutes();
}

function zoneMinutes(zone: string): number {
	if (zone === 'Z' || zone === 'z') return 0;
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2) : 0));
}

function readSerial(m: RegExpExecArray, options: DateOptions): DateReason | null {
	const whole = +m[1];
	if (!options.fromExcelSerial) {
		return whole >= 10_000 && whole <= 99_999 ? 'excel-serial' : 'not-a-date';
	}
	if (whole < 1 || whole > MAX_EXCEL_SERIAL) return 'not-a-date';
	if (whole === 60) return 'no-such-date'; // Excel's 29.02.1900, a day that never was
	const fraction = m[2] ? +('0.' + m[2]) : 0;
	// Excel counts 1900 as a leap year: serials after 60 are one day ahead of the calendar.
	const epoch = Date.UTC(1899, 11, whole < 60 ? 31 : 30);
	setFromUtc(epoch + whole * DAY_MS + Math.round(fraction * 1440) * 60_000);
	return null;
}

/** The digit at `i` (0–9), or -1 (also past the end). */
function digitAt(s: string, i: number): number {
	const d = s.charCodeAt(i) - 48;
	return d >= 0 && d <= 9 ? d : -1;
}

/**
 * `dd.mm.yyyy`, `d.m.yyyy` (or with `/`, `-`), alone or followed by one space and `hh:mm` or
 * `hh:mm:ss`: how spreadsheets write dates, and what nearly every date cell of an import holds
 * (a 100,000-row call list has 200,000 of them). Read here without the regular expressions,
 * exactly as `DAY_FIRST` reads them. Fills `parts` (time 00:00 when there is none) and returns
 * the seconds, or -1 when `s` is not written so (then nothing is decided about it).
 */
function readPlainDayFirst(s: string): number {
	let i = 1;
	let d = digitAt(s, 0);
	if (d < 0) return -1;
	let day = d;
	if ((d = digitAt(s, i)) >= 0) {
		day = day * 10 + d;
		i++;
	}
	const separator = s.charCodeAt(i++);
	if (separator !== 0x2e && separator !== 0x2f && separator !== 0x2d) return -1; // . / -
	if ((d = digitAt(s, i++)) < 0) return -1;
	let month = d;
	if ((d = digitAt(s, i)) >= 0) {
		month = month * 10 + d;
		i++;
	}
	if (s.charCodeAt(i++) !== separator) return -1;
	let year = 0;
	for (const end = i + 4; i < end; i++) {
		if ((d = digitAt(s, i)) < 0) return -1;
		year = year * 10 + d;
	}
	let hour = 0;
	let minute = 0;
	let second = 0;
	if (i < s.length) {
		if (s.charCodeAt(i++) !== 0x20 || (d = digitAt(s, i++)) < 0) return -1;
		hour = d;
		if ((d = digitAt(s, i)) >= 0) {
			hour = hour * 10 + d;
			i++;
		}
		if (s.charCodeAt(i) !== 0x3a || digitAt(s, i + 1) < 0 || digitAt(s, i + 2) < 0) return -1;
		minute = digitAt(s, i + 1) * 10 + digitAt(s, i + 2);
		i += 3;
		if (i < s.length) {
			if (s.charCodeAt(i) !== 0x3a || digitAt(s, i + 1) < 0 || digitAt(s, i + 2) < 0) return -1;
			if (i + 3 !== s.length) return -1;
			second = digitAt(s, i + 1) * 10 + digitAt(s, i + 2);
		}
	}
	parts.year = year;
	parts.month = month;
	parts.day = day;
	parts.hour = hour;
	parts.minute = minute;
	return second;
}

/** Fills `parts` from `s` (already trimmed); returns null, or why it is not a date. */
function read(s: string, options: DateOptions): DateReason | null {
	const plainSeconds = options.plainReader === false ? -1 : readPlainDayFirst(s);
	if (plainSeconds >= 0) {
		// The checks below, for a date read without a zone.
		if (parts.year < MIN_YEAR || parts.year > MAX_YEAR) return 'year-out-of-range';
		if (!isRealDate(parts.year, parts.month, parts.day)) return 'no-such-date';
		if (parts.hour > 23 || parts.minute > 59 || plainSeconds > 59) return 'no-such-time';
		return null;
	}
	let m: RegExpExecArray | null;
	let timeAt: number;
	let zone: string | undefined;
	const fifth = s.charCodeAt(4);
	const yearFirst = fifth === 0x2d || fifth === 0x2e || fifth === 0x2f; // - . /
	if (yearFirst && (m = YEAR_FIRST.exec(s))) {
		parts.year = +m[1];
		parts.month = +m[3];
		parts.day = +m[4];
		timeAt = 5;
		zone = m[8];
	} else if ((m = DAY_FIRST.exec(s))) {
		if (options.birthDate && m[4].length === 2 && isAmbiguousBirthYear(+m[4], options))
			return 'two-digit-year';
		parts.year = fullYear(m[4], options);
		parts.month = +m[3];
		parts.day = +m[1];
		timeAt = 5;
	} else if ((m = IN_WORDS.exec(s))) {
		const month = MONTHS.get(m[2].toLowerCase());
		if (month === undefined) return 'not-a-date';
		parts.year = +m[3];
		parts.month = month;
		parts.day = +m[1];
		timeAt = 4;
	} else if (!options.fromExcelSerial && (m = DAY_MONTH.exec(s))) {
		if (options.birthDate) return 'birth-no-year';
		if (!options.thisYear) return 'no-year';
		parts.month = +m[3];
		parts.day = +m[1];
		parts.year = nearestYear(parts.month, parts.day, options.today ?? localIsoDate());
		timeAt = 4;
	} else if ((m = SERIAL.exec(s))) {
		return readSerial(m, options);
	} else {
		return 'not-a-date';
	}

	if (parts.year < MIN_YEAR || parts.year > MAX_YEAR) return 'year-out-of-range';
	if (!isRealDate(parts.year, parts.month, parts.day)) return 'no-such-date';
	const hasTime = m[timeAt] !== undefined;
	parts.hour = hasTime ? +m[timeAt] : 0;
	parts.minute = hasTime ? +m[timeAt + 1] : 0;
	const second = hasTime && m[timeAt + 2] !== undefined ? +m[timeAt + 2] : 0;
	if (parts.hour > 23 || parts.minute > 59 || second > 59) return 'no-such-time';
	if (zone !== undefined) {
		if (options.utcOffsetMinutes === undefined) return 'time-zone';
		const utc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
		setFromUtc(utc + (options.utcOffsetMinutes - zoneMinutes(zone)) * 60_000);
		if (parts.year < MIN_YEAR || parts.year > MAX_YEAR) return 'year-out-of-range';
	}
	return null;
}

/** `parts` as `yyyy-mm-dd`, built from char codes: one flat string, not five joined. */
function isoDate(): string {
	const { year, month, day } = parts;
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

/**
 * `parts` as `yyyy-mm-ddThh:mm`, built from char codes: one flat string, where the five joined
 * before made a rope of V8's, four objects more for each date and time of a list (100,000 calls'
 * dates in an import), flattened again when the staging reads it.
 */
function isoDateTime(): string {
	const { year, month, day, hour, minute } = parts;
	if (year < 1000 || year > 9999 || hour > 99 || minute > 99)
		return isoDate() + 'T' + pad2(hour) + ':' + pad2(minute);
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
		48 + (day % 10),
		0x54, // T
		48 + Math.floor(hour / 10),
		48 + (hour % 10),
		0x3a, // :
		48 + Math.floor(minute / 10),
		48 + (minute % 10)
	);
}

/** Parse a date as typed → `yyyy-mm-dd`; see the module comment for what is accepted. */
export function parseDate(raw: string, options: DateOptions = {}): DateResult {
	const s = trimValue(raw);
	if (s.length === 0) return invalid(raw, 'empty');
	const reason = read(s, options);
	if (reason !== null) return invalid(raw, reason);
	if (parts.hour !== 0 || parts.minute !== 0) return invalid(raw, 'has-time');
	const iso = isoDate();
	if (options.birthDate && isFutureBirth(iso, options)) return invalid(raw, 'future-birth');
	if (options.birthDate && isEarlyBirth(iso)) return invalid(raw, 'early-birth');
	return valid(iso);
}

/** `yyyy-mm-dd` of the local date of `now`. */
/**
 * The year of a day and month given without one (`06.04` in a request's date, typed, pasted,
 * filled or imported): the one that puts it nearest to `today` (`yyyy-mm-dd`), within half a
 * year either way — this year's, last year's or next year's; on a tie, this year's. Found in
 * review: read as the current year's, December's requests imported in early January landed 11
 * months ahead. `29.02` takes the nearest leap year of the three (none: this year, where it is no
 * date). The date editor completes `5.12` with the same year (`completeShortDate`).
 */
export function nearestYear(month: number, day: number, today: string): number {
	const year = +today.slice(0, 4);
	const from = Date.UTC(year, +today.slice(5, 7) - 1, +today.slice(8, 10));
	let best = year;
	let bestDistance = Infinity;
	for (const candidate of [year, year + 1, year - 1]) {
		if (!isRealDate(candidate, month, day)) continue;
		const distance = Math.abs(Date.UTC(candidate, month - 1, day) - from);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

export function localIsoDate(now = new Date()): string {
	return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/** `yyyy-mm-ddThh:mm` of the local time `now`: the stored form of a date-and-time cell. */
export function localIsoDateTime(now = new Date()): string {
	return `${localIsoDate(now)}T${pad2(now.getHours())}:${pad2(now.getMinutes())}`;
}

/**
 * The earliest date of birth taken without a flag: a resident born before 1901 would be 125 or
 * more (found by exploration: `01.01.1850`, a typo for 1950, was stored without a word).
 */
export const EARLIEST_BIRTH = '1901-01-01';

/** For a date of birth (stored form): true when it is before `EARLIEST_BIRTH`. */
export function isEarlyBirth(stored: string): boolean {
	return stored < EARLIEST_BIRTH;
}

/** For a date of birth (stored form): true when it is after today (see `DateOptions`). */
export function isFutureBirth(stored: string, options: DateOptions): boolean {
	return stored > (options.today ?? localIsoDate());
}

/**
 * The Excel serial numbers read as dates when a file's date column holds them (`excelSerialDate`):
 * 01.01.1910 to 31.12.2099. A smaller number is no date of anyone living, nor of a call: a year
 * alone (`1941`) or a count put in the wrong column.
 */
export const EXCEL_SERIAL_MIN = 3654;
export const EXCEL_SERIAL_MAX = 73050;

/**
 * A bare number in a date (`type` 'date') or date-and-time column read as the Excel serial date
 * it is — what Excel writes for a date cell formatted as a number: `14976` or `14976,0` is
 * 01.01.1941 (the 1900 date system, with its 29.02.1900 that never was), `45632,5` 06.12.2024
 * 12:00. Only from `EXCEL_SERIAL_MIN` to `EXCEL_SERIAL_MAX`, and only when the date fits the
 * column (a date column takes no time of day; a date of birth is checked as any). Null otherwise:
 * the value is flagged as `parseDate` says. For the CSV import, which says so in its report; a
 * number typed into the grid is not read so.
 */
export function excelSerialDate(
	raw: string,
	type: 'date' | 'datetime',
	options: DateOptions = {}
): DateResult | null {
	const m = SERIAL.exec(trimValue(raw));
	if (!m || +m[1] < EXCEL_SERIAL_MIN || +m[1] > EXCEL_SERIAL_MAX) return null;
	const serial = { ...options, fromExcelSerial: true };
	const result = type === 'date' ? parseDate(raw, serial) : parseDateTime(raw, serial);
	return result.ok ? result : null;
}

/** Parse a date with a time as typed → `yyyy-mm-ddThh:mm`; a date alone is taken at 00:00. */
export function parseDateTime(raw: string, options: DateOptions = {}): DateResult {
	const s = trimValue(raw);
	if (s.length === 0) return invalid(raw, 'empty');
	const reason = read(s, options);
	if (reason !== null) return invalid(raw, reason);
	return valid(isoDateTime());
}

/** True when `stored` is a real date in the stored form `yyyy-mm-dd`. */
export function isStoredDate(stored: string): boolean {
	const m = STORED_DATE.exec(stored);
	return m !== null && +m[1] >= MIN_YEAR && +m[1] <= MAX_YEAR && isRealDate(+m[1], +m[2], +m[3]);
}

/** True when `stored` is a real date-time in the stored form `yyyy-mm-ddThh:mm`. */
export function isStoredDateTime(stored: string): boolean {
	const m = STORED_DATETIME.exec(stored);
	return (
		m !== null &&
		+m[1] >= MIN_YEAR &&
		+m[1] <= MAX_YEAR &&
		isRealDate(+m[1], +m[2], +m[3]) &&
		+m[4] <= 23 &&
		+m[5] <= 59
	);
}

/** `2024-03-05` → `05.03.2024`; anything that is not a stored date is returned unchanged. */
export function formatDate(stored: string): string {
	if (!isStoredDate(stored)) return stored;
	return stored.slice(8, 10) + '.' + stored.slice(5, 7) + '.' + stored.slice(0, 4);
}

/** `2024-03-05T14:30` → `05.03.2024 14:30`; anything else is returned unchanged. */
export function formatDateTime(stored: string): string {
	if (!isStoredDateTime(stored)) return stored;
	return formatDate(stored.slice(0, 10)) + ' ' + stored.slice(11, 16);
}
