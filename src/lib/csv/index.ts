/**
 * CSV import and export for the headquarters' lists (pure TypeScript: runs in a Web Worker
 * and in Node). Decode bytes → parse → map columns → find duplicates → plan → apply; and
 * rows → CSV bytes for Excel.
 */
export {
	decodeCsvBytes,
	encodeWindows1251,
	isWindows1251Char,
	notTextKind,
	withoutZeroPadding,
	type NotTextKind,
	type CsvEncoding,
	type DecodedCsv,
	type EncodingOverride
} from './decode';
export {
	detectDelimiter,
	detectHeader,
	DELIMITERS,
	DEFAULT_DELIMITER,
	type CsvDelimiter
} from './detect';
export {
	parseCsv,
	parseCsvBytes,
	detectLineBreak,
	MAX_REPORTED_ERRORS,
	type CsvError,
	type CsvErrorCode,
	type LineBreak,
	type ParseOptions,
	type ParsedCsv
} from './parse';
export {
	autoMap,
	fieldOfHeader,
	headerKey,
	HEADER_SYNONYMS,
	type AutoMapOptions,
	type ColumnMapping,
	type HeaderField,
	type ImportTarget,
	type SheetColumnRef
} from './mapping';
export {
	findDuplicates,
	planImport,
	normalizeName,
	phoneKeys,
	duplicateKeyWords,
	MAX_LISTED_MATCHES,
	type DuplicateInfo,
	type DuplicateKey,
	type DuplicatePolicy,
	type ExistingRow,
	type FindDuplicatesOptions,
	type ImportPlan,
	type MergeKept,
	type IncomingRow,
	type KeyColumns,
	type PlanImportOptions,
	type SkippedRow
} from './dedupe';
export {
	applyImportPlan,
	createMappedColumns,
	existingRowsOf,
	keyColumnsOf,
	toIncomingRows,
	type ToIncomingOptions
} from './importing';
export {
	exportCsv,
	exportCsvText,
	encodeCsv,
	csvCell,
	EXPORT_FORMATS,
	DEFAULT_EXPORT_FORMAT,
	CSV_MIME_TYPE,
	type ExportFormat,
	type ExportOptions
} from './export';
export { neutralizeFormula, restoreFormula, isPlainNumberOrPhone } from './formula';
