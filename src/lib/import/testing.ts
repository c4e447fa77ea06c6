/**
 * Test helpers of the import: the targets of an automatic mapping, as the dialog makes them when
 * the coordinator leaves its choices as they are.
 */
import type { ColumnMapping } from '../csv';
import type { Column } from '../model/sheet';
import { existingTarget, newColumnKey, type ImportTargetColumn } from './plan';

/** A target per mapped CSV column: a new column, or the sheet column it goes into. */
export function targetsOf(mapping: ColumnMapping[], columns: Column[]): ImportTargetColumn[] {
	const targets: ImportTargetColumn[] = [];
	for (const { csvIndex, target } of mapping) {
		if (target.kind === 'new')
			targets.push({
				csvIndex,
				key: newColumnKey(csvIndex),
				title: target.title,
				type: target.type
			});
		else if (target.kind === 'existing')
			targets.push(
				existingTarget(
					csvIndex,
					columns.find((c) => c.id === target.columnId)!
				)
			);
	}
	return targets;
}
