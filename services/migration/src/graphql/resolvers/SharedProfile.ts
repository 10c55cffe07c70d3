import type { CandidateDocument, SharedField } from '../../infrastructure/models';
import { occupation } from './references';

/** A candidate as an employer sees them: every field the candidate does not share is null. */
export function sharedProfile(candidate: CandidateDocument, sharedFields: SharedField[]) {
  const shares = (field: SharedField) => sharedFields.includes(field);
  return {
    candidateId: candidate._id.toHexString(),
    sharedFields,
    name: shares('name') ? candidate.name : null,
    email: shares('email') ? candidate.email : null,
    phone: shares('phone') ? candidate.phone : null,
    currentLocation: shares('current-location') ? candidate.currentLocation : null,
    occupations: shares('occupations') ? candidate.occupations : null,
    skills: shares('skills') ? candidate.skills : null,
    languages: shares('languages') ? candidate.languages : null,
    household: shares('household') ? candidate.household : null,
    wishes: shares('wishes') ? candidate.wishes : null,
  };
}

export const SharedProfile = {
  occupations: (p: { occupations: string[] | null }) => p.occupations?.map(occupation) ?? null,
};
