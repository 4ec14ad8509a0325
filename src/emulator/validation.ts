// Request validation with Tavus's 400 wording: `Bad Request. {'field': ['message']}` (their marshmallow style).
import * as z from 'zod';
import { ReplyError, errorReply } from './reply.js';

export function badRequestText(field: string, message: string): string {
  return `Bad Request. {'${field}': ['${message}']}`;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Not a valid ${issue.expected}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'too_small':
      return issue.inclusive ? `Must be greater than or equal to ${String(issue.minimum)}.` : `Must be greater than ${String(issue.minimum)}.`;
    default:
      return issue.message;
  }
}

/** Parses or throws a 400 naming the first offending field. */
export function parseOrBadRequest<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ReplyError(errorReply(400, 'Bad Request.'));
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_schema';
  throw new ReplyError(errorReply(400, badRequestText(field, issueText(issue))));
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ReplyError(errorReply(400, badRequestText('_schema', 'Invalid input type.')));
  }
  return body as Record<string, unknown>;
}
