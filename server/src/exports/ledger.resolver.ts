import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { LedgerFieldType, LedgerInput, LedgerType } from './ledger.type.js';
import { defineLedger, ledgerFields, listLedgers, retireLedger } from './ledger.service.js';

@Resolver(() => LedgerType)
export class LedgerResolver {
  @Query(() => [LedgerType], { description: "A programme's live ledger layouts, by name." })
  async ledgers(@Ctx() ctx: Context, @Arg('programmeKey', () => String) programmeKey: string): Promise<LedgerType[]> {
    return (await listLedgers(ctx, programmeKey)).map(LedgerType.from);
  }

  @Query(() => [LedgerFieldType], { description: 'The fields a ledger column of this programme may show, in form order (for the layout editor).' })
  async ledgerFields(@Ctx() ctx: Context, @Arg('programmeKey', () => String) programmeKey: string): Promise<LedgerFieldType[]> {
    return (await ledgerFields(ctx, programmeKey)).map((f) => Object.assign(new LedgerFieldType(), f));
  }

  @Mutation(() => LedgerType, { description: "Defines or replaces a ledger layout (designers and county administrators of the programme's county). Unknown fields are refused with their JSON pointer." })
  async defineLedger(@Ctx() ctx: Context, @Arg('programmeKey', () => String) programmeKey: string, @Arg('input', () => LedgerInput) input: LedgerInput): Promise<LedgerType> {
    return LedgerType.from(await defineLedger(ctx, programmeKey, input));
  }

  @Mutation(() => LedgerType)
  async retireLedger(@Ctx() ctx: Context, @Arg('programmeKey', () => String) programmeKey: string, @Arg('name', () => String) name: string): Promise<LedgerType> {
    return LedgerType.from(await retireLedger(ctx, programmeKey, name));
  }
}
