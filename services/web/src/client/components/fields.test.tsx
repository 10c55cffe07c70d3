import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { type Choice, ChoiceInput, ChoicesInput, TextInput } from './fields';

/** The text of the elements an attribute (aria-describedby, aria-labelledby) refers to, in order. */
function referencedTexts(element: Element, attribute: string): string[] {
  const ids = (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? `<missing #${id}>`);
}

function ControlledText(props: { onChange(value: string): void; initial?: string }) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <TextInput
      label="Organisationsnamn"
      value={value}
      onChange={(next) => {
        setValue(next);
        props.onChange(next);
      }}
    />
  );
}

describe('TextInput', () => {
  it('lets a form showing the graph’s error beside an input be sent again', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    render(
      <form onSubmit={onSubmit}>
        <TextInput label="Anteckning" value="   " onChange={() => undefined} error="Skriv en anteckning." />
        <button type="submit">Spara</button>
      </form>,
    );
    expect(screen.getByLabelText('Anteckning').getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('offers several lines for a note', () => {
    render(<TextInput multiline label="Anteckning" value={'rad ett\nrad två'} onChange={() => undefined} />);
    const input = screen.getByRole('textbox', { name: 'Anteckning' });
    expect(input.tagName).toBe('TEXTAREA');
    expect((input as HTMLTextAreaElement).value).toBe('rad ett\nrad två');
  });

  it('ties its label to the input', () => {
    render(<TextInput label="Sök" value="export" onChange={() => undefined} />);
    const input = screen.getByLabelText('Sök');
    expect(input.tagName).toBe('INPUT');
    expect((input as HTMLInputElement).value).toBe('export');
    expect(screen.getByRole('textbox', { name: 'Sök' })).toBe(input);
  });

  it('describes the input with its hint', () => {
    render(<TextInput label="Organisationsnummer" hint="Tio siffror, till exempel 556677-8899" value="" onChange={() => undefined} />);
    const input = screen.getByLabelText('Organisationsnummer');
    expect(referencedTexts(input, 'aria-describedby')).toEqual(['Tio siffror, till exempel 556677-8899']);
  });

  it('has no description and is valid without hint or error', () => {
    render(<TextInput label="Namn" value="" onChange={() => undefined} />);
    const input = screen.getByLabelText('Namn');
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(input.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('shows the error, marks the input invalid and describes the input with the error', () => {
    render(<TextInput label="E-post" hint="Den du nås på" error="Inte en giltig e-postadress." value="anna@" onChange={() => undefined} />);
    const input = screen.getByLabelText('E-post');
    expect(screen.getByText('Inte en giltig e-postadress.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const descriptions = referencedTexts(input, 'aria-describedby');
    expect(descriptions).toContain('Den du nås på');
    expect(descriptions).toContain('Inte en giltig e-postadress.');
  });

  it('shows no error text while there is no error', () => {
    render(<TextInput label="E-post" value="anna@example.se" onChange={() => undefined} />);
    expect(screen.queryByText('Inte en giltig e-postadress.')).toBeNull();
  });

  it('calls onChange with each value typed', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<ControlledText onChange={onChange} />);
    const input = screen.getByLabelText('Organisationsnamn') as HTMLInputElement;
    await user.type(input, 'Åre AB');
    expect(onChange).toHaveBeenCalledTimes(6);
    expect(onChange).toHaveBeenNthCalledWith(1, 'Å');
    expect(onChange).toHaveBeenLastCalledWith('Åre AB');
    expect(input.value).toBe('Åre AB');
  });

  it('calls onChange even when the value is held by the caller', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<TextInput label="Sök" value="" onChange={onChange} />);
    await user.type(screen.getByLabelText('Sök'), 'x');
    expect(onChange).toHaveBeenCalledWith('x');
  });

  it('uses the input type and name given', () => {
    render(<TextInput label="Sista ansökningsdag" type="date" name="deadline" value="2027-01-15" onChange={() => undefined} />);
    const input = screen.getByLabelText('Sista ansökningsdag') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.name).toBe('deadline');
  });
});

describe('ChoiceInput', () => {
  const choices: Choice[] = [
    { id: '', label: 'Alla' },
    { id: 'COURSE', label: 'Kurs' },
    { id: 'GRANT', label: 'Bidrag' },
  ];

  it('shows the chosen entry on its labelled button', () => {
    render(<ChoiceInput label="Typ av insats" choices={choices} value="GRANT" onChange={() => undefined} />);
    const button = screen.getByRole('button', { name: /Typ av insats/ });
    expect(button.textContent).toContain('Bidrag');
  });

  it('calls onChange with the id of the entry picked', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<ChoiceInput label="Typ av insats" choices={choices} value="" onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: /Typ av insats/ }));
    await user.click(await screen.findByRole('option', { name: 'Kurs' }));
    expect(onChange).toHaveBeenCalledWith('COURSE');
  });

  it('shows its error and marks the choice invalid', () => {
    const { container } = render(<ChoiceInput label="Kommun" choices={choices} value="" onChange={() => undefined} error="Välj en kommun." />);
    expect(screen.getByText('Välj en kommun.')).toBeTruthy();
    expect(container.querySelector('.field')?.hasAttribute('data-invalid')).toBe(true);
  });

  it('is not marked invalid without an error', () => {
    const { container } = render(<ChoiceInput label="Kommun" choices={choices} value="" onChange={() => undefined} />);
    expect(container.querySelector('.field')?.hasAttribute('data-invalid')).toBe(false);
  });
});

describe('ChoicesInput', () => {
  const needs: Choice[] = [
    { id: 'EXPORT', label: 'Export' },
    { id: 'RECRUITMENT', label: 'Rekrytering' },
  ];

  function ControlledChoices(props: { onChange(value: string[]): void }) {
    const [value, setValue] = useState<string[]>(['EXPORT']);
    return (
      <ChoicesInput
        label="Behov"
        choices={needs}
        value={value}
        onChange={(next) => {
          setValue(next);
          props.onChange(next);
        }}
      />
    );
  }

  it('is a group named by its label, with a checkbox per choice showing what is chosen', () => {
    render(<ChoicesInput label="Behov" choices={needs} value={['RECRUITMENT']} onChange={() => undefined} />);
    const group = screen.getByRole('group', { name: 'Behov' });
    expect(group).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Export' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Rekrytering' }) as HTMLInputElement).checked).toBe(true);
  });

  it('adds and removes choices', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<ControlledChoices onChange={onChange} />);
    await user.click(screen.getByRole('checkbox', { name: 'Rekrytering' }));
    expect(onChange).toHaveBeenLastCalledWith(['EXPORT', 'RECRUITMENT']);
    await user.click(screen.getByRole('checkbox', { name: 'Export' }));
    expect(onChange).toHaveBeenLastCalledWith(['RECRUITMENT']);
  });

  it('shows its error and marks the group invalid', () => {
    const { container } = render(<ChoicesInput label="Behov" choices={needs} value={[]} onChange={() => undefined} error="Fyll i detta." />);
    expect(screen.getByText('Fyll i detta.')).toBeTruthy();
    expect(container.querySelector('.field')?.hasAttribute('data-invalid')).toBe(true);
  });
});
