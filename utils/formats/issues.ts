/**
 * valibot issues as notices. A schema's own messages are notices serialised with `says` (valibot
 * keeps a message as a string); valibot's built-in ones become "missing" or "Invalid type /
 * value: Expected … but received …", with its technical expected and received as substitutions.
 */
import * as v from 'valibot';
import type { MessageKey } from '../i18n';
import { notice, type Notice, type NoticeSub } from './notice';
import { quote } from './urls';

/** Messages written by `says`: only these are read back as notices. */
const OURS = new Set<string>();

/** A schema message: the notice, as the string valibot carries. */
export function says(key: MessageKey, ...subs: NoticeSub[]): string {
  const text = JSON.stringify(notice(key, ...subs));
  OURS.add(text);
  return text;
}

/** One issue: "<path>: <problem>" when it is about a field. */
export function issueNotice(issue: v.BaseIssue<unknown>): Notice {
  const problem: Notice = OURS.has(issue.message)
    ? (JSON.parse(issue.message) as Notice)
    : issue.input === undefined
      ? notice('importMissing')
      : notice(issue.kind === 'schema' ? 'importInvalidType' : 'importInvalidValue', quote(issue.expected ?? '?', 80), quote(issue.received, 80));
  const path = v.getDotPath(issue);
  return path ? notice('importFieldProblem', quote(path, 40), problem) : problem;
}

/** The first issue, or the first two ("…; …"). */
export function issuesNotice(issues: readonly v.BaseIssue<unknown>[]): Notice {
  const [first, second] = issues.slice(0, 2).map(issueNotice);
  return second ? notice('importTwoProblems', first, second) : first;
}
