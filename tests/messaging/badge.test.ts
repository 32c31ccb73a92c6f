import { describe, expect, it } from 'vitest';
import { badgeFor } from '@/entrypoints/background/badge';
import { useEnglishMessages } from '../english-messages';

// The tooltip comes from the message catalogue (a translation needs no code change); in English:
useEnglishMessages();

describe('toolbar badge', () => {
  it("puts the reader's notes first, then sentences already fact-checked, then check-worthy claims", () => {
    expect(badgeFor({ notes: 3, claims: 9, known: 2 })).toMatchObject({ text: '3', title: 'Factmark: 3 notes on this page' });
    const known = badgeFor({ notes: 0, claims: 9, known: 1 });
    expect(known).toMatchObject({ text: '1', title: 'Factmark: 1 sentence already fact-checked on this page' });
    expect(badgeFor({ notes: 0, claims: 9 })).toMatchObject({ text: '9', title: 'Factmark: 9 check-worthy claims on this page' });
    expect(badgeFor({ notes: 0, claims: 0, known: 0 })).toMatchObject({ text: '', title: 'Factmark' });
  });

  it('says one and several in the words of the catalogue, with the count formatted', () => {
    expect(badgeFor({ notes: 1, claims: 0 }).title).toBe('Factmark: 1 note on this page');
    expect(badgeFor({ notes: 0, claims: 1 }).title).toBe('Factmark: 1 check-worthy claim on this page');
    expect(badgeFor({ notes: 0, claims: 0, known: 3 }).title).toBe('Factmark: 3 sentences already fact-checked on this page');
    expect(badgeFor({ notes: 1200, claims: 0 }).title).toBe(`Factmark: ${(1200).toLocaleString()} notes on this page`);
  });

  it('gives each kind its own colour, so the number is never read without knowing what it counts', () => {
    const colours = new Set([badgeFor({ notes: 1, claims: 0 }).color, badgeFor({ notes: 0, claims: 0, known: 1 }).color, badgeFor({ notes: 0, claims: 1 }).color]);
    expect(colours.size).toBe(3);
  });
});
