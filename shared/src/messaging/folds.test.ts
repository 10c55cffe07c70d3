import { mergeFolds, type Fold } from './folds';

const at = (eventId: string, model: string, id: string, set: Record<string, unknown>): { eventId: string; fold: Fold } => ({ eventId, fold: { model, id, set } });

/** What applying each `$set` in turn to an empty document leaves (mongoose leaves undefined values out). */
function applyInTurn(folds: ReadonlyArray<{ eventId: string; fold: Fold }>): Map<string, Record<string, unknown>> {
  const documents = new Map<string, Record<string, unknown>>();
  for (const { eventId, fold } of folds) {
    const key = `${fold.model}/${fold.id}`;
    const defined = Object.fromEntries(Object.entries(fold.set).filter(([, value]) => value !== undefined));
    documents.set(key, { ...documents.get(key), ...defined, lastEventId: eventId });
  }
  return documents;
}

describe('mergeFolds', () => {
  it('merges each document’s folds in event order, later facts over earlier ones, and keeps documents apart', () => {
    const folds = [
      at('e1', 'offerings', 'o1', { status: 'published', capacity: 10, needs: ['export'] }),
      at('e2', 'organisations', 'o1', { status: 'active' }),
      at('e3', 'offerings', 'o1', { enrolled: 3 }),
      at('e4', 'offerings', 'o2', { status: 'published' }),
      at('e5', 'offerings', 'o1', { capacity: 20, needs: ['financing'], status: 'closed' }),
    ];
    expect(mergeFolds(folds)).toEqual([
      { model: 'offerings', id: 'o1', set: { status: 'closed', capacity: 20, needs: ['financing'], enrolled: 3 }, lastEventId: 'e5' },
      { model: 'organisations', id: 'o1', set: { status: 'active' }, lastEventId: 'e2' },
      { model: 'offerings', id: 'o2', set: { status: 'published' }, lastEventId: 'e4' },
    ]);
  });

  it('ends where applying the folds one by one ends, for a long shuffled sequence', () => {
    const fields = ['status', 'capacity', 'enrolled', 'eligibility'];
    let seed = 12_345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const folds = Array.from({ length: 500 }, (_, i) => {
      const set = Object.fromEntries(fields.filter(() => random() < 0.5).map((field) => [field, random() < 0.1 ? undefined : field === 'eligibility' ? { maxEmployees: i } : i]));
      return at(`e${i}`, random() < 0.5 ? 'offerings' : 'organisations', `d${Math.floor(random() * 20)}`, set);
    });
    const merged = new Map(mergeFolds(folds).map(({ model, id, set, lastEventId }) => [`${model}/${id}`, { ...set, lastEventId }]));
    expect(merged).toEqual(applyInTurn(folds));
  });

  it('leaves an undefined value out, so an earlier value of the field stays as the $set would leave it', () => {
    expect(mergeFolds([at('e1', 'offerings', 'o1', { projectId: 'p1' }), at('e2', 'offerings', 'o1', { projectId: undefined, capacity: 5 })])).toEqual([
      { model: 'offerings', id: 'o1', set: { projectId: 'p1', capacity: 5 }, lastEventId: 'e2' },
    ]);
  });

  it('refuses a dotted path or an operator, which would not merge exactly with a whole field', () => {
    expect(() => mergeFolds([at('e1', 'offerings', 'o1', { 'eligibility.maxEmployees': 9 })])).toThrow('a fold sets whole top-level fields only, not eligibility.maxEmployees');
    expect(() => mergeFolds([at('e1', 'offerings', 'o1', { $inc: { enrolled: 1 } })])).toThrow('not $inc');
  });

  it('does not change the folds it was given', () => {
    const first = at('e1', 'offerings', 'o1', { capacity: 1 });
    mergeFolds([first, at('e2', 'offerings', 'o1', { capacity: 2 })]);
    expect(first.fold.set).toEqual({ capacity: 1 });
  });
});
