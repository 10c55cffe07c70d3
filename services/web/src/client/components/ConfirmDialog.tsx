import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * Asks before something that cannot be undone. A modal dialog with its heading: focus stays inside it, Escape and
 * the cancel button close it without doing anything.
 */
export function ConfirmDialog(props: {
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  children: ReactNode;
}) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={props.isOpen} onOpenChange={props.onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title">{props.title}</Heading>
              {props.children}
              <div className="dialog-actions">
                <Button onPress={close}>{props.cancelLabel}</Button>
                <Button
                  className="primary"
                  onPress={() => {
                    close();
                    props.onConfirm();
                  }}
                >
                  {props.confirmLabel}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
