import type { FunnelRow as Row } from '../../domain/funnel';
import { projectRef } from './references';

export const FunnelRow = {
  project: (row: Row) => projectRef(row.projectId),
};
