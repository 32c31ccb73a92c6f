/**
 * Every reason the claim model can give ("a figure") has a catalogue message, so the hover card
 * and the popup show it in the reader's language.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMED } from '@/utils/claims/features';
import { REASON_MESSAGES, reasonLabel } from '@/components/claims/reason-label';
import { reasonsInWords } from '@/components/page/ClaimCard';
import { useEnglishMessages } from '../english-messages';

useEnglishMessages();
const catalogue = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('claim reasons in words', () => {
  it('has a message for every reason the model can give, worded as the model words it in English', () => {
    const reasons = [...new Set(NAMED.map(([, reason]) => reason).filter((r): r is NonNullable<typeof r> => r !== null))];
    expect(reasons.length).toBeGreaterThan(10);
    for (const reason of reasons) {
      const key = REASON_MESSAGES[reason];
      expect(key, reason).toBeDefined();
      expect(catalogue[key].message).toBe(reason);
    }
  });

  it('reads reasons through the catalogue and joins them as a sentence', () => {
    expect(reasonLabel('a figure')).toBe('a figure');
    expect(reasonLabel('something new')).toBe('something new');
    expect(reasonsInWords(['a figure', 'a date', 'an attribution'])).toBe('a figure, a date and an attribution');
  });
});
