import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

function Asking({ onConfirm }: { onConfirm(): void }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Stäng insatsen</button>
      <ConfirmDialog isOpen={isOpen} onOpenChange={setOpen} title="Stänga insatsen?" confirmLabel="Ja, stäng" cancelLabel="Avbryt" onConfirm={onConfirm}>
        <p>En stängd insats kan inte ändras.</p>
      </ConfirmDialog>
    </>
  );
}

describe('ConfirmDialog', () => {
  it('is a dialog named by its heading, with focus inside it', async () => {
    const user = userEvent.setup();
    render(<Asking onConfirm={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Stäng insatsen' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Stänga insatsen?' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(screen.getByRole('heading', { name: 'Stänga insatsen?' })).toBeTruthy();
  });

  it('does the action once when confirmed, and closes', async () => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(<Asking onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Stäng insatsen' }));
    await user.click(screen.getByRole('button', { name: 'Ja, stäng' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it.each([
    ['the cancel button', async (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByRole('button', { name: 'Avbryt' }))],
    ['Escape', async (user: ReturnType<typeof userEvent.setup>) => user.keyboard('{Escape}')],
  ])('closes without doing anything on %s', async (_how, dismiss) => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(<Asking onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Stäng insatsen' }));
    await dismiss(user);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
