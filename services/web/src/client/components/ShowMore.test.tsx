import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { appendingPage, ShowMore } from './ShowMore';

describe('ShowMore', () => {
  it('asks for the page after the last one shown', async () => {
    const onMore = vi.fn();
    render(<ShowMore connection={{ nodes: [1], pageInfo: { hasNextPage: true, endCursor: 'cursor-1' } }} label="Visa fler" onMore={onMore} />);
    await userEvent.click(screen.getByRole('button', { name: 'Visa fler' }));
    expect(onMore).toHaveBeenCalledWith('cursor-1');
  });

  it('shows nothing once the last page is shown, or before the first', () => {
    const { rerender } = render(<ShowMore connection={{ nodes: [1], pageInfo: { hasNextPage: false, endCursor: 'cursor-1' } }} label="Visa fler" onMore={vi.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<ShowMore connection={undefined} label="Visa fler" onMore={vi.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('appendingPage', () => {
  it('puts the next page after the nodes shown, with the next page info', () => {
    const previous = { offerings: { nodes: ['a', 'b'], pageInfo: { hasNextPage: true, endCursor: 'b' } } };
    const next = { offerings: { nodes: ['c'], pageInfo: { hasNextPage: false, endCursor: 'c' } } };
    expect(appendingPage('offerings')(previous, { fetchMoreResult: next })).toEqual({ offerings: { nodes: ['a', 'b', 'c'], pageInfo: { hasNextPage: false, endCursor: 'c' } } });
  });
});
