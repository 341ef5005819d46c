import { describe, expect, it } from 'vitest';
import { allowedTransitions, isWritable, nextStatus } from './state';

describe('mentorship state machine', () => {
  it('lets only the mentor answer a request', () => {
    expect(nextStatus('requested', 'accept', 'mentor')).toBe('active');
    expect(nextStatus('requested', 'decline', 'mentor')).toBe('declined');
    expect(nextStatus('requested', 'accept', 'mentee')).toBeNull();
    expect(nextStatus('requested', 'decline', 'mentee')).toBeNull();
  });

  it('moves active ⇄ paused → closed, by either side', () => {
    for (const side of ['mentor', 'mentee'] as const) {
      expect(nextStatus('active', 'pause', side)).toBe('paused');
      expect(nextStatus('paused', 'resume', side)).toBe('active');
      expect(nextStatus('active', 'close', side)).toBe('closed');
      expect(nextStatus('paused', 'close', side)).toBe('closed');
    }
  });

  it('refuses everything else', () => {
    expect(nextStatus('requested', 'close', 'mentor')).toBeNull();
    expect(nextStatus('active', 'accept', 'mentor')).toBeNull();
    expect(nextStatus('closed', 'resume', 'mentee')).toBeNull();
    expect(nextStatus('declined', 'accept', 'mentor')).toBeNull();
    expect(nextStatus('paused', 'pause', 'mentor')).toBeNull();
    expect(allowedTransitions('closed', 'mentor')).toEqual([]);
    expect(allowedTransitions('declined', 'mentee')).toEqual([]);
    expect(allowedTransitions('requested', 'mentee')).toEqual([]);
    expect(allowedTransitions('active', 'mentee')).toEqual(['pause', 'close']);
  });

  it('accepts writing only while the mentorship runs', () => {
    expect(isWritable('active')).toBe(true);
    expect(isWritable('paused')).toBe(true);
    expect(isWritable('closed')).toBe(false);
    expect(isWritable('requested')).toBe(false);
    expect(isWritable('declined')).toBe(false);
  });
});
