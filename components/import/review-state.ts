// The review as the user edits it: every proposed item with a checkbox and an editable name.
// Unticking an item unticks what is under it; ticking an item ticks what it sits under.
import type { AcceptInput, Details, Proposal } from '@/lib/import/schemas';

export interface ReviewTask {
  name: string;
  checked: boolean;
}
export interface ReviewProject {
  name: string;
  checked: boolean;
  tasks: ReviewTask[];
}
export interface ReviewNote {
  title: string;
  body: string;
  checked: boolean;
}
export interface ReviewClient {
  name: string;
  checked: boolean;
  merge: boolean;
  details?: Details;
  sources: string[];
  notes: ReviewNote[];
  projects: ReviewProject[];
}

/** Where an item sits: [client] or [client, 'projects'|'notes', i] or [client, 'projects', i, task]. */
export type ItemPath = [number] | [number, 'notes' | 'projects', number] | [number, 'projects', number, number];

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('sv') === b.trim().toLocaleLowerCase('sv');

export function existingMatch(name: string, existing: string[]): string | undefined {
  return existing.find((e) => sameName(e, name));
}

export function toReview(proposal: Proposal, existing: string[]): ReviewClient[] {
  return proposal.clients.map((c) => ({
    name: c.name,
    checked: true,
    merge: Boolean(existingMatch(c.name, existing)),
    details: c.details,
    sources: c.sources,
    notes: c.notes.map((n) => ({ ...n, checked: true })),
    projects: c.projects.map((p) => ({ name: p.name, checked: true, tasks: p.tasks.map((t) => ({ name: t.name, checked: true })) })),
  }));
}

export function setChecked(review: ReviewClient[], path: ItemPath, checked: boolean): ReviewClient[] {
  const next = structuredClone(review);
  const client = next[path[0]];
  if (path.length === 1) {
    client.checked = checked;
    if (!checked) {
      client.notes.forEach((n) => (n.checked = false));
      client.projects.forEach((p) => ((p.checked = false), p.tasks.forEach((t) => (t.checked = false))));
    }
    return next;
  }
  if (checked) client.checked = true;
  if (path[1] === 'notes') {
    client.notes[path[2]].checked = checked;
    return next;
  }
  const project = client.projects[path[2]];
  if (path.length === 4) {
    project.tasks[path[3]].checked = checked;
    if (checked) project.checked = true;
  } else {
    project.checked = checked;
    if (!checked) project.tasks.forEach((t) => (t.checked = false));
  }
  return next;
}

export function rename(review: ReviewClient[], path: ItemPath, name: string): ReviewClient[] {
  const next = structuredClone(review);
  const client = next[path[0]];
  if (path.length === 1) client.name = name;
  else if (path[1] === 'notes') client.notes[path[2]].title = name;
  else if (path.length === 4) client.projects[path[2]].tasks[path[3]].name = name;
  else client.projects[path[2]].name = name;
  return next;
}

export function setMerge(review: ReviewClient[], index: number, merge: boolean): ReviewClient[] {
  return review.map((c, i) => (i === index ? { ...c, merge } : c));
}

/** What accept receives: only ticked items; merge only where a same-named client exists. */
export function toAcceptInput(review: ReviewClient[], existing: string[]): AcceptInput {
  return {
    clients: review
      .filter((c) => c.checked)
      .map((c) => ({
        name: c.name,
        merge: c.merge && Boolean(existingMatch(c.name, existing)),
        details: c.details,
        sources: c.sources,
        notes: c.notes.filter((n) => n.checked).map(({ title, body }) => ({ title, body })),
        projects: c.projects
          .filter((p) => p.checked)
          .map((p) => ({ name: p.name, tasks: p.tasks.filter((t) => t.checked).map(({ name }) => ({ name })) })),
      })),
  };
}

/** How many items are ticked. */
export function countChecked(review: ReviewClient[]): number {
  return review.reduce(
    (n, c) =>
      n +
      Number(c.checked) +
      c.notes.filter((x) => x.checked).length +
      c.projects.reduce((m, p) => m + Number(p.checked) + p.tasks.filter((t) => t.checked).length, 0),
    0,
  );
}
