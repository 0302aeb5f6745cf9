// The review's rules: unticking an item drops what is under it, ticking a child brings its parent
// back, renamed names are what accept receives, and merge is sent only for a same-named client.
import { describe, expect, it } from 'vitest';
import { countChecked, rename, setChecked, setMerge, toAcceptInput, toReview } from '@/components/import/review-state';
import type { Proposal } from '@/lib/import/schemas';

const proposal: Proposal = {
  clients: [
    {
      name: 'Acme AB',
      projects: [{ name: 'Webb', tasks: [{ name: 'Design' }, { name: 'Test' }] }],
      notes: [{ title: 'avtal.pdf', body: 'Ramavtal' }],
      sources: ['avtal.pdf'],
    },
    { name: 'Beta HB', projects: [], notes: [], sources: [] },
  ],
};

describe('import review', () => {
  it('proposes merging when a client of the same name exists, in any case', () => {
    const review = toReview(proposal, ['ACME ab']);
    expect(review.map((c) => c.merge)).toEqual([true, false]);
    expect(toAcceptInput(review, ['ACME ab']).clients.map((c) => c.merge)).toEqual([true, false]);
    // Renamed away from the existing name: no longer a merge.
    expect(toAcceptInput(rename(review, [0], 'Acme Group'), ['ACME ab']).clients[0].merge).toBe(false);
    expect(toAcceptInput(setMerge(review, 0, false), ['ACME ab']).clients[0].merge).toBe(false);
  });

  it('unticking a client or project drops everything under it; ticking a task brings its parents back', () => {
    let review = toReview(proposal, []);
    expect(countChecked(review)).toBe(6);
    review = setChecked(review, [0], false);
    expect(countChecked(review)).toBe(1);
    expect(toAcceptInput(review, []).clients.map((c) => c.name)).toEqual(['Beta HB']);
    review = setChecked(review, [0, 'projects', 0, 1], true);
    expect(toAcceptInput(review, []).clients[0]).toMatchObject({
      name: 'Acme AB',
      notes: [],
      projects: [{ name: 'Webb', tasks: [{ name: 'Test' }] }],
    });
    review = setChecked(review, [0, 'projects', 0], false);
    expect(toAcceptInput(review, []).clients[0].projects).toEqual([]);
  });

  it('sends the names as edited', () => {
    let review = toReview(proposal, []);
    review = rename(review, [0, 'projects', 0], 'Ny webb');
    review = rename(review, [0, 'projects', 0, 0], 'Skisser');
    review = rename(review, [0, 'notes', 0], 'Avtal 2024');
    const [acme] = toAcceptInput(review, []).clients;
    expect(acme.projects[0]).toEqual({ name: 'Ny webb', tasks: [{ name: 'Skisser' }, { name: 'Test' }] });
    expect(acme.notes).toEqual([{ title: 'Avtal 2024', body: 'Ramavtal' }]);
    // The proposal itself is untouched (each edit returns a new review).
    expect(proposal.clients[0].projects[0].name).toBe('Webb');
  });
});
