// The suite runs on the Node.js that package.json's engines names (Node.js 24 LTS, installed from
// the npm registry as the `node` devDependency, which npm scripts put first on PATH).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

describe('runtime', () => {
  it('is the Node.js major that engines and the node devDependency name', () => {
    const major = (version: string) => Number(/(\d+)\./.exec(version)?.[1]);
    expect(major(manifest.devDependencies.node)).toBe(major(manifest.engines.node));
    expect(major(process.version)).toBe(major(manifest.engines.node));
  });
});
