/*
 * Which field of the company page's forms a graph error's path concerns. The graph words its refusals in both
 * languages; a path no field of the form has leaves the problem to the form as a whole.
 */

/** recordNeeds: `input.needs.2.priority` → `needs.2.priority`; a tag or a list too long → its list (`offers`, `seeks`). */
export function needsField(path: string): string | undefined {
  const need = /^input\.needs\.(\d+)\.(need|priority|note)$/.exec(path);
  if (need) return `needs.${need[1]}.${need[2]}`;
  return /^input\.(offers|seeks|ownerGroups)(?:\.\d+)?$/.exec(path)?.[1];
}

/** referCompany: the provider (also where an open referral to it already is) and the note. */
export function referralField(path: string): 'provider' | 'note' | undefined {
  if (path === 'input.toOrganisationId') return 'provider';
  return path === 'input.note' ? 'note' : undefined;
}

/** setFunnelStage: a step back not marked as a correction, a correction with nothing to correct, the project. */
export function funnelField(path: string): 'stage' | 'correction' | 'project' | undefined {
  if (path === 'stage' || path === 'correction') return path;
  return path === 'projectId' ? 'project' : undefined;
}
