/**
 * Messages between the import dialog and `import.worker.ts`. The worker keeps the file and its
 * parsed rows; the page only ever receives a sample, counts and, at the end, the rows to write.
 */
import type {
	CsvDelimiter,
	CsvEncoding,
	CsvError,
	DuplicatePolicy,
	EncodingOverride,
	ExistingRow,
	KeyColumns
} from '../csv';
import type {
	DuplicateCounts,
	FlaggedValue,
	ImportTargetColumn,
	NamelessAdded,
	PreparedImport,
	UnmatchedAdded,
	UnmatchedValue
} from './plan';

/** Lines without a name the mapping step names (`NamelessAdded`); the others are counted. */
export const NAMELESS_SHOWN = 5;

/** Rows sent to the page for the preview and for guessing the types of new columns. */
export const SAMPLE_ROWS = 200;
/**
 * The largest file an import reads: about 200,000 rows of a call list. The whole file, its text
 * and its rows are held by the worker at once, and every operator's browser then holds the sheet:
 * a file much bigger would run a laptop's tab out of memory (and the page with it) instead of
 * saying anything. Checked before a byte is read.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ToWorker =
	| {
			type: 'parse';
			file?: Blob;
			encoding?: EncodingOverride;
			/** Whether the first row holds the titles; default: guessed (`detectHeader`). */
			header?: boolean;
	  }
	| {
			type: 'analyze';
			targets: ImportTargetColumn[];
			/** `AnalyzeOptions.ifNoneMatched`. */
			ifNoneMatched?: ImportTargetColumn[];
			existing: ExistingRow[];
			targetSheetId: string;
			keyColumnsBySheet: Record<string, KeyColumns>;
	  }
	| {
			type: 'prepare';
			policy: DuplicatePolicy;
			stage?: StageRequest;
			addDeleted?: boolean;
			/** What the rows the import adds get where the file's value is empty (`prepareImport`). */
			newRow?: Record<string, string>;
	  };

/** Build the new rows as a staged import (`model/staging.ts`) instead of sending them back. */
export interface StageRequest {
	importId: string;
	/** `Sheet.lastOrder()` of the target sheet. */
	after: string | null;
	/** Target key → column id (`planImportColumns`). */
	columns: Record<string, string>;
}

/** One slice of a staged import: a Yjs update for `Sheet.applyStaged`. */
export interface StagedSlice {
	update: Uint8Array;
	rowsDone: number;
	total: number;
	/** When the worker posted it (`absoluteNow`): the page measures how long it waited. */
	sentAt: number;
}

/**
 * A step of the worker's work on a request, timed in the worker: the page notes it as a
 * `performance.measure` named `import:<name>` (`noteImportTimings` in `client.ts`), which
 * DevTools shows and `bench/import.bench.ts` reads. A few numbers a request: nothing slows down.
 */
export interface WorkerTiming {
	/** 'read', 'decode', 'parse', 'analysis', 'prepare', 'stage'. */
	name: string;
	/** `absoluteNow()` when the step began. */
	start: number;
	ms: number;
}

/**
 * Milliseconds since the epoch, in fractions: `performance.now()` of this thread's clock moved
 * onto the one all threads share (`timeOrigin`), so a worker's time and the page's compare.
 */
export function absoluteNow(): number {
	return performance.timeOrigin + performance.now();
}

export interface ParseSummary {
	header: string[];
	sample: string[][];
	sampleLines: number[];
	rowCount: number;
	encoding: CsvEncoding;
	/** Lines read as UTF-8 in a file otherwise `encoding` (`DecodedCsv.utf8Lines`), or 0. */
	utf8Lines: number;
	delimiter: CsvDelimiter;
	hasHeader: boolean;
	errors: CsvError[];
	errorsOmitted: number;
	emptyLines: number;
	bytes: number;
	elapsedMs: number;
	/** Read, decode, parse. */
	timings: WorkerTiming[];
}

export interface ImportProgress {
	phase: 'read' | 'decode' | 'parse';
	rows: number;
	/** Share of the file done, 0…1. */
	done: number;
	elapsedMs: number;
}

export type FromWorker =
	| ({ type: 'progress' } & ImportProgress)
	| ({ type: 'parsed' } & ParseSummary)
	| {
			type: 'analyzed';
			/** The targets analysed (`Analysis.targets`): what «Импортировать» will import with. */
			targets: ImportTargetColumn[];
			counts: DuplicateCounts;
			flagged: FlaggedValue[];
			flaggedCount: number;
			/**
			 * Of them, those each duplicates option writes (`policyKey`: 'skip', 'update+deleted'…):
			 * what the report will count.
			 */
			flaggedByPolicy: Record<string, number>;
			/** Lines with values but no name (`Analysis.nameless`): how many. */
			namelessCount: number;
			/**
			 * Of them, those each duplicates option adds as residents of their own (`policyKey`),
			 * the first ones and how many: what the report will count. The others are repeats,
			 * skipped or folded.
			 */
			namelessByPolicy: Record<string, NamelessAdded>;
			/** Local numbers without their area code (`no-area-code`): the dialog asks for it. */
			localPhones: number;
			unmatched: UnmatchedValue[];
			unmatchedMore: { csvIndex: number; values: number; rows: number }[];
			/** `Analysis.noneMatched`. */
			noneMatched: number[];
			unmatchedAdded: UnmatchedAdded[];
			/** The options the import adds, by target key (`Analysis.addOptions`). */
			addOptions: Record<string, string[]>;
			elapsedMs: number;
			/** The analysis. */
			timings: WorkerTiming[];
	  }
	| ({ type: 'slice' } & StagedSlice)
	/** With a `stage` request, `rows` is empty: they went as slices; `staged` counts them. */
	| ({
			type: 'prepared';
			elapsedMs: number;
			staged: number;
			/** Preparing the plan, then staging its rows (their slices posted meanwhile). */
			timings: WorkerTiming[];
			/** When the worker posted it (`absoluteNow`). */
			sentAt: number;
	  } & PreparedImport)
	| { type: 'failed'; message: string };

/** The start of a failure's message for a file that is no text: `not-text:xlsx` (see `notTextKind`). */
export const NOT_TEXT = 'not-text:';
