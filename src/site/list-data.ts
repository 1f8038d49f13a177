// A paginated list's rows as one small JSON file beside its pages (`kinds/model.json` beside
// `kinds/model.html`, `kinds/model~2.html` ...): the list script fetches it when a reader first sorts
// or filters, so that sorting and filtering work across every page, not only the one shown. Rows are
// arrays, not objects, to keep a 10k-row list near a megabyte; the script lays them out as the
// `entity-table` partial does, every text set as text.

import type { RowDetail } from './row-details.js';
import type { Row } from './view-models.js';

/** The path of a list's rows: `kinds/model.json` for `kinds/model`. */
export const listDataPath = (basePath: string) => `${basePath}.json`;

/** A cell as `[text, pill, sort, caption]`, trailing empty fields left out. */
function compactDetail(detail: RowDetail): string[] {
  const fields = [detail.text, detail.pill ?? '', detail.sort ?? '', detail.caption];
  while (fields.length > 1 && fields.at(-1) === '') fields.pop();
  return fields;
}

/** The rows as the list script reads them: `[path, label, title, kind, owner, ownerName, lifecycle, stage, tags, cells]`. */
export function listData(rows: readonly Row[]): string {
  return JSON.stringify({
    rows: rows.map((row) => [
      row.path,
      row.label,
      row.title,
      row.kind,
      row.owner,
      row.ownerName,
      row.lifecycle,
      row.stage,
      row.tags,
      row.details.map(compactDetail),
    ]),
  });
}
