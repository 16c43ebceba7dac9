/**
 * UI strings live in zh.ts (the default) and en.ts; `t(key, vars)` picks the current language.
 * The language is remembered in localStorage.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { zh, type MessageKey } from './zh';
import { en } from './en';
import { ApiError } from '../api';

export type Lang = 'zh' | 'en';
export type { MessageKey };
const LANG_KEY = 'aid.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
  /** Picks the English variant of server-provided bilingual text when switched to English. */
  pick(zhText: string | null | undefined, enText?: string | null): string;
  /** A translation for a key built from server data (a status), or the raw value when unknown. */
  tOr(key: string, fallback: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tOr: (key, fallback) => (key in zh ? translate(lang, key as MessageKey) : fallback),
      pick: (zhText, enText) => (lang === 'en' && enText ? enText : (zhText ?? '')),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'VERSION_CONFLICT', 'TRANSITION_NOT_ALLOWED',
  'WORKFLOW_INVALID', 'SCHEMA_INVALID', 'RATE_LIMITED', 'DUPLICATE', 'NETWORK', 'FILE_TOO_LARGE', 'FILE_TYPE',
  'UPLOAD_FAILED', 'GRAPHQL_VALIDATION_FAILED',
]);

/**
 * One human sentence for any failure, in the current language. Domain errors come in both
 * languages (English `message`, Chinese `extensions.messageZh`) and are shown as they are; for
 * anything else we say what the code means, and in English add the server's detail.
 */
export function errorText(t: T, lang: Lang, err: unknown): string {
  // Two refusals whose server wording is generic get the sentence that says what to do.
  if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') return t('error.staleVersion');
  if (err instanceof ApiError && err.subCode === 'BAD_CREDENTIALS') return t('signin.wrong');
  if (err instanceof ApiError && err.messageZh) return lang === 'zh' ? err.messageZh : err.message;
  if (err instanceof ApiError) {
    const code = err.subCode === 'DUPLICATE' ? 'DUPLICATE' : err.code;
    const base = KNOWN_CODES.has(code) ? t(`error.${code}` as MessageKey) : t('error.INTERNAL');
    if (lang === 'en' && err.message && KNOWN_CODES.has(code) && !/^HTTP \d+$/.test(err.message) && code !== 'NETWORK') {
      return `${base} (${err.message})`;
    }
    return base;
  }
  return t('error.INTERNAL');
}
