/**
 * The office that issues a programme's notices, its phone and address: data a county sets for all
 * its programmes (on the county's region row) and a programme may override (on the programme row).
 * The board and the printed notice name them, so a villager knows whom to call or where to go.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { canAdministerRegion } from '../core/actor.js';
import { badInput, forbidden, type FieldProblem } from '../core/errors.js';
import { getRegion } from '../regions/region.service.js';
import { getProgramme } from '../programmes/programme.service.js';
import { authorizeDesign } from '../programmes/programme.policy.js';
import type { Programme } from '../programmes/programme.entity.js';
import type { Region } from '../regions/region.entity.js';
import { officeName } from './notice.presenter.js';

export interface NoticeContact {
  office: string;
  phone?: string | null;
  address?: string | null;
}

const LIMITS = { office: 100, phone: 40, address: 200 };
// Landlines (0312-7621234, with an extension), mobiles, 12345-style hotlines: digits and separators.
const PHONE = /^[0-9+()\- ]{3,40}$/;

/** Trims and checks a contact; null clears it (the county's, or the default office name, applies). */
export function normaliseContact(input: NoticeContact | null | undefined): NoticeContact | null {
  if (!input) return null;
  const office = input.office?.trim() ?? '';
  const phone = input.phone?.trim() || null;
  const address = input.address?.trim() || null;
  const problems: FieldProblem[] = [];
  if (!office || office.length > LIMITS.office) problems.push({ path: '/contact/office', message: `须为 1–${LIMITS.office} 个字符`, messageEn: `must be 1–${LIMITS.office} characters` });
  if (phone && !PHONE.test(phone)) problems.push({ path: '/contact/phone', message: '只能包含数字、空格和 + - ( )，3–40 个字符', messageEn: 'digits, spaces and + - ( ) only, 3–40 characters' });
  if (address && address.length > LIMITS.address) problems.push({ path: '/contact/address', message: `最多 ${LIMITS.address} 个字符`, messageEn: `at most ${LIMITS.address} characters` });
  if (problems.length) throw badInput({ en: 'The notice contact is invalid', zh: '公示联系信息有误' }, problems);
  return { office, phone, address };
}

/** Designers of the programme's county set (or clear) the programme's own contact. */
export async function setProgrammeNoticeContact(ctx: Context, key: string, input: NoticeContact | null): Promise<Programme> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  programme.noticeContact = normaliseContact(input);
  await ctx.em.flush();
  return programme;
}

/** County administrators (and administrators) set the county's contact, used by every programme without its own. */
export async function setCountyNoticeContact(ctx: Context, regionCode: string, input: NoticeContact | null): Promise<Region> {
  const actor = requireActor(ctx);
  const region = await getRegion(ctx.em, regionCode);
  if (region.level !== 'county') throw badInput({ en: 'A notice contact belongs to a county', zh: '公示联系信息须设在县级区划上' }, [{ path: '/regionCode', message: '须为县级区划', messageEn: 'must be a county' }]);
  if (!canAdministerRegion(actor, region.path)) throw forbidden({ en: `Only the administrators of ${region.name} may set its notice contact`, zh: `只有${region.name}的县管理员可以设置公示联系信息` });
  region.noticeContact = normaliseContact(input);
  await ctx.em.flush();
  return region;
}

/** The contact a notice names: the programme's, else the county's, else the office by name only. */
export function noticeContactFor(programme: Pick<Programme, 'name' | 'noticeContact'> | undefined, county: Pick<Region, 'name' | 'noticeContact'> | undefined, programmeName: string): NoticeContact {
  return programme?.noticeContact ?? county?.noticeContact ?? { office: officeName(county?.name, programmeName), phone: null, address: null };
}
