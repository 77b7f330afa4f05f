// The vocabularies: a parent target covers its children, `strike` covers its kinds, acts imply domains.

import { describe, expect, it } from 'vitest';
import {
  actCovers,
  ACTS,
  defaultDomain,
  isAct,
  isTargetCode,
  TARGET_CODES,
  targetCovers,
  targetLabel,
  targetTree,
  type Act,
  type Domain,
  type TaxonomyNode,
} from './taxonomy.js';

describe('targetCovers', () => {
  it('lets a parent cover its child', () => {
    expect(targetCovers('infrastructure.energy', 'infrastructure.energy.substation')).toBe(true);
  });

  it('lets a root cover a grandchild', () => {
    expect(targetCovers('infrastructure', 'infrastructure.energy.pipeline.gas-metering')).toBe(true);
  });

  it('lets a code cover itself', () => {
    expect(targetCovers('infrastructure.energy', 'infrastructure.energy')).toBe(true);
  });

  it('does not let a child cover its parent', () => {
    expect(targetCovers('infrastructure.energy.substation', 'infrastructure.energy')).toBe(false);
  });

  it('does not let a code cover another that merely starts with the same letters', () => {
    expect(targetCovers('infrastructure.energy', 'infrastructure.energyx')).toBe(false);
  });

  it('does not let a sibling cover a sibling', () => {
    expect(targetCovers('infrastructure.energy', 'infrastructure.transport.rail')).toBe(false);
  });
});

describe('isTargetCode and targetLabel', () => {
  it('knows a code of the taxonomy', () => {
    expect(isTargetCode('infrastructure.energy.hydro-dam')).toBe(true);
  });

  it('does not know a code outside the taxonomy', () => {
    expect(isTargetCode('infrastructure.energy.windmill')).toBe(false);
  });

  it('labels a code in English', () => {
    expect(targetLabel('infrastructure.energy.substation')).toBe('Electrical substation');
  });
});

describe('actCovers', () => {
  it.each<Act>(['air-strike', 'drone-strike', 'missile-strike', 'shelling'])(
    'lets strike cover %s',
    (act) => {
      expect(actCovers('strike', act)).toBe(true);
    },
  );

  it('lets an act cover itself', () => {
    expect(actCovers('drone-strike', 'drone-strike')).toBe(true);
  });

  it('does not let drone-strike cover strike', () => {
    expect(actCovers('drone-strike', 'strike')).toBe(false);
  });

  it('does not let one kind of strike cover another', () => {
    expect(actCovers('drone-strike', 'missile-strike')).toBe(false);
  });

  it('does not count an interception as a strike', () => {
    expect(actCovers('strike', 'interception')).toBe(false);
  });

  it('does not count a ground assault as a strike', () => {
    expect(actCovers('strike', 'ground-assault')).toBe(false);
  });
});

describe('isAct', () => {
  it('knows every listed act', () => {
    expect(ACTS.every(isAct)).toBe(true);
  });

  it('does not mistake an inherited object property for an act', () => {
    expect(isAct('toString')).toBe(false);
  });
});

describe('defaultDomain', () => {
  it.each<[Act, Domain | null]>([
    ['air-strike', 'air'],
    ['drone-strike', 'air'],
    ['missile-strike', 'air'],
    ['interception', 'air'],
    ['shelling', 'ground'],
    ['ground-assault', 'ground'],
    ['naval-attack', 'sea'],
    ['strike', null],
    ['sabotage', null],
    ['other', null],
  ])('puts %s in %s', (act, domain) => {
    expect(defaultDomain(act)).toBe(domain);
  });
});

describe('targetTree', () => {
  function flatten(nodes: readonly TaxonomyNode[]): TaxonomyNode[] {
    return nodes.flatMap((node) => [node, ...flatten(node.children)]);
  }

  it('holds every code exactly once', () => {
    const codes = flatten(targetTree()).map((n) => n.code);
    expect(codes).toHaveLength(TARGET_CODES.length);
    expect(new Set(codes)).toEqual(new Set(TARGET_CODES));
  });

  it('has the three roots at the top', () => {
    expect(targetTree().map((n) => n.code)).toEqual(['infrastructure', 'civilian', 'military']);
  });

  it('puts every child directly under its parent', () => {
    for (const node of flatten(targetTree())) {
      for (const child of node.children) {
        expect(child.code.slice(0, child.code.lastIndexOf('.'))).toBe(node.code);
      }
    }
  });

  it('nests a third level: gas metering under pipelines', () => {
    const energy = targetTree()[0]?.children.find((n) => n.code === 'infrastructure.energy');
    const pipeline = energy?.children.find((n) => n.code === 'infrastructure.energy.pipeline');
    expect(pipeline?.children.map((n) => n.code)).toEqual(['infrastructure.energy.pipeline.gas-metering']);
  });

  it('labels each node as targetLabel does', () => {
    for (const node of flatten(targetTree())) {
      expect(isTargetCode(node.code) && targetLabel(node.code)).toBe(node.label);
    }
  });
});
