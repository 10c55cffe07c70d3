import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Limits on what one operation may ask of the graph, as GraphQL validation rules (plus a size check that runs
 * before parsing). Each error carries its own extensions.code so clients can tell which limit they hit.
 */
export const LIMIT_ERROR_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'QUERY_TOO_COSTLY', 'QUERY_TOO_LARGE'] as const;
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[number];

export const DEFAULT_LIMITS = { maxDepth: 10, maxAliases: 30, maxCost: 5000, maxQueryBytes: 20 * 1024 };

/** The assumed size of a list whose field has no `first`/`limit` argument (or gets it from a variable). */
export const DEFAULT_LIST_SIZE = 20;
const PAGE_ARGUMENTS = new Set(['first', 'limit']);

export function isLimitErrorCode(code: unknown): code is LimitErrorCode {
  return typeof code === 'string' && (LIMIT_ERROR_CODES as readonly string[]).includes(code);
}

function limitError(message: string, code: LimitErrorCode, nodes?: FieldNode[] | readonly FieldNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code } });
}

/** Checked on the raw text, so an oversized query is refused before any work is spent parsing it. */
export function checkQuerySize(query: unknown, maxBytes: number): GraphQLError | undefined {
  if (typeof query !== 'string') return undefined;
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return limitError(`Query is ${bytes} bytes; the maximum is ${maxBytes}`, 'QUERY_TOO_LARGE');
}

/**
 * Walks each operation's selections through its fragments. Results per fragment are memoised, so a document
 * that spreads the same fragment many times costs linear time; a fragment cycle (reported by the standard
 * NoFragmentCycles rule) counts as empty here.
 */
function memoised<K, V>(compute: (key: K) => V, onCycle: V): (key: K, id: string) => V {
  const done = new Map<string, V>();
  const inProgress = new Set<string>();
  return (key, id) => {
    const known = done.get(id);
    if (known !== undefined) return known;
    if (inProgress.has(id)) return onCycle;
    inProgress.add(id);
    const value = compute(key);
    inProgress.delete(id);
    done.set(id, value);
    return value;
  };
}

/** Depth counts nested fields (fragments add none); introspection fields are ignored, they are not data. */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragmentDepth = memoised<string, number>((name) => {
      const fragment = context.getFragment(name);
      return fragment ? depthOf(fragment.selectionSet) : 0;
    }, 0);

    function depthOf(selectionSet: SelectionSetNode): number {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet);
        } else {
          depth = fragmentDepth(selection.name.value, selection.name.value);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    }

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(limitError(`Query depth ${depth} exceeds the maximum of ${maxDepth}`, 'QUERY_TOO_DEEP'));
        }
        return false;
      },
    };
  };
}

/** Aliases let one request repeat the same expensive field many times, so their number is capped. */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext) => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) {
            context.reportError(
              limitError(`Query uses ${aliases} aliases; the maximum is ${maxAliases}`, 'TOO_MANY_ALIASES'),
            );
          }
        },
      },
    };
  };
}

/**
 * An estimate of how many values an operation may resolve, so a client cannot ask for a huge tree in one go:
 * - every field costs 1;
 * - the selections under a list field are multiplied by its `first`/`limit` argument (or that argument's default
 *   in the schema), or by DEFAULT_LIST_SIZE when it has neither (a variable counts as absent: its value is
 *   unknown at validation, and the subgraphs cap page sizes themselves);
 * - a non-list field with `first`/`limit` (a connection) passes that size to the lists directly under it
 *   (`edges`, `nodes`), so a page is counted once;
 * - nesting multiplies: `a(first: 10) { b(first: 10) { c } }` costs 1 + 10 × (1 + 10 × 1) = 111.
 * Introspection fields cost nothing; introspection is switched off in production.
 */
export function maxCostRule(maxCost: number, defaultListSize = DEFAULT_LIST_SIZE): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const fragmentCost = memoised<{ name: string; page: number | undefined }, number>(({ name, page }) => {
      const fragment = context.getFragment(name);
      if (!fragment) return 0;
      return costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), page);
    }, 0);

    function costOf(selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, page: number | undefined): number {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          total += fieldCost(selection, parent, page);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          total += costOf(selection.selectionSet, type, page);
        } else {
          const name = selection.name.value;
          total += fragmentCost({ name, page }, `${name}:${page ?? ''}`);
        }
      }
      return total;
    }

    function fieldCost(field: FieldNode, parent: GraphQLNamedType | undefined, inheritedPage: number | undefined): number {
      if (field.name.value.startsWith('__')) return 0;
      const definition: GraphQLField<unknown, unknown> | undefined =
        isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
      const isList = definition !== undefined && isListType(getNullableType(definition.type));
      const pageArgument = pageSize(field, definition);
      const multiplier = isList ? (pageArgument ?? inheritedPage ?? defaultListSize) : 1;
      const childPage = !isList ? pageArgument : undefined;
      if (!field.selectionSet) return 1;
      const childType = definition ? getNamedType(definition.type) : undefined;
      return 1 + multiplier * costOf(field.selectionSet, childType, childPage);
    }

    return {
      OperationDefinition(operation) {
        const cost = costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined);
        if (cost > maxCost) {
          context.reportError(
            limitError(`Query cost ${cost} exceeds the maximum of ${maxCost}`, 'QUERY_TOO_COSTLY'),
          );
        }
        return false;
      },
    };
  };
}

/**
 * The literal `first`/`limit` of a field, else the schema's default for it; at least 1 so a negative value cannot
 * lower the estimate.
 */
function pageSize(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined {
  for (const argument of field.arguments ?? []) {
    if (PAGE_ARGUMENTS.has(argument.name.value)) {
      return argument.value.kind === Kind.INT ? Math.max(1, Number.parseInt(argument.value.value, 10)) : undefined;
    }
  }
  const fallback = definition?.args.find((argument) => PAGE_ARGUMENTS.has(argument.name))?.defaultValue;
  return typeof fallback === 'number' ? Math.max(1, fallback) : undefined;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases), maxCostRule(limits.maxCost)];
}
