/**
 * The keys of a `role="toolbar"` as WAI-ARIA's toolbar pattern has them: the toolbar is one Tab
 * stop (the control used last, else the first one enabled), and ←/→, Home and End move between
 * its controls, past the disabled ones. A field that uses the arrows itself (text, a select)
 * keeps them. Controls inside a dialog the toolbar holds (import, export) are not the toolbar's.
 * Found by exploration: each of the sheet's nine buttons was a Tab stop, and the arrows did
 * nothing on them, so the way from the toolbar to the list was a long Tab trail.
 */

const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]';

/** A field whose own keys include ← and → (the caret, a select's options). */
function usesArrows(el: Element): boolean {
	if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return true;
	if (!(el instanceof HTMLInputElement)) return el.matches('[contenteditable]');
	return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'color'].includes(
		el.type
	);
}

/** Whether a changed node is (in) a dialog: the dialog's own controls are not the toolbar's. */
function inDialog(node: Node): boolean {
	const el = node instanceof Element ? node : node.parentElement;
	return !!el?.closest('dialog');
}

/** Usage: `<div role="toolbar" {@attach toolbarKeys}>`. */
export function toolbarKeys(node: HTMLElement): () => void {
	/** The control the keyboard was on last: the toolbar's Tab stop while it can take it. */
	let current: HTMLElement | null = null;

	/** The toolbar's own controls (not those of a dialog inside it), in the page's order. */
	const controls = () =>
		[...node.querySelectorAll<HTMLElement>(CONTROLS)].filter((el) => !el.closest('dialog'));
	const usable = (el: HTMLElement) =>
		el.isConnected &&
		!el.matches(':disabled') &&
		!el.closest('[hidden], [inert]') &&
		el.getClientRects().length > 0;

	/** One Tab stop: `current` if it can take the keyboard, else the first control that can. */
	function update() {
		const all = controls();
		const stop =
			current && all.includes(current) && usable(current) ? current : (all.find(usable) ?? all[0]);
		for (const el of all) {
			const want = el === stop ? '0' : '-1';
			if (el.getAttribute('tabindex') !== want) el.setAttribute('tabindex', want);
		}
	}

	function onFocusIn(event: FocusEvent) {
		const el = event.target;
		if (!(el instanceof HTMLElement) || el.closest('dialog')) return;
		if (!controls().includes(el)) return;
		current = el;
		update();
	}

	function onKeyDown(event: KeyboardEvent) {
		if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
		if (event.shiftKey || event.isComposing) return;
		const key = event.key;
		if (key !== 'ArrowLeft' && key !== 'ArrowRight' && key !== 'Home' && key !== 'End') return;
		const el = event.target;
		if (!(el instanceof HTMLElement) || el.closest('dialog') || usesArrows(el)) return;
		const all = controls().filter(usable);
		const at = all.indexOf(el);
		if (at < 0) return;
		const to =
			key === 'Home'
				? all[0]
				: key === 'End'
					? all.at(-1)
					: key === 'ArrowLeft'
						? all[(at - 1 + all.length) % all.length]
						: all[(at + 1) % all.length];
		event.preventDefault();
		to?.focus();
	}

	// Buttons are enabled and disabled (rows ticked, an undo step), drawn and taken away: the Tab
	// stop moves off a control that can no longer take it, onto the next that can. What changes
	// inside a dialog the toolbar holds is none of the toolbar's: `update` measures the controls,
	// which lays the page out, and the import's report, drawn 40 rows a frame while the grid
	// fills behind it, made it do so dozens of times (77 ms of a 100,000-row import's fill, a
	// 45 ms task: `bench/import.bench.ts`, a CPU profile).
	const observer = new MutationObserver((records) => {
		if (records.some((r) => !inDialog(r.target))) update();
	});
	observer.observe(node, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['disabled', 'hidden']
	});
	node.addEventListener('focusin', onFocusIn);
	node.addEventListener('keydown', onKeyDown);
	update();
	return () => {
		observer.disconnect();
		node.removeEventListener('focusin', onFocusIn);
		node.removeEventListener('keydown', onKeyDown);
	};
}
