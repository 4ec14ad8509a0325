// Writes replies to the socket, faithfully or mangled by a fault. Returns the status to record (0 = dropped).
import type { ServerResponse } from 'node:http';
import { emptyReply, htmlReply, jsonReply, type Reply } from './reply.js';
import type { Fault } from './types.js';

/** Faults that stand in for the handler entirely (nothing is created). */
export type ReplacingFault = Extract<Fault, { kind: 'status' | 'html' | 'retry-after' | 'large-body' | 'reset-before-response' }>;
/** Faults that let the handler run (state changes happen) and spoil only the delivery. */
export type MangleFault = Exclude<Fault, ReplacingFault>;

export function isReplacingFault(fault: Fault): fault is ReplacingFault {
  return ['status', 'html', 'retry-after', 'large-body', 'reset-before-response'].includes(fault.kind);
}

function isDropped(res: ServerResponse): boolean {
  return res.destroyed || !res.socket || res.socket.destroyed;
}

export function sendReply(res: ServerResponse, reply: Reply): number {
  if (isDropped(res)) return 0;
  const body = Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
  return reply.status;
}

function proxyErrorPage(status: number): string {
  const title = `${status} ${status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Time-out' : 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A list-shaped 200 body of about `bytes` bytes, to exercise clients' size handling. */
function largeBody(bytes: number): Reply {
  const fillerSize = 1000;
  const count = Math.max(1, Math.ceil(bytes / (fillerSize + 60)));
  const data = Array.from({ length: count }, (_, index) => ({
    persona_id: `pfiller${String(index).padStart(5, '0')}`,
    persona_name: `Filler ${index}`,
    system_prompt: 'x'.repeat(fillerSize),
  }));
  return jsonReply(200, { data, total_count: count });
}

export function replacementReply(fault: Exclude<ReplacingFault, { kind: 'reset-before-response' }>): Reply {
  switch (fault.kind) {
    case 'status':
      if (fault.status === 204 || fault.status === 304) return { ...emptyReply(fault.status), headers: fault.headers ?? {} };
      return jsonReply(fault.status, fault.body ?? { message: `Emulated HTTP ${fault.status}` }, fault.headers);
    case 'html':
      return htmlReply(fault.status, proxyErrorPage(fault.status));
    case 'retry-after':
      return jsonReply(fault.status ?? 429, { message: 'Too many requests' }, { 'retry-after': fault.retryAfter });
    case 'large-body':
      return largeBody(fault.bytes);
  }
}

export function deliverFault(res: ServerResponse, fault: ReplacingFault): number {
  if (fault.kind === 'reset-before-response') {
    res.socket?.destroy();
    return 0;
  }
  return sendReply(res, replacementReply(fault));
}

/** Delivers the real reply spoiled as the fault says (a 'delay' has already been waited out). */
export function deliverMangled(res: ServerResponse, reply: Reply, fault: MangleFault | undefined): number {
  if (isDropped(res)) return 0;
  switch (fault?.kind) {
    case undefined:
    case 'delay':
      return sendReply(res, reply);
    case 'wrong-content-type':
      return sendReply(res, { ...reply, headers: { ...reply.headers, 'content-type': 'text/plain; charset=utf-8' } });
    case 'truncated-json': {
      // A complete HTTP message whose JSON is cut: content-length matches the half, then the connection closes.
      const half = Buffer.from(reply.body).subarray(0, Math.floor(Buffer.byteLength(reply.body) / 2));
      res.writeHead(reply.status, { ...reply.headers, 'content-length': String(half.length), connection: 'close' });
      res.end(half);
      return reply.status;
    }
    case 'reset-mid-body': {
      const body = Buffer.from(reply.body);
      // Even an empty reply promises bytes, so the client is always left waiting for a body that never comes.
      const part = body.length >= 2 ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.from(' ');
      res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Math.max(body.length, part.length + 1)) });
      res.write(part, () => res.socket?.destroy());
      return 0;
    }
  }
}
