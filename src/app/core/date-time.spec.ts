import { DateTimePipe } from './date-time';

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
