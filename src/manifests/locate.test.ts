import { describe, it, expect } from '@jest/globals';
import type { FieldPath } from '../core/revision.js';
import { formatPath, pointerToPath } from './paths.js';
import { parseYamlFile } from './yaml-file.js';

const text = [
  'apiVersion: apps/v1', // 1
  'kind: Deployment', // 2
  'metadata:', // 3
  '  name: web', // 4
  '  labels: { app.kubernetes.io/name: web }', // 5
  'spec:', // 6
  '  replicas: two', // 7
  '  template:', // 8
  '    spec:', // 9
  '      containers:', // 10
  '        - name: web', // 11
  '          image: busybox', // 12
  '          args: [a, b]', // 13
  '        - name: side', // 14
  '          env:', // 15
  '            -   name: X', // 16
  '  empty:', // 17
  '',
].join('\n');

function parsed() {
  const { docs, problems } = parseYamlFile('apps/web.yaml', text);
  expect(problems).toEqual([]);
  const doc = docs[0];
  if (doc === undefined) throw new Error('no document');
  return doc.locator;
}

describe('DocumentLocator.locate: value on its key line, else the key', () => {
  it.each<[FieldPath, number, number]>([
    [[], 1, 1],
    [['kind'], 2, 7],
    [['metadata'], 3, 1], // a block mapping: its key
    [['metadata', 'name'], 4, 9],
    [['metadata', 'labels'], 5, 11], // a flow mapping sits on the key line
    [['metadata', 'labels', 'app.kubernetes.io/name'], 5, 37],
    [['spec', 'replicas'], 7, 13],
    [['spec', 'template', 'spec', 'containers'], 10, 7],
    [['spec', 'template', 'spec', 'containers', 0], 11, 11],
    [['spec', 'template', 'spec', 'containers', 0, 'image'], 12, 18],
    [['spec', 'template', 'spec', 'containers', 0, 'args', 1], 13, 21],
    [['spec', 'template', 'spec', 'containers', 1, 'env', 0, 'name'], 16, 23],
    [['spec', 'empty'], 17, 3], // a key without a value: the key
    // not written: the nearest written parent
    [['spec', 'template', 'spec', 'containers', 0, 'ports'], 11, 11],
    [['spec', 'selector'], 6, 1],
    [['spec', 'template', 'spec', 'containers', 5], 10, 7],
  ])('%j → %i:%i', (path, line, column) => {
    expect(parsed().locate(path)).toEqual({ file: 'apps/web.yaml', line, column });
  });

  it('locateKey points at the key itself', () => {
    expect(parsed().locateKey(['spec', 'replicas'])).toEqual({ file: 'apps/web.yaml', line: 7, column: 3 });
  });

  it('follows aliases to their anchors', () => {
    const { docs } = parseYamlFile('a.yaml', 'base: &b\n  x: 1\nuse: *b\n');
    expect(docs[0]?.locator.locate(['use', 'x'])).toEqual({ file: 'a.yaml', line: 2, column: 6 });
  });
});

describe('paths', () => {
  it.each<[FieldPath, string]>([
    [['spec', 'template', 'spec', 'containers', 0, 'imagee'], 'spec.template.spec.containers[0].imagee'],
    [['metadata', 'labels', 'app.kubernetes.io/name'], 'metadata.labels["app.kubernetes.io/name"]'],
    [['spec', 'resources', 'limits', 'ephemeral-storage'], 'spec.resources.limits.ephemeral-storage'],
    [[], ''],
  ])('formatPath(%j) = %p', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });

  it('pointerToPath keeps map keys that look like numbers as strings', () => {
    const data = { data: { '0': 'x' }, list: [{ 'a/b': 1 }] };
    expect(pointerToPath('/data/0', data)).toEqual(['data', '0']);
    expect(pointerToPath('/list/0/a~1b', data)).toEqual(['list', 0, 'a/b']);
  });
});
