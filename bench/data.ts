/**
 * Deterministic generator of a realistic call list (the kind a headquarters imports from Excel):
 * elderly residents of Saint Petersburg with phones written every which way, empty cells, and
 * notes with quotes, `;` and line breaks inside. Same `seed` → the same bytes, on every machine.
 *
 * CSV dialect: separator `;`, CRLF between records, `\n` inside quoted cells (Excel's Alt+Enter),
 * a cell is quoted only when it holds `;`, `"`, CR or LF, and a trailing CRLF after the last row.
 * 100,000 rows are about 25 MB of UTF-8.
 *
 * Reused by the model, grid and import benchmarks: keep it free of other project imports.
 */

export const CALL_LIST_HEADER = [
	'ФИО',
	'Телефон',
	'Адрес',
	'Дата рождения',
	'Категория',
	'Результат звонка',
	'Попытки',
	'Оператор',
	'Дата звонка',
	'Примечание',
	'Поликлиника',
	'СНИЛС'
] as const;

export interface GenerateOptions {
	/** Number of data rows (the header is not counted). */
	rows: number;
	/** Any integer; the same seed gives the same rows. Default 1. */
	seed?: number;
}

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function createRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const MALE_SURNAMES = [
	'Иванов',
	'Смирнов',
	'Кузнецов',
	'Попов',
	'Васильев',
	'Петров',
	'Соколов',
	'Михайлов',
	'Новиков',
	'Фёдоров',
	'Морозов',
	'Волков',
	'Алексеев',
	'Лебедев',
	'Семёнов',
	'Егоров',
	'Павлов',
	'Козлов',
	'Степанов',
	'Николаев',
	'Орлов',
	'Андреев',
	'Макаров',
	'Никитин',
	'Захаров',
	'Зайцев',
	'Соловьёв',
	'Борисов',
	'Яковлев',
	'Григорьев',
	'Романов',
	'Воробьёв',
	'Сергеев',
	'Кузьмин',
	'Фролов',
	'Александров',
	'Дмитриев',
	'Королёв',
	'Гусев',
	'Киселёв'
];
/** Surnames that do not change with gender. */
const NEUTRAL_SURNAMES = [
	'Шевчук',
	'Коваленко',
	'Бондаренко',
	'Мельник',
	'Гоголь-Шварц',
	'Дурново'
];

const MALE_NAMES = [
	'Александр',
	'Алексей',
	'Анатолий',
	'Борис',
	'Валентин',
	'Василий',
	'Виктор',
	'Владимир',
	'Геннадий',
	'Георгий',
	'Григорий',
	'Евгений',
	'Иван',
	'Леонид',
	'Михаил',
	'Николай',
	'Павел',
	'Пётр',
	'Сергей',
	'Юрий'
];
const FEMALE_NAMES = [
	'Александра',
	'Анна',
	'Антонина',
	'Валентина',
	'Вера',
	'Галина',
	'Евдокия',
	'Екатерина',
	'Зинаида',
	'Зоя',
	'Клавдия',
	'Лидия',
	'Любовь',
	'Людмила',
	'Мария',
	'Надежда',
	'Нина',
	'Ольга',
	'Раиса',
	'Тамара'
];
/** Fathers' names as [male patronymic, female patronymic]. */
const PATRONYMICS: [string, string][] = [
	['Александрович', 'Александровна'],
	['Алексеевич', 'Алексеевна'],
	['Андреевич', 'Андреевна'],
	['Борисович', 'Борисовна'],
	['Васильевич', 'Васильевна'],
	['Викторович', 'Викторовна'],
	['Владимирович', 'Владимировна'],
	['Георгиевич', 'Георгиевна'],
	['Григорьевич', 'Григорьевна'],
	['Дмитриевич', 'Дмитриевна'],
	['Иванович', 'Ивановна'],
	['Ильич', 'Ильинична'],
	['Михайлович', 'Михайловна'],
	['Николаевич', 'Николаевна'],
	['Павлович', 'Павловна'],
	['Петрович', 'Петровна'],
	['Семёнович', 'Семёновна'],
	['Сергеевич', 'Сергеевна'],
	['Фёдорович', 'Фёдоровна'],
	['Яковлевич', 'Яковлевна']
];

const STREETS = [
	'ул. Гороховая',
	'Невский пр.',
	'ул. Садовая',
	'Московский пр.',
	'ул. Марата',
	'Лиговский пр.',
	'ул. Бассейная',
	'пр. Ветеранов',
	'ул. Дыбенко',
	'пр. Просвещения',
	'ул. Ленская',
	'Гражданский пр.',
	'ул. Савушкина',
	'Каменноостровский пр.',
	'ул. Ивановская',
	'пр. Большевиков',
	'ул. Типанова',
	'Лесной пр.',
	'ул. Кораблестроителей',
	'наб. реки Фонтанки',
	'ул. Пионерская',
	'пр. Славы',
	'ул. Зины Портновой',
	'Железноводская ул.'
];
const TOWNS = ['', '', '', '', '', '', 'Колпино, ', 'Пушкин, ', 'Петергоф, ', 'Кронштадт, '];

const CATEGORIES = [
	'Пенсионер',
	'Пенсионер',
	'Пенсионер',
	'Одиноко проживающий',
	'Ветеран труда',
	'Житель блокадного Ленинграда',
	'Инвалид II группы',
	'Инвалид I группы',
	'Труженик тыла',
	'Многодетная семья',
	''
];
const RESULTS = [
	'',
	'',
	'',
	'',
	'Дозвонились',
	'Дозвонились',
	'Не берёт трубку',
	'Занято',
	'Перезвонить',
	'Номер не существует',
	'Отказ',
	'Нужна помощь'
];
const OPERATORS = [
	'Смирнова О.',
	'Кузнецов Д.',
	'Петрова А.',
	'Волкова Е.',
	'Морозов И.',
	'Лебедева Т.',
	'Орлова М.',
	'Никитин С.'
];
/** Notes, some of which need quoting: `;`, `"`, and line breaks. */
const NOTES = [
	'Просит перезвонить после 18:00',
	'Плохо слышит, говорить громко',
	'Нужны лекарства; рецепт у соседки',
	'Сын — "Алексей", телефон в карточке',
	'Звонить на домашний; мобильный не берёт',
	'Просила "не звонить рано утром"',
	'Нужна помощь с продуктами',
	'Ходит с палочкой\nНужно сопровождение в поликлинику',
	'Дочь сказала: "мама в больнице";\nперезвонить через неделю',
	'Попросила привезти:\n- хлеб\n- молоко\n- крупу',
	'Отказалась от помощи',
	'Ждёт врача на дом в четверг',
	'Телефон соседки: 8 812 555-12-34',
	'Лежачая, ухаживает внучка',
	'Переехала к родственникам'
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
	return list[Math.floor(rnd() * list.length)];
}

function int(rnd: () => number, min: number, max: number): number {
	return min + Math.floor(rnd() * (max - min + 1));
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function fullName(rnd: () => number): string {
	const female = rnd() < 0.62;
	const neutral = rnd() < 0.05;
	let surname = neutral ? pick(rnd, NEUTRAL_SURNAMES) : pick(rnd, MALE_SURNAMES);
	if (female && !neutral) surname += 'а';
	const name = pick(rnd, female ? FEMALE_NAMES : MALE_NAMES);
	const patronymic = pick(rnd, PATRONYMICS)[female ? 1 : 0];
	const r = rnd();
	if (r < 0.03) return `${surname} ${name[0]}. ${patronymic[0]}.`;
	if (r < 0.05) return `${surname.toUpperCase()} ${name} ${patronymic}`;
	if (r < 0.06) return ` ${surname}  ${name} ${patronymic} `;
	return `${surname} ${name} ${patronymic}`;
}

/** One phone number in one of the ways people really type them. */
function phone(rnd: () => number): string {
	const mobile = rnd() < 0.55;
	const code = mobile ? String(pick(rnd, [911, 921, 931, 952, 981, 999, 904])) : '812';
	const a = pad(int(rnd, 200, 999), 3);
	const b = pad(int(rnd, 0, 99), 2);
	const c = pad(int(rnd, 0, 99), 2);
	switch (int(rnd, 0, 7)) {
		case 0:
			return `8 ${code} ${a}-${b}-${c}`;
		case 1:
			return `+7(${code})${a}${b}${c}`;
		case 2:
			return `+7 ${code} ${a} ${b} ${c}`;
		case 3:
			return `8${code}${a}${b}${c}`;
		case 4:
			return `8(${code})${a}-${b}-${c}`;
		case 5:
			return `+7 (${code}) ${a}-${b}-${c}`;
		case 6:
			return code === '812' ? `${a}-${b}-${c}` : `7${code}${a}${b}${c}`;
		default:
			return `+7-${code}-${a}-${b}-${c}`;
	}
}

function phones(rnd: () => number): string {
	const r = rnd();
	if (r < 0.04) return '';
	if (r < 0.14) return `${phone(rnd)}, ${phone(rnd)}`;
	if (r < 0.17) return `${phone(rnd)} (дочь)`;
	return phone(rnd);
}

function address(rnd: () => number): string {
	if (rnd() < 0.02) return '';
	let s = `${pick(rnd, TOWNS)}${pick(rnd, STREETS)}, д. ${int(rnd, 1, 180)}`;
	if (rnd() < 0.25) s += `, корп. ${int(rnd, 1, 5)}`;
	if (rnd() < 0.93) s += `, кв. ${int(rnd, 1, 450)}`;
	return s;
}

function date(rnd: () => number, fromYear: number, toYear: number): string {
	const d = int(rnd, 1, 28);
	const m = int(rnd, 1, 12);
	return `${pad(d, 2)}.${pad(m, 2)}.${int(rnd, fromYear, toYear)}`;
}

/** A СНИЛС with a valid check number. */
function snils(rnd: () => number): string {
	const digits: number[] = [];
	for (let i = 0; i < 9; i++) digits.push(int(rnd, 0, 9));
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += digits[i] * (9 - i);
	let check = sum < 100 ? sum : sum % 101;
	if (check === 100) check = 0;
	const d = digits.join('');
	return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${pad(check, 2)}`;
}

function clinic(rnd: () => number): string {
	const r = rnd();
	const n = int(rnd, 1, 120);
	if (r < 0.1) return '';
	if (r < 0.25) return `СПб ГБУЗ «Городская поликлиника № ${n}»`;
	if (r < 0.35) return `ГП ${n}`;
	return `Поликлиника № ${n}`;
}

/** One data row, in the order of `CALL_LIST_HEADER`. */
function row(rnd: () => number): string[] {
	const result = pick(rnd, RESULTS);
	const called = result !== '';
	const attempts = called ? int(rnd, 1, 5) : rnd() < 0.5 ? 0 : -1;
	return [
		fullName(rnd),
		phones(rnd),
		address(rnd),
		rnd() < 0.03 ? '' : date(rnd, 1924, 1962),
		pick(rnd, CATEGORIES),
		result,
		attempts < 0 ? '' : String(attempts),
		called ? pick(rnd, OPERATORS) : '',
		called ? `${date(rnd, 2024, 2025)} ${pad(int(rnd, 9, 20), 2)}:${pad(int(rnd, 0, 59), 2)}` : '',
		rnd() < 0.4 ? pick(rnd, NOTES) : '',
		clinic(rnd),
		rnd() < 0.2 ? '' : snils(rnd)
	];
}

/** The header and `rows` data rows as plain strings (what a CSV parser should give back). */
export function generateRows(options: GenerateOptions): { header: string[]; rows: string[][] } {
	const rnd = createRandom(options.seed ?? 1);
	const rows: string[][] = new Array(options.rows);
	for (let i = 0; i < options.rows; i++) rows[i] = row(rnd);
	return { header: [...CALL_LIST_HEADER], rows };
}

const NEEDS_QUOTES = /[;"\r\n]/;

/** One CSV field: quoted (with `"` doubled) only when it holds the separator, a quote or a break. */
export function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records joined with `;` and CRLF, with a trailing CRLF (as Excel writes it). */
export function toCsv(records: string[][]): string {
	const lines = new Array<string>(records.length);
	for (let i = 0; i < records.length; i++) lines[i] = records[i].map(csvField).join(';');
	return lines.join('\r\n') + '\r\n';
}

/** The whole call list as CSV text: header plus `rows` data rows. */
export function generateCallListCsv(options: GenerateOptions): string {
	const { header, rows } = generateRows(options);
	return toCsv([header, ...rows]);
}
