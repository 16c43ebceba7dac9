/**
 * The request edge for GraphQL: every variable and every literal of the document is inspected
 * (nesting depth, NUL bytes, lone surrogates) before any resolver or coercion walks it, and
 * answers are bounded in size. Runs in `didResolveOperation`, after parsing and validation
 * (which graphql-armor's token limit keeps shallow) and before execution.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { inputRefusal, inspectDocument, inspectJson } from './input-guard.js';
import { edgeError } from './query-cost.js';

export function inputGuardPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problems = [];
          for (const [name, value] of Object.entries(request.variables ?? {})) problems.push(...inspectJson(value, `/variables/${name}`));
          problems.push(...inspectDocument(document));
          if (problems.length) throw edgeError(inputRefusal(problems), 400);
        },
      };
    },
  };
}

/**
 * Caps the serialized size of a GraphQL answer: a larger one is replaced by a RESPONSE_TOO_LARGE
 * error. The cost limit keeps most oversized queries from running at all; this is the backstop
 * for data that is larger than its weight assumes.
 */
export function responseSizeLimit(maxBytes: number, log?: Logger) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body === 'string' && body.length > maxBytes / 3 && Buffer.byteLength(body) > maxBytes) {
        log?.warn({ requestId: res.locals.requestId, bytes: Buffer.byteLength(body), limit: maxBytes }, 'answer larger than MAX_RESPONSE_BYTES refused');
        const e = new DomainError('RESPONSE_TOO_LARGE', `The answer would be larger than ${maxBytes} bytes: ask for fewer items per page (first) or fewer fields`, {
          messageZh: `返回结果超过 ${maxBytes} 字节：请减少每页条数（first）或字段`,
          limit: maxBytes,
        });
        res.status(200).type('application/json');
        return send(JSON.stringify({ errors: [{ message: e.message, extensions: { code: e.code, ...e.details } }] }));
      }
      return send(body as never);
    };
    next();
  };
}
