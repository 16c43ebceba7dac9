/**
 * /applications/new — choose a programme and the applicant's village, fill in, save or submit.
 * Without a connection the form comes from the phone (kept when the user last opened it online)
 * and "save" keeps the draft on the phone until it syncs (`?draft=` reopens it).
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form as AntForm, Grid, Select, Space, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type Form from '@rjsf/core';
import { graphql } from '../graphql';
import { ApiError, request } from '../api';
import { useOffline } from '../offline/OfflineProvider';
import { getDraft, listForms, loadForm, saveForm, type CachedForm } from '../offline/store';
import { randomKey, sameData, type NewDraft } from '../offline/drafts';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { fieldTitles, fmtDateTime } from '../format';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { AidForm } from '../form/AidForm';
import { problemsToErrorSchema } from '../form/problems';
import { RegionCascader } from '../components/RegionCascader';
import { ProgrammesDocument } from './ProgrammeList';
import { CreateApplicationDocument, SaveApplicationDocument, SubmitApplicationDocument } from './application-doc';
import { HouseholdPicker, type PickedEntry } from '../components/HouseholdPicker';
import { prefill, registerLinkOf } from '../../../server/src/workflow/effects';

const ProgrammeFormDocument = graphql(`
  query ProgrammeForm($key: String!) {
    programme(key: $key) { key name nameEn description currentVersion { number formSchema uiSchema workflow } }
  }
`);

const EntryForFilingDocument = graphql(`
  query EntryForFiling($id: ID!) {
    registerEntry(id: $id) { id name status regionCode data register { key } }
  }
`);

export default function NewApplication() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const { query } = useLocation();
  const programmes = useQuery(ProgrammesDocument, {});
  // Filing from a household's page (?entry=…): that household, in its village.
  const fromEntryId = query.get('entry');
  const fromEntry = useQuery(EntryForFilingDocument, { id: fromEntryId ?? '' }, { skip: !fromEntryId });
  const [entry, setEntry] = useState<(PickedEntry & { registerKey?: string }) | null>(null);
  const ownVillage = user?.roles.find((r) => /[1-9]\d{0,2}$/.test(r.regionCode) && !r.regionCode.endsWith('000'))?.regionCode ?? null;
  const [programmeKey, setProgrammeKey] = useState<string | null>(null);
  const [village, setVillage] = useState<string | null>(ownVillage);
  const [formData, setFormData] = useState<unknown>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  // One key per intended case: a retry after a lost answer returns the case the first try made.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState('');
  const [villageMissing, setVillageMissing] = useState(false);
  const formRef = useRef<Form>(null);
  const offline = useOffline();
  const programme = useQuery(ProgrammeFormDocument, { key: programmeKey ?? '' }, { skip: !programmeKey });
  // The forms kept on the phone for this user, used when the server cannot be reached.
  const [keptForms, setKeptForms] = useState<CachedForm[]>([]);
  const [keptForm, setKeptForm] = useState<CachedForm | null>(null);
  /** The draft on the phone this page is editing (saving again updates it). */
  const [localId, setLocalId] = useState<string | null>(null);
  const restoring = useRef<NewDraft | null>(null);
  const draftParam = query.get('draft');
  const userId = user?.id;
  useEffect(() => {
    if (userId) void listForms(userId).then(setKeptForms);
  }, [userId]);
  useEffect(() => {
    setKeptForm(null);
    if (userId && programmeKey) void loadForm(userId, programmeKey).then((f) => setKeptForm(f ?? null));
  }, [userId, programmeKey]);
  const live = programmeKey && programme.data?.programme?.key === programmeKey ? programme.data.programme : null;
  // Opened online: keep this version's form on the phone for the next time without a signal.
  useEffect(() => {
    if (!userId || !live?.currentVersion) return;
    const { formSchema, uiSchema, workflow, number } = live.currentVersion;
    void saveForm(userId, { programmeKey: live.key, name: live.name, nameEn: live.nameEn, description: live.description, version: { number, formSchema, uiSchema, workflow }, savedAt: new Date().toISOString() });
  }, [userId, live]);
  const listDown = isNetwork(programmes.error);
  const formDown = isNetwork(programme.error);
  const fromPhone = !live && formDown && keptForm ? keptForm : null;
  const info = live ?? (fromPhone ? { key: fromPhone.programmeKey, name: fromPhone.name, nameEn: fromPhone.nameEn ?? null, description: fromPhone.description ?? null } : null);
  const version = programmeKey ? (live?.currentVersion ?? fromPhone?.version ?? null) : null;

  // ?draft=<localId>: a draft kept on the phone, opened from the "待同步" list or after a reload.
  useEffect(() => {
    if (!userId || !draftParam || draftParam === localId) return;
    void getDraft(userId, draftParam).then((d) => {
      if (!d || d.kind !== 'new') return;
      restoring.current = d;
      setProgrammeKey(d.programmeKey);
      setVillage(d.regionCode);
      setLocalId(d.localId);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, draftParam]);
  const link = version ? registerLinkOf((version.workflow as { meta?: unknown } | null)?.meta) : null;
  const ofRegister = link && entry && (!entry.registerKey || entry.registerKey === link.key) ? entry : null;
  // A household the programme does not file for (its status) is not taken: no prefill, no "filing
  // for" note; a warning says why, and the cadre picks another one.
  const refusedEntry = ofRegister && link?.statuses && !link.statuses.includes(ofRegister.status) ? ofRegister : null;
  const linkedEntry = refusedEntry ? null : ofRegister;
  // Opened from a household's page, before a programme is picked: the cadre still sees whose case this is.
  const shownEntry = linkedEntry ?? (!programmeKey ? entry : null);

  useEffect(() => {
    const e = fromEntry.data?.registerEntry;
    if (!e) return;
    setEntry({ ...e, registerKey: e.register.key });
    setVillage(e.regionCode);
  }, [fromEntry.data]);

  useEffect(() => {
    document.title = `${t('nav.newApplication')} · ${t('app.title')}`;
  }, [t]);
  useEffect(() => {
    const r = restoring.current;
    if (r) {
      // Reopening a draft from the phone: its data and key once the form is there.
      if (r.programmeKey === programmeKey && version) {
        restoring.current = null;
        setFormData(r.data);
        setIdempotencyKey(r.idempotencyKey);
      }
      return;
    }
    setLocalId(null);
    // What the household's file already says is not typed again (the server fills the same fields).
    setFormData(link && linkedEntry ? prefill(link, {}, (linkedEntry.data ?? {}) as Record<string, unknown>) : {});
    setIdempotencyKey(newKey());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programmeKey, village, linkedEntry?.id, version]);

  // Only programmes this user's roles file (a village cadre is not offered another office's forms).
  const published = (programmes.data?.programmes ?? []).filter((p) => p.currentVersion && p.status !== 'retired' && p.canFile);
  const programmeOptions = listDown
    ? keptForms.map((f) => ({ value: f.programmeKey, label: pick(f.name, f.nameEn) }))
    : published.map((p) => ({ value: p.key, label: pick(p.name, p.nameEn) }));

  /** Keeps the draft on the phone; the queue sends it when the connection returns. */
  async function keepOnPhone() {
    if (!programmeKey || !version || !village || !info) return;
    const id = localId ?? `new:${idempotencyKey}`;
    const kept = await offline.keep({
      kind: 'new', localId: id, programmeKey, programmeName: info.name, programmeNameEn: info.nameEn,
      regionCode: village, data: (formData ?? {}) as Record<string, unknown>, idempotencyKey, versionNumber: version.number,
      titles: fieldTitles(version.formSchema),
    });
    if (!kept) return;
    setLocalId(id);
    setError(null);
    // The address names the draft, so a reload (served by the service worker) reopens it.
    history.replaceState(null, '', `/applications/new?draft=${encodeURIComponent(id)}`);
    message.success(t('offline.savedLocal'));
  }
  // Phones: the choices one above the other, save and submit in a bar at the bottom of the screen.
  const narrow = !Grid.useBreakpoint().md;

  async function go(submit: boolean) {
    if (!programmeKey || !version) return;
    if (!village) {
      setVillageMissing(true);
      return;
    }
    if (link?.link === 'existing' && !linkedEntry) {
      message.error(t(offline.online ? 'household.required' : 'offline.needsHousehold'));
      return;
    }
    if (!offline.online) {
      if (submit) return void message.warning(t('offline.submitNeedsNetwork'));
      return void (await keepOnPhone());
    }
    if (submit && formRef.current && !formRef.current.validateForm()) {
      message.error(t('application.fixErrors'));
      return;
    }
    setBusy(submit ? 'submit' : 'save');
    setError(null);
    setExtraErrors(undefined);
    let id: string | null = null;
    try {
      const created = await request(CreateApplicationDocument, { programmeKey, regionCode: village, data: formData, idempotencyKey, entryId: linkedEntry?.id ?? null });
      id = created.createApplication.id;
      let at = created.createApplication;
      // Continuing a draft from the phone: the sync queue may have filed it already under this
      // key with older data, and the key then answers with that case.
      if (localId && !sameData(at.data, formData)) at = (await request(SaveApplicationDocument, { id, data: formData ?? {}, expectedVersion: at.version })).saveApplication;
      if (localId) await offline.discard(localId);
      if (submit) {
        await request(SubmitApplicationDocument, { id, expectedVersion: at.version });
        message.success(t('application.submitted'));
      } else {
        message.success(t('application.saved'));
      }
      navigate(`/applications/${id}`);
    } catch (e) {
      if (!id && isNetwork(e)) {
        // The signal dropped on the way: nothing reached the server, so the phone keeps it.
        offline.markUnreachable();
        await keepOnPhone();
        if (submit) message.warning(t('offline.submitNeedsNetwork'));
        return;
      }
      setError(e);
      if (e instanceof ApiError && e.problems?.length) {
        const withData = e.problems.some((p) => p.path.startsWith('/data/'));
        setExtraErrors(problemsToErrorSchema(e.problems, withData ? '/data' : '', lang));
      }
      // Created but not submitted: continue on the application page, where the errors show again.
      if (id) navigate(`/applications/${id}`);
    } finally {
      setBusy('');
    }
  }

  const buttons = (
    <>
      <Button icon={<SaveOutlined />} onClick={() => go(false)} loading={busy === 'save'}>{t('application.saveDraft')}</Button>
      <Button type="primary" icon={<SendOutlined />} onClick={() => go(true)} loading={busy === 'submit'} disabled={!offline.online} title={offline.online ? undefined : t('offline.submitNeedsNetwork')}>{t('application.submit')}</Button>
    </>
  );

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('nav.newApplication')}</Typography.Title>
          <Typography.Paragraph type="secondary" className="lead">{t('newApp.intro')}</Typography.Paragraph>
        </div>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <AntForm layout={narrow ? 'vertical' : 'inline'}>
          <AntForm.Item label={t('newApp.programme')} htmlFor="new-programme" required>
            <Select
              id="new-programme"
              style={narrow ? { width: '100%' } : { minWidth: 260 }}
              loading={programmes.loading}
              placeholder={t('newApp.pickProgramme')}
              value={programmeKey ?? undefined}
              onChange={setProgrammeKey}
              options={programmeOptions}
            />
          </AntForm.Item>
          <AntForm.Item label={t('newApp.village')} htmlFor="new-village" required validateStatus={villageMissing ? 'error' : undefined} help={villageMissing ? t('newApp.villageRequired') : undefined}>
            <RegionCascader id="new-village" villagesOnly value={village} onChange={(c) => { setVillage(c); setVillageMissing(false); if (entry && c !== entry.regionCode) setEntry(null); }} placeholder={t('newApp.pickVillage')} />
          </AntForm.Item>
          {link && (
            <AntForm.Item label={t('household.label')} htmlFor="new-household" required={link.link === 'existing'} help={link.link === 'create' ? t('household.created') : undefined}>
              {link.link === 'create' ? null : (
                <HouseholdPicker id="new-household" registerKey={link.key} regionCode={village} statuses={link.statuses} value={linkedEntry} onChange={(e) => setEntry(e)} />
              )}
            </AntForm.Item>
          )}
        </AntForm>
        {shownEntry && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={<>{t(linkedEntry ? 'household.filingFor' : 'household.filingForPick', { name: shownEntry.name })} <Link to={`/registers/entries/${shownEntry.id}`}>{t('household.open')}</Link></>}
          />
        )}
        {entry && version && !link && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('household.notLinked')} />}
        {refusedEntry && link?.statuses && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('household.statusNotFiled', { name: refusedEntry.name, status: refusedEntry.status, statuses: link.statuses.join(lang === 'en' ? ', ' : '、') })} />
        )}
        {info?.description && <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{info.description}</Typography.Paragraph>}
        {fromPhone && <Typography.Paragraph type="secondary" className="offline-form-note" style={{ marginTop: 12, marginBottom: 0 }}>{t('offline.cachedForm', { n: fromPhone.version.number, time: fmtDateTime(lang, fromPhone.savedAt) })}</Typography.Paragraph>}
      </Card>
      {error != null && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={errorText(t, lang, error)} />}
      {programmes.error != null && !listDown && <Alert type="error" showIcon role="alert" title={errorText(t, lang, programmes.error)} />}
      {(listDown || (formDown && !fromPhone)) && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('offline.noForm')} />}
      {!programmeKey ? (
        <Empty description={t('newApp.pickFirst')} />
      ) : !version || !info ? (
        <Card loading={programme.loading}>{!programme.loading && !formDown && <Empty description={t('newApp.notPublished')} />}</Card>
      ) : (
        <Card
          title={`${pick(info.name, info.nameEn)} · ${t('application.versionN', { n: version.number })}`}
          extra={!narrow && <Space>{buttons}</Space>}
        >
          <AidForm ref={formRef} schema={version.formSchema as RJSFSchema} uiSchema={version.uiSchema as UiSchema} formData={formData} onChange={setFormData} extraErrors={extraErrors} regionCode={village ?? undefined} programmeKey={programmeKey ?? undefined} />
          {narrow && (
            <div className="sticky-actions" role="region" aria-label={t('application.actions')}>
              {error != null && <Alert type="error" showIcon role="alert" className="action-error" title={errorText(t, lang, error)} />}
              <div className="sticky-actions-buttons">{buttons}</div>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}

const newKey = randomKey;
const isNetwork = (e: unknown) => e instanceof ApiError && e.code === 'NETWORK';
