/**
 * Simulation: runs the definition being edited on sample data (given as JSON, or generated from
 * the form), step by step, without writing anything. Each step names an event (or
 * `after:<delay>` to skip to a timer) and optionally a role; a workflow whose rules read the
 * household (`$entry`) also gets a sample household (given, or generated from the register and
 * then shown for editing); the result shows per step the state
 * reached, a guard's refusal with its reason, computed values, register effects and timers. A
 * path that runs through can be saved as the programme's own check, re-run on later drafts.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { graphql } from '../../graphql';
import { request } from '../../api';
import { errorText, useI18n } from '../../i18n';

/** The register effects the simulator reports, each named in the reader's words (sim.op.*). */
const EFFECT_OPS = ['set', 'copy', 'append', 'move', 'remove', 'create'];

const SimulateDocument = graphql(`
  query SimulateDraft($formSchema: JSON, $workflow: JSON, $programme: String, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {
    simulateWorkflow(formSchema: $formSchema, workflow: $workflow, programme: $programme, data: $data, entry: $entry, steps: $steps) {
      initialState finalState completed generated entry entryGenerated
      dataProblems { path message messageEn }
      steps {
        index event role from to accepted status title titleEn refusalCode refusal refusalZh
        problems { path message messageEn }
        computed { pointer value }
        effects { op entryPointer formPointer value }
        timers { delay duration step target }
        due
      }
    }
  }
`);
const SavePathDocument = graphql(`
  mutation SaveSamplePath($programme: String!, $name: String!, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {
    saveSamplePath(programme: $programme, name: $name, data: $data, entry: $entry, steps: $steps) { id name expectState }
  }
`);
const RunPathsDocument = graphql(`
  query RunSamplePaths($programme: String!) {
    runSamplePaths(programme: $programme) { passed endState message messageZh path { name } }
  }
`);

type Step = { event: string; role?: string };

/** `SUBMIT`, `APPROVE township_reviewer`, `after:NOTICE_PERIOD` — one step a line. */
export function parseSteps(text: string): Step[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [event, role] = l.split(/\s+/);
    return role ? { event: event!, role } : { event: event! };
  });
}

export function SimulationPanel({ programmeKey, formSchema, workflow }: { programmeKey: string; formSchema: unknown; workflow: unknown }) {
  const { lang, t } = useI18n();
  const [stepsText, setStepsText] = useState('SUBMIT');
  const [dataText, setDataText] = useState('');
  const [result, setResult] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [pathName, setPathName] = useState('');
  const [runs, setRuns] = useState<any[] | null>(null);
  const [info, setInfo] = useState('');

  const [entryText, setEntryText] = useState('');
  // A rule guard that reads the household (`$entry`) needs one: offered only then. Once per
  // definition, not on every keystroke in the boxes.
  const readsEntry = useMemo(() => JSON.stringify(workflow ?? null).includes('"$entry'), [workflow]);

  const data = () => (dataText.trim() ? JSON.parse(dataText) : null);
  const entry = () => (readsEntry && entryText.trim() ? JSON.parse(entryText) : null);

  async function run() {
    setError(null);
    setInfo('');
    try {
      const r = (await request(SimulateDocument, { formSchema, workflow, programme: programmeKey, data: data(), entry: entry(), steps: parseSteps(stepsText) })).simulateWorkflow;
      // The household generated from the register, shown where it can be edited and run again.
      if (r.entryGenerated && r.entry) setEntryText(JSON.stringify(r.entry, null, 2));
      setResult(r);
    } catch (e) {
      setResult(null);
      setError(e);
    }
  }
  async function savePath() {
    setError(null);
    try {
      const r = (await request(SavePathDocument, { programme: programmeKey, name: pathName, data: result?.generated ? null : data(), entry: entry(), steps: parseSteps(stepsText) })).saveSamplePath;
      setInfo(t('sim.savedPath', { name: r.name, state: r.expectState ?? '' }));
    } catch (e) {
      setError(e);
    }
  }
  async function runPaths() {
    setError(null);
    try {
      setRuns((await request(RunPathsDocument, { programme: programmeKey })).runSamplePaths);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="simulation-panel">
      <div className="sim-inputs">
        <label>{t('sim.stepsOneA')}
          <Input.TextArea aria-label={t('sim.steps')} rows={5} value={stepsText} onChange={(e) => setStepsText(e.target.value)} />
        </label>
        <label>{t('sim.sampleDataJson')}
          <Input.TextArea aria-label={t('sim.sampleData')} rows={5} value={dataText} onChange={(e) => setDataText(e.target.value)} />
        </label>
        {readsEntry && (
          <label>{t('sim.sampleEntryJson')}
            <Input.TextArea aria-label={t('sim.sampleEntry')} rows={5} value={entryText} onChange={(e) => setEntryText(e.target.value)} />
          </label>
        )}
      </div>
      <Space wrap style={{ margin: '8px 0' }}>
        <Button type="primary" onClick={run}>{t('sim.simulateWritesNothing')}</Button>
        <Input aria-label={t('sim.pathName')} placeholder={t('sim.pathName')} value={pathName} onChange={(e) => setPathName(e.target.value)} style={{ width: 160 }} />
        <Button disabled={!pathName.trim() || !result?.completed} onClick={savePath}>{t('sim.saveAsSample')}</Button>
        <Button onClick={runPaths}>{t('sim.reRunSaved')}</Button>
      </Space>
      {error != null && <Alert type="error" showIcon title={errorText(t, lang, error)} role="alert" />}
      {info && <Alert type="success" showIcon title={info} />}
      {runs && (
        <ul className="check-list">
          {runs.length === 0 && <li>{t('sim.noSavedPaths')}</li>}
          {runs.map((r, i) => <li key={i}><Tag color={r.passed ? 'success' : 'error'}>{r.passed ? t('sim.pass') : t('sim.fail')}</Tag>{r.path.name} {r.endState && <code>{r.endState}</code>} {lang === 'en' ? r.message : r.messageZh}</li>)}
        </ul>
      )}
      {result && (
        <>
          <Typography.Paragraph>
            <code>{result.initialState}</code> → <code>{result.finalState}</code>{' '}
            <Tag color={result.completed ? 'success' : 'error'}>{result.completed ? t('sim.allStepsAccepted') : t('sim.stoppedAtA')}</Tag>
            {result.generated && <Tag>{t('sim.generatedData')}</Tag>}
            {result.entryGenerated && <Tag>{t('sim.generatedEntry')}</Tag>}
          </Typography.Paragraph>
          <Table
            size="small" rowKey="index" pagination={false} scroll={{ x: 'max-content' }} dataSource={result.steps}
            columns={[
              { title: '#', render: (_: unknown, s: any) => s.index + 1 },
              { title: t('sim.event'), render: (_: unknown, s: any) => <span><code>{s.event}</code>{s.role && ` (${s.role})`}</span> },
              { title: t('sim.state'), render: (_: unknown, s: any) => <span><code>{s.from}</code> → <code>{s.to}</code></span> },
              {
                title: t('sim.result'),
                render: (_: unknown, s: any) => s.accepted ? <Tag color="success">{t('sim.pass')}</Tag> : (
                  <div><Tag color="error">{s.refusalCode}</Tag>{lang === 'en' ? s.refusal : s.refusalZh}
                    {s.problems.map((p: any, i: number) => <div key={i}><code>{p.path}</code> {lang === 'en' ? p.messageEn : p.message}</div>)}</div>
                ),
              },
              {
                title: t('sim.computedRegisterTimers'),
                render: (_: unknown, s: any) => (
                  <div className="sim-details">
                    {s.computed.map((c: any, i: number) => <div key={`c${i}`}>= <code>{c.pointer}</code> {JSON.stringify(c.value)}</div>)}
                    {s.effects.map((e: any, i: number) => <div key={`e${i}`}>{t('sim.register')} {EFFECT_OPS.includes(e.op) ? t(`sim.op.${e.op}` as 'sim.op.set') : e.op} <code>{e.entryPointer}</code> ← {JSON.stringify(e.value)}</div>)}
                    {s.timers.map((x: any, i: number) => <div key={`t${i}`}>⏱ {x.delay} {x.duration} → {x.target} (<code>{x.step}</code>)</div>)}
                    {s.due && <div>{t('sim.due')} {s.due}</div>}
                  </div>
                ),
              },
            ]}
          />
          {result.dataProblems.length > 0 && (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('sim.theSampleData')}
              description={<ul className="check-list">{result.dataProblems.slice(0, 10).map((p: any, i: number) => <li key={i}><code>{p.path}</code> {lang === 'en' ? p.messageEn : p.message}</li>)}</ul>} />
          )}
        </>
      )}
    </div>
  );
}
