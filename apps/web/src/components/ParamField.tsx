'use client';
// One parameter input generated from its schema field: label, description, slider where the range suits one, and the
// validation message tied to the input for screen readers.
import type { ReactNode } from 'react';
import type { ParamField as Field } from '@hw3/core';

interface Props {
  field: Field;
  text: string;
  error: string | undefined;
  onChange(text: string): void;
}

/** Log sliders for wide positive ranges, linear ones for small ranges; none when the range is unbounded or huge. */
function sliderOf(field: Field): { log: boolean; min: number; max: number } | undefined {
  if (field.type !== 'integer' && field.type !== 'number') return undefined;
  const { minimum: min, maximum: max } = field;
  if (min === undefined || max === undefined || !(max > min)) return undefined;
  if (min > 0 && max / min >= 100) return { log: true, min, max };
  if (max - min <= 10_000) return { log: false, min, max };
  return undefined;
}

const STEPS = 1000;

export function ParamField({ field, text, error, onChange }: Props) {
  const id = `param-${field.name}`;
  const describedBy = `${id}-desc${error ? ` ${id}-error` : ''}`;
  const slider = sliderOf(field);
  const current = Number(text);
  let input: ReactNode;
  if (field.type === 'boolean') {
    input = (
      <input id={id} name={field.name} type="checkbox" checked={/^(true|1|yes|on)$/i.test(text)} onChange={(e) => onChange(String(e.target.checked))} aria-describedby={describedBy} />
    );
  } else if (field.type === 'enum') {
    input = (
      <select id={id} name={field.name} value={text} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>{o}</option>
        ))}
      </select>
    );
  } else {
    input = (
      <input
        id={id}
        name={field.name}
        type="text"
        inputMode={field.type === 'integer' ? 'numeric' : field.type === 'number' ? 'decimal' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
    );
  }
  const toSlider = (v: number) => (slider!.log ? Math.round((Math.log(v / slider!.min) / Math.log(slider!.max / slider!.min)) * STEPS) : v);
  const fromSlider = (s: number) => {
    if (!slider!.log) return s;
    const v = slider!.min * (slider!.max / slider!.min) ** (s / STEPS);
    return field.type === 'integer' ? Math.round(v) : Number(v.toPrecision(3));
  };
  const bounds = [field.minimum !== undefined ? `min ${field.minimum}` : '', field.maximum !== undefined ? `max ${field.maximum}` : ''].filter(Boolean).join(', ');
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        <code>{field.name}</code> <span className="desc" id={`${id}-desc`}>{field.description}{bounds && ` (${bounds})`}</span>
      </label>
      <div className="field-input">
        {input}
        {slider && (
          <input
            type="range"
            aria-label={`${field.name} slider${slider.log ? ' (logarithmic)' : ''}`}
            aria-valuetext={text}
            min={slider.log ? 0 : slider.min}
            max={slider.log ? STEPS : slider.max}
            step={slider.log || field.type === 'integer' ? 1 : 'any'}
            value={Number.isFinite(current) ? Math.min(Math.max(toSlider(Math.max(current, slider.min)), slider.log ? 0 : slider.min), slider.log ? STEPS : slider.max) : 0}
            onChange={(e) => onChange(String(fromSlider(Number(e.target.value))))}
          />
        )}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
