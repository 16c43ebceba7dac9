import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { badInput } from '../core/errors.js';
import { noticeContactFor, setCountyNoticeContact, setProgrammeNoticeContact, type NoticeContact } from './notice-contact.js';
import { ProgrammeType } from '../programmes/programme.type.js';
import { Region } from '../regions/region.entity.js';

@ObjectType('NoticeContact', { description: 'The office that issues notices, its phone and address.' })
export class NoticeContactType {
  @Field(() => String) office!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;

  static from(c: NoticeContact | null | undefined): NoticeContactType | null {
    return c ? Object.assign(new NoticeContactType(), { office: c.office, phone: c.phone ?? null, address: c.address ?? null }) : null;
  }
}

@InputType('NoticeContactInput')
export class NoticeContactInput {
  @Field(() => String, { description: 'e.g. 顺平县民政局社会救助股 (1–100 characters).' }) office!: string;
  @Field(() => String, { nullable: true, description: 'e.g. 0312-7621234.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. 顺平县蒲阳镇兴平路 12 号 (≤ 200 characters).' }) address?: string | null;
}

@Resolver()
export class NoticeContactResolver {
  @Mutation(() => NoticeContactType, {
    nullable: true,
    description: 'Set (or with contact null, clear) the notice contact of a programme (its designers) or of a county (its administrators). Give exactly one of programmeKey and regionCode. A programme\'s contact wins over its county\'s.',
  })
  async setNoticeContact(
    @Ctx() ctx: Context,
    @Arg('contact', () => NoticeContactInput, { nullable: true }) contact: NoticeContactInput | null,
    @Arg('programmeKey', () => String, { nullable: true }) programmeKey?: string | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<NoticeContactType | null> {
    if (!programmeKey === !regionCode) {
      throw badInput({ en: 'Give exactly one of programmeKey and regionCode', zh: '请只指定 programmeKey 和 regionCode 之一' }, [{ path: '/programmeKey', message: '与 regionCode 二选一', messageEn: 'exactly one of programmeKey and regionCode' }]);
    }
    if (programmeKey) return NoticeContactType.from((await setProgrammeNoticeContact(ctx, programmeKey, contact)).noticeContact);
    return NoticeContactType.from((await setCountyNoticeContact(ctx, regionCode!, contact)).noticeContact);
  }

  @Query(() => String, {
    nullable: true,
    description: 'Public (no login): the address of a village\'s notice board on this installation\'s public site (PUBLIC_URL), for the QR code of a printed notice; null when PUBLIC_URL is not configured.',
  })
  publicBoardAddress(@Ctx() ctx: Context, @Arg('regionCode', () => String) regionCode: string): string | null {
    const base = ctx.services.config.publicUrl;
    if (!/^\d{12}$/.test(regionCode)) throw badInput({ en: `Region code must be 12 digits, got "${regionCode.slice(0, 20)}"`, zh: '区划代码须为 12 位数字' }, [{ path: '/regionCode', message: '须为 12 位数字', messageEn: 'must be 12 digits' }]);
    return base ? `${base}/public?region=${regionCode}` : null;
  }
}

@Resolver(() => ProgrammeType)
export class ProgrammeNoticeContactResolver {
  @FieldResolver(() => NoticeContactType, { nullable: true, description: "The programme's own notice contact (setNoticeContact with programmeKey); null when its notices use the county's." })
  noticeContact(@Root() p: ProgrammeType): NoticeContactType | null {
    return NoticeContactType.from(p.ownNoticeContact);
  }

  @FieldResolver(() => NoticeContactType, { description: "What this programme's notices name: its own contact, else its county's, else the office by name only." })
  async noticeContactInEffect(@Root() p: ProgrammeType, @Ctx() ctx: Context): Promise<NoticeContactType> {
    // One lookup of the county row, only when the programme has no contact of its own.
    const county = p.ownNoticeContact ? undefined : (await ctx.em.findOne(Region, { code: p.regionCode })) ?? undefined;
    return NoticeContactType.from(noticeContactFor({ name: p.name, noticeContact: p.ownNoticeContact }, county, p.name))!;
  }
}
