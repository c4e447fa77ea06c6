// @ts-check
/**
 * `npm run bench`: runs every `bench/*.bench.ts` (alphabetical) one after another with
 * `node --expose-gc --import tsx <file>`. Their stdout JSON lines go to our stdout and to
 * `bench/results/latest.jsonl` (rewritten on every run); their stderr passes through. A bench
 * that fails (non-zero exit, or a stdout line that is not JSON) makes us exit non-zero, after the
 * others have run.
 *
 *   node bench/run.js            every bench
 *   node bench/run.js model      only the files whose name contains "model"
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const resultsDir = join(benchDir, 'results');
const filters = process.argv.slice(2);

const files = readdirSync(benchDir)
	.filter((name) => name.endsWith('.bench.ts'))
	.filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
	.sort();

mkdirSync(resultsDir, { recursive: true });
const results = createWriteStream(join(resultsDir, 'latest.jsonl'), { flags: 'w' });

/**
 * Run one bench file; resolves with the names of what went wrong (empty when all is well).
 * @param {string} name
 * @returns {Promise<string[]>}
 */
function runOne(name) {
	const file = join(benchDir, name);
	process.stderr.write(`bench: ${relative(root, file)}\n`);
	/** @type {string[]} */
	const problems = [];
	const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
	lines.on('line', (line) => {
		if (!line.trim()) return;
		try {
			JSON.parse(line);
		} catch {
			problems.push(`${name}: stdout line is not JSON`);
			process.stderr.write(`bench: ${name}: not JSON on stdout: ${line}\n`);
			return;
		}
		process.stdout.write(line + '\n');
		results.write(line + '\n');
	});
	return new Promise((resolve) => {
		child.on('error', (error) => {
			problems.push(`${name}: ${error.message}`);
		});
		// 'close' comes after stdout has ended, so every line has been handled.
		child.on('close', (code, signal) => {
			if (code !== 0) problems.push(`${name}: exit ${signal ?? code}`);
			resolve(problems);
		});
	});
}

/** @type {string[]} */
const failures = [];
if (files.length === 0) {
	process.stderr.write('bench: no *.bench.ts files matched\n');
	failures.push('nothing ran');
}
for (const name of files) failures.push(...(await runOne(name)));
await new Promise((resolve) => results.end(() => resolve(undefined)));

if (failures.length) {
	process.stderr.write(`bench: FAILED\n  ${failures.join('\n  ')}\n`);
	process.exitCode = 1;
} else {
	process.stderr.write(`bench: ${files.length} file(s) ok, lines in bench/results/latest.jsonl\n`);
}
