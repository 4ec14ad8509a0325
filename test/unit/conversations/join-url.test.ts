import { describe, expect, it } from 'vitest';
import { joinUrl } from '../../../src/conversations/join-url.js';

describe('joinUrl', () => {
  it('prefers room_url, else conversation_url, and appends the meeting token', () => {
    expect(joinUrl({ room_url: 'https://r/1', conversation_url: 'https://c/1' })).toBe('https://r/1');
    expect(joinUrl({ conversation_url: 'https://tavus.daily.co/c1' })).toBe('https://tavus.daily.co/c1');
    expect(joinUrl({ conversation_url: 'https://tavus.daily.co/c1', meeting_token: 'abc' })).toBe('https://tavus.daily.co/c1?t=abc');
    expect(joinUrl({ room_url: 'https://r/1?room=1', meeting_token: 'abc' })).toBe('https://r/1?room=1&t=abc');
    expect(joinUrl({})).toBeUndefined();
  });
});
