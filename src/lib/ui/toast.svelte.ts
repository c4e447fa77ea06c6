/** Short messages at the bottom of the screen, some with an action ("Undo"). */
/**
 * A toast's text: a function writing it from its message keys and values (`() => t('views.applied',
 * { name })`) is written again in the language chosen now (found by exploration: «Применён вид
 * «Новые заявки».» stayed in Russian after «English»); a plain string stays as it is.
 */
export type ToastText = string | (() => string);

/** The text of a toast now (in the interface's language, when it is written from keys). */
export function toastText(text: ToastText): string {
	return typeof text === 'function' ? text() : text;
}

export interface Toast {
	id: number;
	message: ToastText;
	kind: 'info' | 'error';
	action?: { label: ToastText; run: () => void };
	/** Called when the operator closes it with × (not when it goes by itself or by its action). */
	onClose?: () => void;
	/** The page it was shown on (`Toasts.enter`), whose leaving takes it away; none: anywhere. */
	place?: string;
	sticky?: boolean;
}

/** How long a toast stays (an error or one with an action stays longer). */
const TOAST_MS = 5_000;
const TOAST_ACTION_MS = 10_000;

/** What holds a notice past its time, as bits of `Toasts.#held`. */
const HOLD = { focus: 1, pointer: 2 } as const;

class Toasts {
	list = $state<Toast[]>([]);
	/**
	 * Pages that show the toasts in their own layout (`<Toasts docked />`): the sheet, whose grid
	 * reaches the bottom of the screen (floating over it, a toast hid the «+» line). The floating
	 * ones are left out while any such page is shown.
	 */
	docked = $state(0);
	#next = 1;
	#place: string | null = null;

	/**
	 * The operator is on a page (a list) whose notices are about it alone: those shown from now
	 * until `leave` go with the page.
	 */
	enter(place: string) {
		this.#place = place;
	}

	/**
	 * She left the page: its passing notices go with it (found by exploration: «Вставлено строк:
	 * 40» of the request board showed under a campaign of 30, and «Удалено строк: 1. Отменить» of
	 * the call list, pressed over another list, brought the row back out of her sight). Errors
	 * stay their time, and sticky ones until the page that showed them dismisses them.
	 */
	leave(place: string) {
		if (this.#place === place) this.#place = null;
		this.list = this.list.filter(
			(toast) => toast.place !== place || toast.sticky || toast.kind === 'error'
		);
	}

	/**
	 * Shows a toast for a while; a `sticky` one until the operator closes it or acts (or the page
	 * dismisses it): what she must not miss, such as her work a colleague deleted.
	 */
	show(
		message: ToastText,
		options: {
			kind?: Toast['kind'];
			action?: Toast['action'];
			sticky?: boolean;
			onClose?: () => void;
		} = {}
	) {
		const toast: Toast = {
			id: this.#next++,
			message,
			kind: options.kind ?? 'info',
			action: options.action,
			onClose: options.onClose,
			place: this.#place ?? undefined,
			sticky: options.sticky
		};
		this.list = [...this.list, toast];
		if (options.sticky) return toast.id;
		this.#wait(toast.id, toast.action || toast.kind === 'error' ? TOAST_ACTION_MS : TOAST_MS);
		return toast.id;
	}

	#timers = new Map<number, ReturnType<typeof setTimeout>>();
	/** Why a notice stays while its time is up: the keyboard on it, the pointer over it. */
	#held = new Map<number, number>();

	#wait(id: number, ms: number) {
		clearTimeout(this.#timers.get(id));
		this.#timers.set(
			id,
			setTimeout(() => {
				this.#timers.delete(id);
				if (!this.#held.get(id)) this.dismiss(id);
			}, ms)
		);
	}

	/**
	 * The keyboard or the pointer is on a notice: it stays until they leave (found in review: an
	 * operator who reached «Отменить» with F6 and read it a moment too long lost it, and her Enter
	 * went to the cell the keyboard fell back to — an edit instead of an undo).
	 */
	hold(id: number, why: 'focus' | 'pointer') {
		if (!this.list.some((t) => t.id === id)) return;
		this.#held.set(id, (this.#held.get(id) ?? 0) | HOLD[why]);
	}

	/** They left: a notice whose time was up goes a moment later (`TOAST_MS`), not at once. */
	release(id: number, why: 'focus' | 'pointer') {
		const held = this.#held.get(id);
		if (held === undefined || !(held & HOLD[why])) return;
		const left = held & ~HOLD[why];
		if (left) return void this.#held.set(id, left);
		this.#held.delete(id);
		const toast = this.list.find((t) => t.id === id);
		if (toast && !toast.sticky && !this.#timers.has(id)) this.#wait(id, TOAST_MS);
	}

	dismiss(id: number) {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.#held.delete(id);
		this.list = this.list.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();

/**
 * The one way the interface reports a failure: a toast for the operator, details in the log. Its
 * text, written from message keys (`() => t('error.generic', { message })`), follows the
 * language switch as other notices do.
 */
export function handleError(error: unknown, message: ToastText) {
	console.error(toastText(message), error);
	toasts.show(message, { kind: 'error' });
}
