import { DateTimePipe, timeAgo } from './date-time';

describe('DateTimePipe', () => {
  const pipe = new DateTimePipe();

  it('formats an ISO timestamp for the reader, with date and time', () => {
    const expected = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date('2026-11-23T09:30:00Z'));
    expect(pipe.transform('2026-11-23T09:30:00.000Z')).toBe(expected);
  });

  it('shows nothing for a missing value and the raw text for an unreadable one', () => {
    expect(pipe.transform(undefined)).toBe('');
    expect(pipe.transform('not a date')).toBe('not a date');
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says how long ago, as people say it', () => {
    const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    expect(timeAgo(ago(10), now)).toBe('just now');
    expect(timeAgo(ago(120), now)).toBe(words.format(-2, 'minute'));
    expect(timeAgo(ago(3 * 3600), now)).toBe(words.format(-3, 'hour'));
    expect(timeAgo(ago(26 * 3600), now)).toBe(words.format(-1, 'day'));
    expect(timeAgo(ago(15 * 24 * 3600), now)).toBe(words.format(-2, 'week'));
    expect(timeAgo(ago(400 * 24 * 3600), now)).toBe(words.format(-1, 'year'));
  });

  it('shows nothing for a missing value and the raw text for an unreadable one', () => {
    expect(timeAgo(undefined, now)).toBe('');
    expect(timeAgo('not a date', now)).toBe('not a date');
  });
});
