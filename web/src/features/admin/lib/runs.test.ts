import { describe, expect, it } from 'vitest';

import { formatDuration, isLive, runDurationMs, runState } from './runs';

const started_at = '2026-03-02T07:00:00Z';
const start = Date.parse(started_at);

describe('runState', () => {
  it('keeps the server’s ended statuses', () => {
    expect(runState({ status: 'succeeded', started_at }, start)).toBe('succeeded');
    expect(runState({ status: 'failed', started_at }, start)).toBe('failed');
  });

  it('calls a run still going after an hour given up, as the server does', () => {
    expect(runState({ status: 'running', started_at }, start + 59 * 60_000)).toBe('running');
    expect(runState({ status: 'running', started_at }, start + 61 * 60_000)).toBe('given_up');
    expect(isLive({ status: 'running', started_at }, start + 61 * 60_000)).toBe(false);
    expect(isLive({ status: 'running', started_at }, start + 1000)).toBe(true);
  });
});

describe('runDurationMs', () => {
  it('measures an ended run to its end, a live one to now, a given-up one not at all', () => {
    const finished_at = '2026-03-02T07:00:04.200Z';
    expect(runDurationMs({ status: 'succeeded', started_at, finished_at }, start + 1e9)).toBe(4200);
    expect(runDurationMs({ status: 'running', started_at }, start + 12_000)).toBe(12_000);
    expect(runDurationMs({ status: 'running', started_at }, start + 2 * 3_600_000)).toBeNull();
  });
});

describe('formatDuration', () => {
  const nbsp = (text: string) => text.replaceAll(' ', '\u00a0');
  it('picks a unit a person reads at a glance, in the locale’s digits', () => {
    expect(formatDuration(0, 'en-GB')).toBe(nbsp('0 ms'));
    expect(formatDuration(350.4, 'fr-FR')).toBe(nbsp('350 ms'));
    expect(formatDuration(4200, 'fr-FR')).toBe(nbsp('4,2 s'));
    expect(formatDuration(4200, 'en-GB')).toBe(nbsp('4.2 s'));
    expect(formatDuration(9_960, 'en-GB')).toBe(nbsp('10 s'));
    expect(formatDuration(42_400, 'en-GB')).toBe(nbsp('42 s'));
    expect(formatDuration(59_600, 'en-GB')).toBe(nbsp('1 min'));
    expect(formatDuration(185_000, 'en-GB')).toBe('3\u00a0min 05\u00a0s');
    expect(formatDuration(3_900_000, 'fr-FR')).toBe('1\u00a0h 05\u00a0min');
    expect(formatDuration(7_200_000, 'fr-FR')).toBe(nbsp('2 h'));
  });
});
