/**
 * Splitting long work into tasks, so the page can paint and take input between them: big adds to
 * the grid, an export, an import's report after its commit.
 */

/** Runs `fn` in a task of its own soon (a message, not a timer: timers are clamped to 4 ms). */
export function nextTask(fn: () => void): () => void {
	const channel = new MessageChannel();
	channel.port1.onmessage = () => {
		channel.port1.close();
		fn();
	};
	channel.port2.postMessage(null);
	return () => channel.port1.close();
}

/** Runs `fn` before the next frame is drawn (or soon, where no frames are drawn). */
export function nextFrame(fn: () => void): () => void {
	if (typeof requestAnimationFrame !== 'function') return nextTask(fn);
	const handle = requestAnimationFrame(() => fn());
	return () => cancelAnimationFrame(handle);
}

/** Resolves in a task of its own: `await` it between two slices of work. */
export function yieldToPage(): Promise<void> {
	return new Promise((resolve) => nextTask(resolve));
}

/** Resolves in a task after the next frame is drawn: `await` it between two slices of drawing. */
export function afterFrame(): Promise<void> {
	return new Promise((resolve) => nextFrame(() => nextTask(resolve)));
}
