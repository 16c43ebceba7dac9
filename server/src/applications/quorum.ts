/**
 * Quorum votes in the current visit of a state: who has sent a quorum event since the case last
 * entered the state (self-transitions record votes without starting a new visit). Read from the
 * request's history loader, so a list of cases costs one query, not one per case.
 */
import type { Context } from '../core/context.js';
import type { Application } from './application.entity.js';
import type { ApplicationEvent } from './application-event.entity.js';
import type { PinnedVersion } from './pinned-version.js';

export interface QuorumVote {
  actorId: string;
  name: string | null;
  role: string | null;
  event: string;
  at: Date;
}

export interface QuorumProgress {
  event: string;
  needed: number;
  votes: QuorumVote[];
}

/** The first vote of each person for `event` in this visit (a person counts once). */
function votesIn(history: readonly ApplicationEvent[], app: Application, event: string): QuorumVote[] {
  const seen = new Map<string, QuorumVote>();
  for (const e of history) {
    if (e.seq <= app.stateSeq || e.event !== event || !e.actorId || seen.has(e.actorId)) continue;
    seen.set(e.actorId, { actorId: e.actorId, name: e.actorName ?? null, role: e.role ?? null, event: e.event, at: e.at });
  }
  return [...seen.values()];
}

/** Progress of every quorum event of the current state ([] when it has none). */
export async function quorumProgress(ctx: Context, app: Application, pinned: PinnedVersion): Promise<QuorumProgress[]> {
  if (app.status === 'APPROVED' || app.status === 'REJECTED' || app.status === 'WITHDRAWN') return [];
  const quorums = pinned.workflow.quorums(app.state);
  if (!quorums.length) return [];
  const history = await ctx.loaders.history.load(app.id);
  return quorums.map((q) => ({ event: q.event, needed: q.count, votes: votesIn(history, app, q.event) }));
}

/** Quorum events this person has already voted on in this visit: sending one again always fails. */
export async function eventsAlreadyVoted(ctx: Context, app: Application, pinned: PinnedVersion, actorId: string): Promise<Set<string>> {
  const progress = await quorumProgress(ctx, app, pinned);
  return new Set(progress.filter((p) => p.votes.some((v) => v.actorId === actorId)).map((p) => p.event));
}
