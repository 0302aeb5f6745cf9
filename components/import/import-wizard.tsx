'use client';
// Upload → propose → review → accept, all in the browser's state: nothing is stored until accept,
// which sends the reviewed tree back (validated again on the server). Uploaded files are kept only
// when the user ticks that, after the nodes exist.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { AcceptResult } from '@/lib/import/accept';
import type { ExtractedDocument } from '@/lib/import/extract/blocks';
import { EXTENSIONS, extensionOf, MAX_FILE_BYTES } from '@/lib/import/limits';
import type { Proposal } from '@/lib/import/schemas';
import { AcceptResultPanel, type AttachStatus } from './accept-result';
import { ProposerChoice, type Proposer } from './proposer-choice';
import { postFile, postJson } from './requests';
import { countChecked, rename, setChecked, setMerge, toAcceptInput, toReview, type ReviewClient } from './review-state';
import { ReviewTree } from './review-tree';
import { UploadList, type UploadItem } from './upload-list';

let nextId = 0;

export function ImportWizard({ existingClients, aiEnabled, maxSize }: { existingClients: string[]; aiEnabled: boolean; maxSize: string }) {
  const { t } = useI18n();
  const networkError = t('import.errors.network');
  const [items, setItems] = useState<UploadItem[]>([]);
  const [proposer, setProposer] = useState<Proposer>('builtin');
  const [consent, setConsent] = useState(false);
  const [proposing, setProposing] = useState(false);
  const [proposeError, setProposeError] = useState<string>();
  const [review, setReview] = useState<ReviewClient[] | null>(null);
  const [attach, setAttach] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string>();
  const [result, setResult] = useState<AcceptResult | null>(null);
  const [attachments, setAttachments] = useState<AttachStatus[]>([]);

  const update = (id: string, patch: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.id === id ? { ...i, ...patch } : i)));
  const ready = items.filter((i) => i.status === 'done' && i.document);
  const busy = items.some((i) => i.status === 'uploading' || i.status === 'reading');

  function precheck(file: File): string | undefined {
    if (!EXTENSIONS[extensionOf(file.name)]) return t('import.errors.unsupportedType');
    if (file.size === 0) return t('import.errors.empty');
    if (file.size > MAX_FILE_BYTES) return t('import.errors.tooLarge', { size: maxSize });
  }

  async function upload(item: UploadItem) {
    const answer = await postFile<{ document: ExtractedDocument }>(
      '/api/import/extract',
      item.file,
      (fraction) => update(item.id, { progress: fraction, status: fraction >= 1 ? 'reading' : 'uploading' }),
      networkError,
    );
    if (answer.ok) update(item.id, { status: 'done', progress: 1, document: answer.data.document });
    else update(item.id, { status: 'error', error: answer.error });
  }

  function addFiles(files: File[]) {
    const added = files.map((file): UploadItem => {
      const error = precheck(file);
      return { id: `f${nextId++}`, file, progress: 0, status: error ? 'error' : 'uploading', error };
    });
    setItems((all) => [...all, ...added]);
    for (const item of added) if (item.status === 'uploading') void upload(item);
  }

  async function propose() {
    setProposeError(undefined);
    if (!ready.length) return setProposeError(t('import.propose.needFiles'));
    if (proposer === 'ai' && !consent) return setProposeError(t('import.errors.aiConsent'));
    setProposing(true);
    const documents = ready.map((i) => i.document!);
    const answer = await postJson<{ proposal: Proposal }>(
      '/api/import/propose',
      proposer === 'ai' ? { proposer, consent, documents } : { proposer, documents },
      networkError,
    );
    setProposing(false);
    if (!answer.ok) return setProposeError(answer.error);
    setReview(toReview(answer.data.proposal, existingClients));
  }

  async function accept() {
    if (!review) return;
    setAcceptError(undefined);
    setAccepting(true);
    const answer = await postJson<AcceptResult>('/api/import/accept', toAcceptInput(review, existingClients), networkError);
    setAccepting(false);
    if (!answer.ok) return setAcceptError(answer.error);
    setResult(answer.data);
    if (attach) await keepDocuments(answer.data);
  }

  /** After the nodes exist: each read file to the client it was found in (else the first one). */
  async function keepDocuments(created: AcceptResult) {
    const files = ready.map((i) => i.file);
    setAttachments(files.map((f) => ({ name: f.name, state: 'pending' })));
    for (const file of files) {
      const node = created.attachTo[file.name] ?? created.clients[0]?.id;
      const answer = await postFile(`/api/import/attach?node=${encodeURIComponent(node)}`, file, () => {}, networkError);
      setAttachments((all) =>
        all.map((a) =>
          a.name === file.name ? { ...a, state: answer.ok ? 'done' : 'error', error: answer.ok ? undefined : answer.error } : a,
        ),
      );
    }
  }

  function startOver() {
    setItems([]);
    setReview(null);
    setResult(null);
    setAttachments([]);
    setAttach(false);
    setConsent(false);
    setProposeError(undefined);
    setAcceptError(undefined);
  }

  if (result) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>{t('import.done.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          <AcceptResultPanel result={result} attachments={attachments} onAgain={startOver} />
        </CardContent>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <span className="text-muted">1.</span> {t('import.steps.upload')}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <UploadList
            items={items}
            maxSize={maxSize}
            onFiles={addFiles}
            onRemove={(id) => setItems((all) => all.filter((i) => i.id !== id))}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <span className="text-muted">2.</span> {t('import.steps.propose')}
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <ProposerChoice proposer={proposer} consent={consent} aiEnabled={aiEnabled} onProposer={setProposer} onConsent={setConsent} />
          {proposeError && <Alert tone="error">{proposeError}</Alert>}
          <Button onClick={propose} disabled={proposing || busy || !ready.length}>
            {proposing ? t('import.propose.pending') : t('import.propose.submit')}
          </Button>
        </CardContent>
      </Card>

      {review && (
        <Card>
          <CardHeader>
            <CardTitle>
              <span className="text-muted">3.</span> {t('import.review.title')}
            </CardTitle>
            <p className="text-sm text-muted">{t('import.review.hint')}</p>
          </CardHeader>
          <CardContent className="space-y-5">
            {review.length === 0 ? (
              <Alert tone="info">{t('import.review.empty')}</Alert>
            ) : (
              <>
                <ReviewTree
                  review={review}
                  existing={existingClients}
                  onCheck={(path, checked) => setReview((r) => r && setChecked(r, path, checked))}
                  onRename={(path, name) => setReview((r) => r && rename(r, path, name))}
                  onMerge={(index, merge) => setReview((r) => r && setMerge(r, index, merge))}
                />
                <label className="flex gap-3 text-sm">
                  <input
                    type="checkbox"
                    checked={attach}
                    onChange={(e) => setAttach(e.target.checked)}
                    className="mt-0.5 h-4 w-4 accent-[var(--accent)]"
                  />
                  <span>
                    <span className="block font-medium">{t('import.review.attach')}</span>
                    <span className="block text-muted">{t('import.review.attachHint')}</span>
                  </span>
                </label>
                {acceptError && <Alert tone="error">{acceptError}</Alert>}
                <div className="flex flex-wrap items-center gap-3">
                  <Button onClick={accept} disabled={accepting || countChecked(review) === 0}>
                    {accepting ? t('import.review.pending') : t('import.review.accept')}
                  </Button>
                  <span className="text-sm text-muted">{t('import.review.selected', { count: countChecked(review) })}</span>
                  <Button variant="ghost" onClick={startOver} className="ml-auto">
                    {t('import.review.startOver')}
                  </Button>
                </div>
              </>
            )}
          </CardContent>
        </Card>
      )}
    </div>
  );
}
