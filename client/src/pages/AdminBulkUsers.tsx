/**
 * The bulk tab of /admin/users: paste a table (CSV or TSV, e.g. straight from a spreadsheet) or
 * upload a file, check the rows read, create them all at once. The server refuses the whole batch
 * when any row is wrong; its problems (/rows/3/role) are shown as a table of row, column, problem.
 * Created users' initial passwords are shown once, with a CSV download.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Input, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { ApiError, request } from '../api';
import { parseUserTable, type UserRow } from '../table-paste';
import { csvFileName, toCsv } from '../csv';
import { CreateUsersDocument } from './admin-users-query';
import { refusalText } from './admin-common';
import type { AdminCreateUsersMutation } from '../graphql/graphql';

const MAX_ROWS = 500;
type Created = AdminCreateUsersMutation['createUsers'];

interface RowProblem {
  key: string;
  row: number;
  field: string;
  message: string;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AdminBulkUsers({ narrow, onCreated }: { narrow: boolean; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const rows = useMemo(() => parseUserTable(text), [text]);
  const [problems, setProblems] = useState<RowProblem[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [busy, setBusy] = useState(false);

  const fieldTitle: Record<string, string> = {
    username: t('admin.username'), name: t('admin.displayName'), role: t('admin.role'), regionCode: t('admin.region'),
  };

  async function create() {
    setBusy(true);
    setProblems(null);
    setFailure(null);
    setCreated(null);
    try {
      const r = await request(CreateUsersDocument, { rows });
      setCreated(r.createUsers);
      setText('');
      onCreated();
    } catch (e) {
      const located = e instanceof ApiError ? (e.problems ?? []).filter((p) => /^\/rows\/\d+\//.test(p.path)) : [];
      if (located.length) {
        setProblems(located.map((p, i) => {
          const [, , row, field] = p.path.split('/');
          return { key: `${i}`, row: Number(row) + 1, field: field!, message: lang === 'en' ? p.messageEn ?? p.message : p.message };
        }));
      }
      setFailure(refusalText(t, lang, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="admin-bulk">
      <Typography.Paragraph type="secondary">{t('admin.bulkIntro')}</Typography.Paragraph>
      <Input.TextArea
        id="bulk-text"
        aria-label={t('admin.bulkPaste')}
        placeholder={'username\tname\trole\tregionCode\ndoc_wang\t王大夫\tvillage_doctor\t130636100201'}
        autoSize={{ minRows: 5, maxRows: 14 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        className="bulk-text"
      />
      <div className="toolbar bulk-actions">
        <Upload
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            file.text().then(setText);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('admin.bulkUpload')}</Button>
        </Upload>
        <Typography.Text type="secondary" className="bulk-count">{t('admin.bulkRows', { n: rows.length })}</Typography.Text>
        <Button type="primary" loading={busy} disabled={!rows.length || rows.length > MAX_ROWS} onClick={create} block={narrow}>
          {t('admin.bulkCreate', { n: rows.length })}
        </Button>
      </div>
      {rows.length > 0 && !problems && (
        <Table<UserRow & { n: number }>
          className="bulk-preview"
          size="small"
          rowKey="n"
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          dataSource={rows.map((r, i) => ({ ...r, n: i + 1 }))}
          scroll={narrow ? { x: 520 } : undefined}
          columns={[
            { title: t('admin.bulkRow'), dataIndex: 'n', width: 56 },
            { title: t('admin.username'), dataIndex: 'username' },
            { title: t('admin.displayName'), dataIndex: 'name' },
            { title: t('admin.role'), dataIndex: 'role' },
            { title: t('admin.region'), dataIndex: 'regionCode' },
          ]}
        />
      )}
      {failure && <Alert type="error" showIcon role="alert" className="admin-alert" title={problems ? t('admin.bulkErrors', { n: problems.length }) : failure} />}
      {problems && (
        <Table<RowProblem>
          className="bulk-problems"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={problems}
          columns={[
            { title: t('admin.bulkRow'), dataIndex: 'row', width: 56 },
            { title: t('admin.bulkField'), dataIndex: 'field', width: 100, render: (f: string) => fieldTitle[f] ?? f },
            { title: t('admin.bulkMessage'), dataIndex: 'message' },
          ]}
        />
      )}
      {created && (
        <Space orientation="vertical" style={{ width: '100%' }} className="bulk-created">
          <Alert type="success" showIcon title={t('admin.bulkDone', { n: created.length })} />
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(csvFileName(t('admin.initialPassword')), toCsv(
              [t('admin.username'), t('admin.displayName'), t('admin.role'), t('admin.region'), t('admin.initialPassword')],
              created.map((c) => [c.user.username, c.user.displayName, c.user.roles[0]?.role, c.user.regionCode, c.initialPassword]),
            ))}
          >
            {t('admin.bulkDownload')}
          </Button>
          <Table
            size="small"
            rowKey={(c) => c.user.username}
            pagination={false}
            dataSource={created}
            scroll={narrow ? { x: 480 } : undefined}
            columns={[
              { title: t('admin.username'), key: 'u', render: (_, c) => c.user.username },
              { title: t('admin.displayName'), key: 'n', render: (_, c) => c.user.displayName },
              { title: t('admin.role'), key: 'r', render: (_, c) => c.user.roles.map((g) => (lang === 'en' ? g.roleTitleEn : g.roleTitle)).join('、') },
              { title: t('admin.initialPassword'), key: 'p', render: (_, c) => <Typography.Text code copyable>{c.initialPassword}</Typography.Text> },
            ]}
          />
        </Space>
      )}
    </div>
  );
}
