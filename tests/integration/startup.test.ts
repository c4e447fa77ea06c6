import { afterEach, describe, expect, it } from 'vitest';
import { explainStartupError } from '../../server/startup-errors.js';
import { Harness } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

/** `npm start`'s entry with `env`, expected to exit; its exit code and everything it printed. */
async function startExpectingExit(env: Record<string, string>) {
	const child = harness.spawnChild(env);
	const code = await child.exited;
	return { code, output: child.output() };
}

/** A line of a stack trace: what a coordinator should not have to read. */
const STACK_LINE = /^\s+at /m;

describe('a server that cannot start says why, in one line', () => {
	it('a second start with the same data folder', async () => {
		const dataDir = await harness.tempDir();
		await harness.start({ dataDir });
		const { code, output } = await startExpectingExit({ DATA_DIR: dataDir });
		expect(code).toBe(1);
		expect(output).toContain(`папка данных ${dataDir} уже открыта другим запуском Штаба`);
		expect(output).not.toMatch(STACK_LINE);
	});

	it('a port another program holds', async () => {
		const running = await harness.start();
		const dataDir = await harness.tempDir();
		const { code, output } = await startExpectingExit({
			DATA_DIR: dataDir,
			PORT: String(running.port)
		});
		expect(code).toBe(1);
		expect(output).toContain(`порт ${running.port} уже занят`);
		expect(output).toContain(`PORT=${running.port + 1} npm start`);
		expect(output).not.toMatch(STACK_LINE);
	});

	it('a setting that is not a number', async () => {
		const { code, output } = await startExpectingExit({ PORT: 'три тысячи' });
		expect(code).toBe(1);
		expect(output).toContain('настройка не подходит');
		expect(output).toContain('PORT must be an integer');
		expect(output).not.toMatch(STACK_LINE);
	});

	it('a data folder the user may not write, and a port below 1024, are told apart', () => {
		const config = { port: 80, host: '127.0.0.1', dataDir: '/srv/shtab' };
		const mkdirDenied = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/shtab'"), {
			code: 'EACCES',
			syscall: 'mkdir'
		});
		const listenDenied = Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:80'), {
			code: 'EACCES',
			syscall: 'listen'
		});
		expect(explainStartupError(mkdirDenied, config)).toContain(
			'нет прав на папку данных /srv/shtab'
		);
		expect(explainStartupError(listenDenied, config)).toContain('нет прав занять порт 80');
		// A port in use names the address Shtab is opened at, and the setting for PowerShell too.
		const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
		const office = { port: 3000, host: '192.168.1.20', dataDir: './data' };
		expect(explainStartupError(inUse, office)).toContain('откройте http://192.168.1.20:3000');
		expect(explainStartupError(inUse, office)).toContain('$env:PORT="3001"; npm start');
		// Anything else is not guessed at: its whole error is printed.
		expect(explainStartupError(new Error('something else'), config)).toBeNull();
	});
});
