import { Component, ChangeDetectionStrategy, computed, input } from '@angular/core';

export interface TextPart {
  readonly text: string;
  readonly match: boolean;
}

/** `text` split around every case-insensitive occurrence of `query`, for marking matches. */
export function highlightParts(text: string, query: string): TextPart[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [{ text, match: false }];
  const haystack = text.toLocaleLowerCase();
  const parts: TextPart[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Text with the search matches in `<mark>`: bound as text nodes, never as HTML. */
@Component({
  selector: 'app-highlight',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (part of parts(); track $index) {
      @if (part.match) {
        <mark>{{ part.text }}</mark>
      } @else {
        <span>{{ part.text }}</span>
      }
    }
  `,
})
export class Highlight {
  readonly text = input.required<string>();
  readonly query = input('');
  protected readonly parts = computed(() => highlightParts(this.text(), this.query()));
}
