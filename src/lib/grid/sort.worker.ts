/**
 * The sort worker: orders a snapshot of a big sheet's sort columns off the page's thread, with
 * the same comparators as the page (`row-order.ts`). One request at a time, answered with the
 * order as a transferred Int32Array. Started by `sorting.ts`, which terminates it when a newer
 * sort makes the running one useless.
 */
import { sortOrder, unpackColumn, type SortAnswer, type SortRequest } from './row-order';

const scope = self as unknown as {
	postMessage(message: SortAnswer, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent<SortRequest>) => void) | null;
};

scope.onmessage = (event) => {
	const { id, columns, keys } = event.data;
	try {
		const order = sortOrder(columns.map(unpackColumn), keys);
		scope.postMessage({ id, order }, [order.buffer]);
	} catch (error) {
		scope.postMessage({ id, error: String(error) });
	}
};
