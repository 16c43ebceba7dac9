/**
 * /public/print/:villageCode — one A4 sheet per programme for the village notice board: the cases
 * under notice, the period, how to object and the issuing office. No app chrome; print CSS.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { graphql } from '../graphql';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';
import { PublicNoticesDocument, groupBy, type PublicNotice } from '../notices';
import { fmtDate } from '../format';
import type { PublicNoticesQuery } from '../graphql/graphql';
import { loadRegion } from '../regions';
import './print.css';

// Pages of 50, like the board: an anonymous request must stay within the public cost limit
// (MAX_QUERY_COST_ANONYMOUS), and 40 pages cover any village's notices.
const PAGE = 50;
const MAX_PAGES = 40;

const BoardAddressDocument = graphql(`
  query BoardAddress($regionCode: String!) {
    publicBoardAddress(regionCode: $regionCode)
  }
`);

/**
 * The board's address on the installation's public site (PUBLIC_URL), as a QR code image: never the
 * address this page was opened from (an intranet host, a test machine). None when not configured.
 */
function useBoardQr(villageCode: string): { url: string; svg: string } | null {
  const [qr, setQr] = useState<{ url: string; svg: string } | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const url = (await request(BoardAddressDocument, { regionCode: villageCode })).publicBoardAddress;
      if (!url) return;
      const svg = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
      if (live) setQr({ url, svg });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [villageCode]);
  return qr;
}

export default function PublicPrint({ villageCode }: { villageCode: string }) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<PublicNotice[] | null>(null);
  const [villageName, setVillageName] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const all: PublicNotice[] = [];
        let after: string | null = null;
        for (let i = 0; i < MAX_PAGES; i++) {
          const d: PublicNoticesQuery = await request(PublicNoticesDocument, { regionCode: villageCode, first: PAGE, after });
          all.push(...d.publicNotices.edges.map((e) => e.node));
          if (!d.publicNotices.pageInfo.hasNextPage) break;
          after = d.publicNotices.pageInfo.endCursor ?? null;
        }
        if (live) setItems(all);
      } catch (e) {
        if (live) setError(e);
      }
    })();
    loadRegion(villageCode).then((r) => live && setVillageName(r?.name ?? villageCode));
    return () => {
      live = false;
    };
  }, [villageCode]);

  useEffect(() => {
    document.title = `${t('print.docTitle')} · ${villageName}`;
  }, [t, villageName]);

  const qr = useBoardQr(villageCode);
  const sheets = groupBy(items ?? [], (n) => n.programmeKey);

  return (
    <div className="print-root">
      <div className="print-toolbar no-print">
        <button type="button" onClick={() => window.print()}>{t('print.print')}</button>
        <a href="/public">{t('print.back')}</a>
        <span>{t('print.hint')}</span>
      </div>
      {error != null && <p className="print-error" role="alert">{errorText(t, lang, error)}</p>}
      {items && !sheets.length && (
        <section className="a4">
          <h1>{t('print.noneTitle', { village: villageName })}</h1>
          <p>{t('print.none')}</p>
        </section>
      )}
      {sheets.map(([key, list]) => {
        const first = list[0];
        const start = list.map((n) => n.noticeStart).filter(Boolean).sort()[0];
        const end = list.map((n) => n.noticeEnd).filter(Boolean).sort().reverse()[0];
        const columns = [...new Set(list.flatMap((n) => n.fields.map((f) => f.title)))];
        return (
          <section className="a4" key={key}>
            <h1>{t('print.heading', { programme: first.programmeName })}</h1>
            <p className="a4-sub">
              {first.townshipName ? `${first.townshipName} ` : ''}
              {first.regionName}
            </p>
            <p>{t('print.intro', { programme: first.programmeName, n: list.length })}</p>
            <table>
              <thead>
                <tr>
                  <th>{t('print.no')}</th>
                  <th>{t('public.reference')}</th>
                  {columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  <th>{t('public.stage')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((n, i) => (
                  <tr key={n.reference}>
                    <td>{i + 1}</td>
                    <td>{n.reference}</td>
                    {columns.map((c) => (
                      <td key={c}>{n.fields.find((f) => f.title === c)?.value ?? ''}</td>
                    ))}
                    <td>{n.stateTitle}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('print.periodTitle')}</h2>
            <p>{t('print.period', { start: fmtDate(lang, start), end: fmtDate(lang, end) })}</p>
            <h2>{t('print.objectTitle')}</h2>
            <p>{t('print.object', { office: first.office ?? t('print.officeUnknown') })}</p>
            {(first.officePhone || first.officeAddress) && (
              <p className="a4-contact">
                {first.officePhone && <span>{t('print.phone', { phone: first.officePhone })}</span>}
                {first.officeAddress && <span>{t('print.address', { address: first.officeAddress })}</span>}
              </p>
            )}
            {qr && (
              <div className="a4-qr">
                <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`} alt={t('print.qr')} width={96} height={96} />
                <p>
                  {t('print.qr')}
                  <br />
                  {t('print.online', { url: qr.url })}
                </p>
              </div>
            )}
            <p>{t('print.privacy')}</p>
            <div className="a4-sign">
              <p>{first.office ?? ''}</p>
              <p>{fmtDate(lang, start ?? new Date().toISOString())}</p>
            </div>
          </section>
        );
      })}
    </div>
  );
}
