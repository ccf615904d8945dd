import type { Note } from './note';

/** The first line of text the heading does not already show, for the list (≤ 140 characters). */
export function notePreview(note: Pick<Note, 'title' | 'content'>): string {
  const lines = note.content
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const line = (note.title?.trim() ? lines[0] : lines[1]) ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
