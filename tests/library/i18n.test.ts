/**
 * The English catalogue is complete and well-formed, and `t` falls back to the key where there
 * is no i18n API (so a missing translation shows something searchable, never a crash).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import ts from 'typescript';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t, tn } from '@/utils/i18n';
import { notice, pluralNotice, renderNotice } from '@/utils/formats/notice';
import { english, getMessage } from '../english-messages';

const ROOT = resolve(import.meta.dirname, '../..');
type Catalogue = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;
const catalogue = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Catalogue;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

afterEach(() => vi.restoreAllMocks());

describe('i18n', () => {
  it('has every key the popup, the library and the in-page UI use', () => {
    const files = [
      ...sources(join(ROOT, 'components')),
      ...sources(join(ROOT, 'entrypoints/popup')),
      ...sources(join(ROOT, 'entrypoints/library')),
      ...sources(join(ROOT, 'entrypoints/article.content')),
      ...sources(join(ROOT, 'entrypoints/background')),
    ];
    const used = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\btn\('([A-Za-z0-9_]+)'/g)) ['one', 'other'].forEach((k) => used.add(`${m[1]}_${k}`));
      for (const m of text.matchAll(/'((?:theme|sort|format)[A-Z][A-Za-z]+)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !catalogue[k]);
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it('has every message the import gives: the notices of utils/formats', () => {
    const used = new Set<string>();
    for (const f of sources(join(ROOT, 'utils/formats'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\b(?:notice|says)\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bpluralNotice\('([A-Za-z0-9_]+)'/g)) ['one', 'other'].forEach((k) => used.add(`${m[1]}_${k}`));
      // Keys passed on as values (claim-review's "<field> shortened").
      for (const m of text.matchAll(/'(importShortened[A-Za-z]+)'/g)) used.add(m[1]);
    }
    expect([...used].filter((k) => !catalogue[k])).toEqual([]);
    expect(used.size).toBeGreaterThan(80);
    // utils/formats runs in Node and in the import worker: no browser API, only the key type.
    for (const f of sources(join(ROOT, 'utils/formats'))) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from ['"](wxt\/browser|webextension-polyfill)['"]/);
      expect(text, f).not.toMatch(/^import (?!type )[^;]*from ['"](@\/utils\/i18n|\.\.\/i18n)['"]/m);
    }
  });

  it('words an import notice in the UI language, nested notices first, numbers formatted', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
      getMessage(key, typeof subs === 'string' ? [subs] : (subs ?? []))) as typeof fakeBrowser.i18n.getMessage);
    const dropped = notice('importSourceNDropped', 2, notice('importUrlScheme', 'javascript:'));
    expect(renderNotice(dropped, t)).toBe('source 2 dropped: "javascript:" URLs are not allowed (only http and https)');
    expect(renderNotice(dropped, t)).toBe(english(dropped));
    const big = notice('importFileTooManyContainers', 10_000_003, 10_000_000);
    expect(renderNotice(big, t)).toBe(`The file holds ${(10_000_003).toLocaleString()} objects and lists; at most ${(10_000_000).toLocaleString()} can be read at once.`);
    expect(renderNotice(pluralNotice('importForbiddenKeys', 1), t)).toBe('1 field named __proto__, constructor or prototype ignored');
    // A value from the file is a substitution, never looked up or substituted into.
    expect(renderNotice(notice('importSemanticTag', '$1 importNoItems'), t)).toBe('semantic tag "$1 importNoItems" ignored');
    // Without an i18n API the page shows keys, as everywhere else.
    vi.restoreAllMocks();
    expect(renderNotice(notice('importNoItems'), t)).toBe('importNoItems');
  });

  it('leaves no reader-facing English in the markup: JSX text and labels come from the catalogue', () => {
    const files = [...sources(join(ROOT, 'components')), ...sources(join(ROOT, 'entrypoints'))].filter((f) => f.endsWith('.tsx'));
    // Example values that read the same in every language.
    const examples = new Set(['https://', 'example.com']);
    const literal: string[] = [];
    for (const f of files) {
      const file = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const where = (n: ts.Node) => `${f.slice(ROOT.length + 1)}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node): void => {
        if (ts.isJsxText(n) && /\p{L}{2}/u.test(n.text)) literal.push(`${where(n)} ${n.text.trim()}`);
        if (
          ts.isJsxAttribute(n) &&
          /^(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label)$/.test(n.name.getText()) &&
          n.initializer &&
          ts.isStringLiteral(n.initializer) &&
          /\p{L}{2}/u.test(n.initializer.text) &&
          !examples.has(n.initializer.text)
        )
          literal.push(`${where(n)} ${n.getText()}`);
        ts.forEachChild(n, visit);
      };
      visit(file);
    }
    expect(literal).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
  });

  it("words the browser's own surfaces from the catalogue: menu items, toolbar tooltip, shortcut, manifest", () => {
    const literal: string[] = [];
    for (const f of sources(join(ROOT, 'entrypoints/background'))) {
      const file = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const visit = (n: ts.Node): void => {
        // `title: '…'` of a menu item or of the toolbar icon (setTitle) is shown by the browser.
        if (ts.isPropertyAssignment(n) && /^(title|message)$/.test(n.name.getText()) && (ts.isStringLiteral(n.initializer) || ts.isTemplateExpression(n.initializer) || ts.isNoSubstitutionTemplateLiteral(n.initializer)) && /\p{L}{2}/u.test(n.initializer.getText()))
          literal.push(`${f.slice(ROOT.length + 1)}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.getText()}`);
        ts.forEachChild(n, visit);
      };
      visit(file);
    }
    expect(literal).toEqual([]);
    // The manifest's texts (name, description, toolbar tooltip, the shortcut's description).
    const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const manifestTexts = [...config.matchAll(/\b(name|description|default_title)(?::|\s*=)\s*'([^']*)'/g)].map((m) => m[2]);
    expect(manifestTexts.length).toBeGreaterThanOrEqual(4);
    expect(config).toContain("default_title = '__MSG_");
    for (const text of manifestTexts) {
      expect(text).toMatch(/^__MSG_[A-Za-z0-9_]+__$/);
      expect(catalogue[text.slice(6, -2)], text).toBeTruthy();
    }
  });

  it('is well-formed: names, descriptions, placeholders numbered from $1', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(entry.message.length, key).toBeGreaterThan(0);
      expect(entry.description, key).toBeTruthy();
      const named = [...entry.message.matchAll(/\$([A-Z0-9_]+)\$/g)].map((m) => m[1].toLowerCase());
      expect(Object.keys(entry.placeholders ?? {}).sort(), key).toEqual([...new Set(named)].sort());
      const contents = Object.values(entry.placeholders ?? {}).map((p) => p.content).sort();
      expect(contents, key).toEqual(contents.map((_, i) => `$${i + 1}`));
    }
    expect(catalogue.extName.message).toBe('Factmark');
    expect(catalogue.extDescription.message.length).toBeLessThanOrEqual(132); // Chrome Web Store limit
  });

  it('falls back to the key without an i18n API, and substitutes with one', () => {
    expect(t('actionUndo')).toBe('actionUndo');
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
      getMessage(key, typeof subs === 'string' ? [subs] : (subs ?? []))) as typeof fakeBrowser.i18n.getMessage);
    expect(t('actionUndo')).toBe('Undo');
    expect(t('resultsShowing', 51, 100)).toBe('showing 51–100');
    expect(tn('notesCount', 1)).toBe('1 note');
    expect(tn('notesCount', 12_345)).toBe(`${(12_345).toLocaleString()} notes`);
    expect(t('noSuchKey' as never)).toBe('noSuchKey');
  });

  it('looks a message with substitutions up once, and never substitutes inside a value', () => {
    const spy = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) =>
      getMessage(key, typeof subs === 'string' ? [subs] : (subs ?? []))) as typeof fakeBrowser.i18n.getMessage);
    const labels = ['first', 'a $1 and \u00010\u0002 inside', '<b>bold</b>'].map((v) => t('deleteNoteLabel', v));
    expect(labels).toEqual(['first', 'a $1 and \u00010\u0002 inside', '<b>bold</b>'].map((v) => getMessage('deleteNoteLabel', [v])));
    expect(spy.mock.calls.filter(([key]) => key === 'deleteNoteLabel')).toHaveLength(1);
    expect(t('resultsShowing', 1, 50)).toBe('showing 1–50');
  });
});
