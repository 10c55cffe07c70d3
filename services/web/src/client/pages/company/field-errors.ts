import type { TFunction } from 'i18next';
import type { GraphProblem } from '../../graph';

/*
 * The graph's field errors as the company page's forms show them: by the form's own field and in the person's
 * language, since the graph explains in English. A field a form does not have is left out; the form then shows the
 * request's problem as a whole.
 */

/** recordNeeds: `input.needs.2.priority` → `needs.2.priority`; a tag's error → its list (`offers`, `seeks`). */
export function needsFieldErrors(problem: GraphProblem, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of Object.keys(problem.fields)) {
    const need = /^input\.needs\.(\d+)\.(need|priority|note)$/.exec(field);
    if (need) {
      errors[`needs.${need[1]}.${need[2]}`] = t(`company.needs.errors.${need[2] as 'need' | 'priority' | 'note'}`);
      continue;
    }
    const list = /^input\.(offers|seeks|ownerGroups)(?:\.(\d+))?$/.exec(field);
    if (!list) continue;
    const [, name = '', index] = list;
    if (name === 'ownerGroups') errors.ownerGroups = t('company.needs.errors.ownerGroups');
    else errors[name] = index === undefined ? t('company.needs.errors.tooManyTags') : t('company.needs.errors.tag', { number: Number(index) + 1 });
  }
  return errors;
}

/** referCompany: the provider (a conflict there is an open referral to it already) and the note. */
export function referralFieldErrors(problem: GraphProblem, t: TFunction): Partial<Record<'provider' | 'note', string>> {
  const errors: Partial<Record<'provider' | 'note', string>> = {};
  if ('input.toOrganisationId' in problem.fields) {
    errors.provider = problem.code === 'CONFLICT' ? t('company.refer.errors.alreadyOpen') : t('company.refer.errors.provider');
  }
  if ('input.note' in problem.fields) errors.note = t('company.refer.errors.note');
  return errors;
}

/** setFunnelStage: a step back not marked as a correction, a correction with nothing to correct, the project. */
export function funnelFieldErrors(problem: GraphProblem, t: TFunction): Partial<Record<'stage' | 'correction' | 'project', string>> {
  const errors: Partial<Record<'stage' | 'correction' | 'project', string>> = {};
  if ('stage' in problem.fields) errors.stage = t('company.funnel.errors.stage');
  if ('correction' in problem.fields) errors.correction = t('company.funnel.errors.correction');
  if ('projectId' in problem.fields) errors.project = t('company.funnel.errors.project');
  return errors;
}
