// The target taxonomy as a searchable tree of radio buttons: typing narrows it to the matching targets with
// their parents for context, and any level may be chosen (a parent when the report says no more). Native radio
// buttons keep it usable with a keyboard and a screen reader.

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterTree, pathOf } from '../draft.js';
import type { TaxonomyNode } from '../types.js';

function Branch({
  nodes,
  name,
  value,
  onChange,
}: {
  readonly nodes: readonly TaxonomyNode[];
  readonly name: string;
  readonly value: string;
  readonly onChange: (code: string) => void;
}) {
  return (
    <ul className="tree">
      {nodes.map((node) => (
        <li key={node.code}>
          <label>
            <input
              type="radio"
              name={name}
              value={node.code}
              checked={value === node.code}
              onChange={() => {
                onChange(node.code);
              }}
            />{' '}
            {node.label} <code className="small muted">{node.code}</code>
          </label>
          {node.children.length > 0 && (
            <Branch nodes={node.children} name={name} value={value} onChange={onChange} />
          )}
        </li>
      ))}
    </ul>
  );
}

export function TaxonomyTree({
  nodes,
  value,
  onChange,
  error,
}: {
  readonly nodes: readonly TaxonomyNode[];
  readonly value: string;
  readonly onChange: (code: string) => void;
  readonly error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const name = useId();
  const shown = filterTree(nodes, query);
  const path = value ? pathOf(nodes, value) : [];
  return (
    <fieldset className="taxonomy" data-testid="taxonomy">
      <legend>{t('report.target')}</legend>
      <p className="small" aria-live="polite" data-testid="chosen-target">
        {value ? t('report.chosen', { path: path.join(' › ') || value }) : t('report.noTarget')}
      </p>
      <label className="search">
        <span>{t('report.searchTargets')}</span>
        <input
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
          }}
        />
      </label>
      <div className="tree-scroll">
        <label>
          <input
            type="radio"
            name={name}
            value=""
            checked={value === ''}
            onChange={() => {
              onChange('');
            }}
          />{' '}
          {t('report.unknownTarget')}
        </label>
        {shown.length === 0 ? (
          <p className="muted small">{t('report.noMatch')}</p>
        ) : (
          <Branch nodes={shown} name={name} value={value} onChange={onChange} />
        )}
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
