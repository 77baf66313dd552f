import type { Edition } from '../edition';
import { escapeHtml } from '../html';

/** How to get the repository a lesson runs in: its address when the site knows it. */
export function repositoryStep(edition: Edition, repository: string | undefined): string {
  if (edition === 'instructor') return "Work in the course's instructor repository (the attnlab checkout this site was built from).";
  if (!repository) return "Get the course's student repository: your instructor gives you its address. Clone it, or download it as a zip and unpack it.";
  const url = escapeHtml(repository);
  return `Get the course's student repository, <a href="${url}">${url}</a>: <code>git clone ${url}</code>, or download it as a zip and unpack it.`;
}
