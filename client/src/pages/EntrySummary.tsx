/**
 * A household's fields read-only, as title: value lines in the form's order, with enum labels
 * (the edit form is shown only while editing). A cadre on a phone reads the file at a glance
 * instead of scrolling a column of greyed-out inputs; an empty field shows "—", so what the file
 * lacks is seen too. Lists of objects (the members) are shown apart, by the page.
 */
import { useMemo } from 'react';
import { Descriptions, Grid } from 'antd';
import { flatColumns, labelOf } from '@platform/form-columns';
import { readPointer } from '@platform/form-pointer';
import { shortValue } from './registers-query';

export function EntrySummary({ schema, uiSchema, data }: { schema: unknown; uiSchema: unknown; data: unknown }) {
  const wide = Grid.useBreakpoint().md;
  const columns = useMemo(() => flatColumns(schema, uiSchema ?? {}).columns.filter((c) => !c.array), [schema, uiSchema]);
  return (
    <Descriptions
      className="entry-summary"
      size="small"
      // A phone: plain "title：value" lines, so a long ID number keeps one line beside a short title.
      bordered={wide}
      column={wide ? 2 : 1}
      items={columns.map((c) => ({ key: c.pointer, label: c.titleZh, children: <span data-field={c.pointer}>{shortValue(labelOf(c, readPointer(data, c.pointer)))}</span> }))}
    />
  );
}
