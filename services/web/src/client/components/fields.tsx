import type { ReactNode } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
  type Key,
} from 'react-aria-components';

/**
 * A labelled text input with its hint and the graph's error for it, announced and tied to the input. The error is
 * shown through ARIA, not the browser's validity: a native one would block the form from being sent again.
 */
export function TextInput(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string;
  type?: 'text' | 'search' | 'date' | 'datetime-local' | 'number' | 'email' | 'url';
  name?: string;
  /** Several lines, for notes. */
  multiline?: boolean;
}) {
  return (
    <TextField
      className="field"
      value={props.value}
      onChange={props.onChange}
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
      name={props.name}
      type={props.type ?? 'text'}
    >
      <Label>{props.label}</Label>
      {props.multiline ? <TextArea rows={4} /> : <Input />}
      {props.hint && <Text slot="description">{props.hint}</Text>}
      <FieldError>{props.error}</FieldError>
    </TextField>
  );
}

export interface Choice {
  id: string;
  label: string;
}

/** A labelled single choice from a list, the first entry meaning "any" (the empty id). */
export function ChoiceInput(props: { label: string; choices: readonly Choice[]; value: string; onChange(value: string): void; error?: string }) {
  return (
    <Select
      className="field"
      selectedKey={props.value}
      onSelectionChange={(key: Key | null) => props.onChange(key === null ? '' : String(key))}
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldError>{props.error}</FieldError>
      <Popover className="select-popover">
        <ListBox items={props.choices}>{(choice) => <ListBoxItem id={choice.id} className="select-option">{choice.label}</ListBoxItem>}</ListBox>
      </Popover>
    </Select>
  );
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="tag">{children}</span>;
}

/** A labelled text of several lines (a description), with its hint and error like TextInput. */
export function TextAreaInput(props: { label: string; value: string; onChange(value: string): void; hint?: string; error?: string }) {
  return (
    <TextField className="field" value={props.value} onChange={props.onChange} isInvalid={props.error !== undefined}>
      <Label>{props.label}</Label>
      <TextArea rows={5} />
      {props.hint && <Text slot="description">{props.hint}</Text>}
      <FieldError>{props.error}</FieldError>
    </TextField>
  );
}

/** Any number of choices from a list, as a labelled group of checkboxes, with the graph's error for the group. */
export function ChoicesInput(props: { label: string; choices: readonly Choice[]; value: readonly string[]; onChange(value: string[]): void; hint?: string; error?: string }) {
  return (
    <CheckboxGroup className="field choices" value={[...props.value]} onChange={props.onChange} isInvalid={props.error !== undefined}>
      <Label>{props.label}</Label>
      {props.hint && <Text slot="description">{props.hint}</Text>}
      <div className="choice-list">
        {props.choices.map((choice) => (
          <Checkbox key={choice.id} value={choice.id} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {choice.label}
          </Checkbox>
        ))}
      </div>
      <FieldError>{props.error}</FieldError>
    </CheckboxGroup>
  );
}
