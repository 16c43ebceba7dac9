/**
 * The browser's form validator: rjsf's ajv8 validator with the platform vocabulary
 * (formats cn-idcard / cn-mobile, keywords x-public / x-mask / x-unique / x-compute) from the server's own
 * pure module, so a form the browser accepts is a form the server accepts (STYLE §6).
 */
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { RJSFValidationError } from '@rjsf/utils';
import localizeZh from 'ajv-i18n/localize/zh';
import { platformValidatorOptions } from '@platform/form-keywords';
import type { Lang, T } from '../i18n';

export const validatorZh = customizeValidator(platformValidatorOptions(), localizeZh as never);
export const validatorEn = customizeValidator(platformValidatorOptions());
export const validatorFor = (lang: Lang) => (lang === 'zh' ? validatorZh : validatorEn);

/** Our own wording for the platform formats, the errors county staff meet most. */
export function transformErrorsFor(t: T) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((e) => {
      if (e.name === 'format') {
        const f = (e.params as { format?: string })?.format;
        if (f === 'cn-idcard') return { ...e, message: t('form.idcard') };
        if (f === 'cn-mobile') return { ...e, message: t('form.mobile') };
      }
      if (e.name === 'required') return { ...e, message: t('form.required') };
      return e;
    });
}
