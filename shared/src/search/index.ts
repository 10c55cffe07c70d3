/**
 * Search, filters, ranges, sorting and cursor pages answered from memory (FerretDB scans whole collections for
 * sorts, regexes, `$in` and ranges): an index each owning service loads at start and keeps current.
 */
export { foldText, swedishSortKey, words } from './text';
export { MemoryIndex, pageAmong, pageOf, type IdPage, type Indexed, type PageQuery } from './memory-index';
export { Interner } from './interner';
export { IndexFollower, type IndexFollowerOptions, type Refresh } from './follower';
