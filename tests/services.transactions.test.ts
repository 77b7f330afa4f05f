// The one place where use cases meet the engine's transactions, on every engine: a constraint violation that
// slips past the checks becomes a catalogue error, and the transaction it happened in leaves nothing behind.

import { expect, it } from 'vitest';
import { TrucelineError } from '../src/core/errors.js';
import { inTransaction } from '../src/services/context.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';

describeEachEngine('inTransaction', (engine) => {
  const h = useApp(engine, { demo: true });

  async function failure(work: Parameters<typeof inTransaction>[1]): Promise<unknown> {
    try {
      await inTransaction(h.services, work);
    } catch (error) {
      return error;
    }
    throw new Error('the transaction did not fail');
  }

  const partyCount = async () =>
    (await h.services.db.kysely.selectFrom('parties').select('code').execute()).length;

  it('turns a unique violation into 409 CONFLICT and rolls the transaction back', async () => {
    const before = await partyCount();
    const error = await failure(async (trx) => {
      await trx.insertInto('parties').values({ code: 'QA', name: 'Qatar', kind: 'mediator' }).execute();
      await trx.insertInto('parties').values({ code: 'RU', name: 'Again', kind: 'state' }).execute();
    });
    expect(error).toBeInstanceOf(TrucelineError);
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, details: { constraint: 'unique' } });
    expect(await partyCount()).toBe(before);
  });

  it('turns a foreign-key violation into 422 REFERENCE_UNKNOWN', async () => {
    const error = await failure(async (trx) => {
      await trx
        .insertInto('sources')
        .values({
          id: 'source-with-no-party',
          key: 'orphan',
          issuer: 'Nobody',
          issuer_party: 'XX',
          channel: null,
          published_at: null,
          url: null,
          title: 'Orphan',
          language: null,
          original_text: null,
          translations_json: '[]',
          verified: 1,
        })
        .execute();
    });
    expect(error).toMatchObject({ code: 'REFERENCE_UNKNOWN', status: 422 });
  });

  it('turns a check violation into 400 VALIDATION_FAILED', async () => {
    const error = await failure(async (trx) => {
      await trx.updateTable('audit_head').set({ id: 2 }).where('id', '=', 1).execute();
    });
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, details: { constraint: 'check' } });
  });

  it('lets any other error through as it was', async () => {
    const thrown = new Error('something else');
    expect(
      await failure(() => {
        throw thrown;
      }),
    ).toBe(thrown);
  });
});
