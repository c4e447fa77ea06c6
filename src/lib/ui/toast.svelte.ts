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
		setTimeout(
			() => this.dismiss(toast.id),
			toast.action || toast.kind === 'error' ? TOAST_ACTION_MS : TOAST_MS
		);
		return toast.id;
	}

	dismiss(id: number) {
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
