/**
 * The import worker: reads the file, decodes and parses it, maps and checks its rows, finds
 * duplicates and prepares the plan — everything heavy, so the page never freezes. Started with
 * `new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })`; cancelling
 * an import terminates it.
 */
import {
	decodeCsvBytes,
	notTextKind,
	parseCsv,
	withoutZeroPadding,
	type DecodedCsv,
	type EncodingOverride,
	type ParsedCsv
} from '../csv';
import {
	analyzeImport,
	flaggedByPolicy,
	namelessByPolicy,
	prepareImport,
	type Analysis,
	type ImportTargetColumn
} from './plan';
import { plainBytes } from './plain-bytes';
import { stageRows } from '../model/staging';
import {
	absoluteNow,
	NAMELESS_SHOWN,
	NOT_TEXT,
	SAMPLE_ROWS,
	type FromWorker,
	type ToWorker,
	type WorkerTiming
} from './protocol';

/** Progress messages are sent at most this often. */
const PROGRESS_INTERVAL_MS = 100;

const scope = self as unknown as {
	postMessage(message: FromWorker, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

let bytes: Uint8Array | null = null;
let parsed: ParsedCsv | null = null;
let targets: ImportTargetColumn[] = [];
let analysis: Analysis | null = null;
/** How `bytes` were read into `parsed`, and whether that text is plain (`plainBytes`, once). */
let decodedAs: Omit<DecodedCsv, 'text'> | null = null;
let plain: boolean | null = null;

function post(message: FromWorker) {
	scope.postMessage(message);
}

/** Runs `step`, noting how long it took in `timings` (see `WorkerTiming`). */
function timed<T>(timings: WorkerTiming[], name: string, step: () => T): T {
	const start = absoluteNow();
	const result = step();
	timings.push({ name, start, ms: absoluteNow() - start });
	return result;
}

async function parse(
	file: Blob | undefined,
	encoding: EncodingOverride | undefined,
	header: boolean | undefined
) {
	const started = performance.now();
	const elapsed = () => performance.now() - started;
	const timings: WorkerTiming[] = [];
	// Until this parse is done, its bytes are not known plain (an analysis meanwhile reads the
	// rows parsed before, cell by cell).
	decodedAs = null;
	plain = null;
	if (file) {
		post({ type: 'progress', phase: 'read', rows: 0, done: 0, elapsedMs: 0 });
		const start = absoluteNow();
		bytes = new Uint8Array(await file.arrayBuffer());
		timings.push({ name: 'read', start, ms: absoluteNow() - start });
	}
	if (!bytes) throw new Error('no file');
	const decodeStart = absoluteNow();
	bytes = withoutZeroPadding(bytes);
	const kind = notTextKind(bytes);
	// Read as Windows-1251, a workbook gave rows of garbled characters, ready to import.
	if (kind) throw new Error(`${NOT_TEXT}${kind}`);
	post({ type: 'progress', phase: 'decode', rows: 0, done: 0, elapsedMs: elapsed() });
	const decoded = decodeCsvBytes(bytes, encoding);
	timings.push({ name: 'decode', start: decodeStart, ms: absoluteNow() - decodeStart });
	let last = 0;
	parsed = timed(timings, 'parse', () =>
		parseCsv(decoded.text, {
			header: header ?? 'auto',
			onProgress(rows, chars, total) {
				const now = elapsed();
				if (now - last < PROGRESS_INTERVAL_MS) return;
				last = now;
				post({ type: 'progress', phase: 'parse', rows, done: chars / total, elapsedMs: now });
			}
		})
	);
	decodedAs = { encoding: decoded.encoding, utf8Lines: decoded.utf8Lines };
	analysis = null;
	const rowCount = parsed.rows.length;
	const width = parsed.header?.length ?? parsed.rows[0]?.length ?? 0;
	post({
		type: 'parsed',
		header: parsed.header ?? Array.from({ length: width }, () => ''),
		hasHeader: parsed.header !== null,
		sample: parsed.rows.slice(0, SAMPLE_ROWS),
		sampleLines: parsed.rowLines.slice(0, SAMPLE_ROWS),
		rowCount,
		encoding: decoded.encoding,
		utf8Lines: decoded.utf8Lines ?? 0,
		delimiter: parsed.delimiter,
		errors: parsed.errors,
		errorsOmitted: parsed.errorsOmitted,
		emptyLines: parsed.emptyLines,
		bytes: bytes.length,
		elapsedMs: elapsed(),
		timings
	});
}

async function handle(message: ToWorker) {
	const started = performance.now();
	const timings: WorkerTiming[] = [];
	switch (message.type) {
		case 'parse':
			await parse(message.file, message.encoding, message.header);
			return;
		case 'analyze': {
			if (!parsed) throw new Error('nothing parsed');
			const from = parsed;
			const read = bytes && decodedAs ? { bytes, as: decodedAs } : null;
			analysis = timed(timings, 'analysis', () => {
				plain ??= read ? plainBytes(read.bytes, read.as) : false;
				return analyzeImport({
					parsed: from,
					targets: message.targets,
					ifNoneMatched: message.ifNoneMatched,
					existing: message.existing,
					targetSheetId: message.targetSheetId,
					keyColumnsBySheet: message.keyColumnsBySheet,
					plain
				});
			});
			targets = analysis.targets;
			post({
				type: 'analyzed',
				targets,
				counts: analysis.counts,
				flagged: analysis.flagged,
				flaggedCount: analysis.flaggedCount,
				flaggedByPolicy: flaggedByPolicy(analysis, targets),
				namelessCount: analysis.nameless?.length ?? 0,
				namelessByPolicy: namelessByPolicy(analysis, targets, NAMELESS_SHOWN),
				localPhones: analysis.localPhones,
				unmatched: analysis.unmatched,
				unmatchedMore: analysis.unmatchedMore,
				noneMatched: analysis.noneMatched,
				unmatchedAdded: analysis.unmatchedAdded,
				addOptions: analysis.addOptions,
				elapsedMs: performance.now() - started,
				timings
			});
			return;
		}
		case 'prepare': {
			const analysed = analysis;
			if (!analysed) throw new Error('not analysed');
			const prepared = timed(timings, 'prepare', () =>
				prepareImport(analysed, targets, message.policy, {
					addDeleted: message.addDeleted,
					newRow: message.newRow
				})
			);
			const stage = message.stage;
			if (!stage) {
				post({
					type: 'prepared',
					...prepared,
					staged: 0,
					elapsedMs: performance.now() - started,
					timings,
					sentAt: absoluteNow()
				});
				return;
			}
			const total = prepared.rows.length;
			const staged = timed(timings, 'stage', () =>
				stageRows({
					importId: stage.importId,
					after: stage.after,
					columns: prepared.keys.map((k) => stage.columns[k] ?? k),
					rows: prepared.rows,
					onSlice(update, rowsDone) {
						scope.postMessage({ type: 'slice', update, rowsDone, total, sentAt: absoluteNow() }, [
							update.buffer
						]);
					}
				})
			);
			post({
				type: 'prepared',
				...prepared,
				rows: [],
				staged,
				elapsedMs: performance.now() - started,
				timings,
				sentAt: absoluteNow()
			});
		}
	}
}

scope.onmessage = (event) => {
	handle(event.data).catch((error: unknown) =>
		post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
	);
};
