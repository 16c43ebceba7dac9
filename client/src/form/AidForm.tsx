/**
 * The rjsf form of a programme version (Ant Design theme, platform validator, attachments).
 * Computed fields (`x-compute`) are recomputed on every change with the server's own module and
 * shown read-only; the server computes them again on save, so what is shown is what is stored.
 */
import { forwardRef, useMemo } from 'react';
import Form from '@rjsf/antd';
import { Form as AntForm } from 'antd';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { IChangeEvent } from '@rjsf/core';
import type RjsfForm from '@rjsf/core';
import { useI18n } from '../i18n';
import { transformErrorsFor, validatorFor } from './validator';
import { AttachmentWidget } from './AttachmentWidget';
import { RegionWidget } from './RegionWidget';
import { computedFieldsOf, withComputed, withReadonlyComputed } from './computed';

const baseContext = { descriptionLocation: 'below', readonlyAsDisabled: true, colon: false, labelAlign: 'left', rowGutter: 16 };
const widgets = { attachment: AttachmentWidget, FileWidget: AttachmentWidget, region: RegionWidget };

export interface AidFormProps {
  schema: RJSFSchema;
  uiSchema?: UiSchema | null;
  formData: unknown;
  onChange?: (data: unknown) => void;
  extraErrors?: ErrorSchema;
  readonly?: boolean;
  disabled?: boolean;
  /** hide rjsf's own submit button (the page has its own) */
  children?: React.ReactNode;
  liveValidate?: boolean;
  /** the application's region: attachments are uploaded under it */
  regionCode?: string;
  /** the application's programme: attachments are tagged with it */
  programmeKey?: string;
  id?: string;
}

export const AidForm = forwardRef<RjsfForm, AidFormProps>(function AidForm(
  { schema, uiSchema, formData, onChange, extraErrors, readonly, disabled, children, liveValidate, id, regionCode, programmeKey },
  ref,
) {
  const { t, lang } = useI18n();
  const formContext = useMemo(() => ({ ...baseContext, regionCode, programmeKey }), [regionCode, programmeKey]);
  const computed = useMemo(() => computedFieldsOf(schema), [schema]);
  const ui = useMemo(
    () => withReadonlyComputed(computed, { 'ui:submitButtonOptions': { norender: true }, ...(uiSchema ?? {}) }) as UiSchema,
    [computed, uiSchema],
  );
  const shown = useMemo(() => withComputed(computed, formData), [computed, formData]);
  // rjsf's antd templates use Form.Item; a vertical antd form context puts labels above fields.
  return (
    <AntForm layout="vertical" component={false} colon={false}>
    <Form
      ref={ref}
      id={id}
      schema={schema}
      uiSchema={ui}
      formData={shown}
      validator={validatorFor(lang)}
      transformErrors={transformErrorsFor(t)}
      widgets={widgets}
      formContext={formContext}
      extraErrors={extraErrors}
      readonly={readonly}
      disabled={disabled}
      liveValidate={liveValidate ? 'onChange' : undefined}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError
      onChange={(e: IChangeEvent) => onChange?.(withComputed(computed, e.formData))}
    >
      {children ?? <></>}
    </Form>
    </AntForm>
  );
});
