/**
 * A page that cancels every `selectstart` (onselectstart="return false") must still let the reader
 * select its article text: which targets Factmark shields from the page's handlers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mayUnblockSelection } from '@/entrypoints/article.content/selection-rules';

afterEach(() => {
  document.body.innerHTML = '';
});

const notOwn = () => false;

describe('mayUnblockSelection', () => {
  it('shields selections that start in the article text', () => {
    document.body.innerHTML = '<article><p>The UN General Assembly voted <b>141</b> to 5.</p></article><nav><a href="/">Home</a></nav>';
    const article = document.querySelector('article')!;
    const text = article.querySelector('p')!.firstChild!;
    expect(mayUnblockSelection(text, article, notOwn)).toBe(true);
    expect(mayUnblockSelection(article.querySelector('b')!, article, notOwn)).toBe(true);
  });

  it('leaves the page alone outside the article, or when no article was found', () => {
    document.body.innerHTML = '<article><p>Text.</p></article><nav><a href="/">Home</a></nav>';
    const article = document.querySelector('article')!;
    expect(mayUnblockSelection(document.querySelector('nav a')!, article, notOwn)).toBe(false);
    expect(mayUnblockSelection(article.querySelector('p')!, null, notOwn)).toBe(false);
    expect(mayUnblockSelection(null, article, notOwn)).toBe(false);
    expect(mayUnblockSelection(window, article, notOwn)).toBe(false);
  });

  it('never in controls, draggable or editable parts of the article, nor in Factmark\'s own UI', () => {
    document.body.innerHTML = `<article>
      <p>Text <button>Share</button> <input value="q"> <span draggable="true">drag</span></p>
      <div role="slider">50</div><div contenteditable><p>Comment</p></div><p id="own">Toolbar</p></article>`;
    const article = document.querySelector('article')!;
    for (const selector of ['button', 'input', '[draggable]', '[role=slider]', '[contenteditable] p']) {
      expect(mayUnblockSelection(article.querySelector(selector)!, article, notOwn), selector).toBe(false);
    }
    const own = article.querySelector('#own')!;
    expect(mayUnblockSelection(own.firstChild, article, (n) => n === own)).toBe(false);
  });
});
