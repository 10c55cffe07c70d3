/** An error's wording in the hub's two languages, so a client shows the hub's own words in the person's language. */
export interface Wording {
  en: string;
  sv: string;
}

/**
 * Domain errors: thrown by domain and application code, mapped to GraphQL error codes at the transport edge.
 * `field` names the input field at fault so a client can point at it; a refusal that concerns several names them
 * all, the first as `field`. The message is the English wording, so API clients and logs read as before; `texts`
 * carries both.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly fields: readonly string[];

  constructor(
    readonly texts: Wording,
    field?: string | readonly string[],
  ) {
    super(texts.en);
    this.name = new.target.name;
    this.fields = field === undefined ? [] : typeof field === 'string' ? [field] : field;
  }

  get field(): string | undefined {
    return this.fields[0];
  }
}

export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}
