import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { consumeOnce, enqueueAfterCommit } from '../../../infrastructure/outbox/outbox.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { JOBS, jobId, QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import { type Reconciler, Reconciliation } from '../../../infrastructure/reconcile/reconciliation.service.js';
import { foldVietnamese } from '../../cases/search-text.js';
import { AttachmentRepository } from '../attachment.repository.js';
import type { MediaType } from '../attachment.types.js';
import { OBJECT_STORAGE, type ObjectStorage, StorageObjectMissing } from '../storage/object-storage.js';
import { extractText } from '../text-extraction.js';

declareHandled([JOBS.attachmentText.name]);

/** Reads a stored object into memory, refusing more than `max` bytes (the row's size: an upload is bounded). */
async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    n += (chunk as Buffer).length;
    if (n > max) {
      stream.destroy();
      throw new Error(`stored object is larger than its recorded ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The attachments queue: after an upload commits, the text of a PDF (its text layer) or a DOCX is
 * extracted, folded like the cases' own search text, and stored on the row, so that the case list's
 * search finds a case by the words of its documents. Out of the request: a large PDF takes seconds.
 * The job comes through the outbox (a Redis that loses it loses nothing: the outbox reconciler sends
 * it again), and rows still PENDING without any job are enqueued again by PendingTextReconciler.
 */
@Processor(QUEUES.attachments, { concurrency: 2 })
export class AttachmentTextProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AttachmentTextProcessor.name);

  constructor(
    private readonly db: DataSource,
    private readonly repository: AttachmentRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly reconciliation: Reconciliation,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap() {
    this.reconciliation.register(new PendingTextReconciler(this.db, this.config.reconcile.staleMs));
  }

  process(job: Job): Promise<unknown> {
    return dispatch({ 'attachment-text': ({ attachmentId, outboxId }) => this.extract(attachmentId, outboxId) }, job);
  }

  private async extract(id: string, outboxId: string | undefined) {
    const [row]: Array<{ mediaType: MediaType; storageKey: string; sizeBytes: number; textState: string }> = await this.db.query(
      `SELECT media_type AS "mediaType", storage_key AS "storageKey", size_bytes AS "sizeBytes", text_state AS "textState" FROM attachment WHERE id = $1`,
      [id],
    );
    if (!row || row.textState !== 'PENDING') return consumeOnce(this.db, outboxId, async () => ({ skipped: row ? row.textState : 'no such attachment' }));
    let state: 'DONE' | 'NONE' | 'FAILED';
    let text: string | null = null;
    try {
      // A storage that does not answer throws out of here: the job is tried again.
      const data = await readAll(await this.storage.get(row.storageKey), row.sizeBytes);
      text = await extractText(row.mediaType, data);
      state = text ? 'DONE' : 'NONE';
    } catch (e) {
      if (!(e instanceof StorageObjectMissing) && !isDocumentError(e)) throw e;
      this.logger.warn({ err: e, attachmentId: id }, 'no text could be extracted');
      state = 'FAILED';
    }
    return consumeOnce(this.db, outboxId, async (m) => ({
      state,
      changed: await this.repository.setText(m, id, state, text, text ? foldVietnamese(text) : null),
    }));
  }
}

/** A document that cannot be read (a broken PDF, a DOCX without its body): nothing to retry. */
function isDocumentError(e: unknown): boolean {
  const name = (e as { name?: string }).name ?? '';
  return /PDF|Password|Format|InvalidPDF|Missing/i.test(name) || /Could not find|end of central directory|corrupted|zip/i.test((e as Error).message ?? '');
}

/**
 * Rows still waiting for their text with no job on its way (a row written without its outbox row,
 * e.g. by a restore): the job is enqueued again through the outbox, under a new id.
 */
export class PendingTextReconciler implements Reconciler {
  readonly name = 'attachment-text';

  constructor(
    private readonly db: DataSource,
    private readonly staleMs: number,
  ) {}

  async reconcile(): Promise<number> {
    const name = JOBS.attachmentText.name;
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT t.id FROM attachment t
        WHERE t.text_state = 'PENDING' AND t.created_at < now() - make_interval(secs => $1::float8 / 1000)
          AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.job_name = $2 AND o.done_at IS NULL AND o.payload->>'attachmentId' = t.id::text)
        ORDER BY t.created_at LIMIT 100`,
      [this.staleMs, name],
    );
    const stamp = Date.now();
    for (const r of rows) await this.db.transaction((m) => enqueueAfterCommit(m, name, { attachmentId: r.id }, jobId(name, r.id, `s${stamp}`)));
    return rows.length;
  }
}
