import { describe, expect, it } from 'vitest';
import { segmentSentences } from '../../utils/claims/segment';

const texts = (t: string, minWords = 1) => segmentSentences(t, { minWords }).map((s) => s.text);

describe('segmentSentences', () => {
  it('returns offsets into the input', () => {
    const t = '  The first sentence is here. The second one follows it.  ';
    for (const s of segmentSentences(t)) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(texts(t)).toEqual(['The first sentence is here.', 'The second one follows it.']);
  });

  it.each([
    ['Dr. Smith said the U.S. economy grew. It did.', ['Dr. Smith said the U.S. economy grew.', 'It did.']],
    ['The vote was on Jan. 5 and Mr. Jones won it. Then he left.', ['The vote was on Jan. 5 and Mr. Jones won it.', 'Then he left.']],
    ['The U.S. Army said so. The team from St. Louis won.', ['The U.S. Army said so.', 'The team from St. Louis won.']],
    ['It was made in the U.S. The next day it shipped.', ['It was made in the U.S.', 'The next day it shipped.']],
    ['He said “It is big.” Then he left!', ['He said “It is big.”', 'Then he left!']],
  ])('keeps abbreviations and quotes together: %s', (t, expected) => {
    expect(texts(t)).toEqual(expected);
  });

  it('ends a sentence at a block boundary (heading without a full stop)', () => {
    expect(texts('A leaders’ meeting?\nTurkey said a meeting was necessary between the presidents.\nHeading here\nNext para starts here.')).toEqual([
      'A leaders’ meeting?',
      'Turkey said a meeting was necessary between the presidents.',
      'Heading here',
      'Next para starts here.',
    ]);
  });

  it('drops very short fragments', () => {
    expect(segmentSentences('Advertisement\nPhoto: AP\nThe council approved the budget on Monday.').map((s) => s.text)).toEqual([
      'The council approved the budget on Monday.',
    ]);
  });
});
