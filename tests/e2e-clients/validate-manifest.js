// Validates Teams app manifests against the official schema offline, with @microsoft/app-manifest: it maps the
// manifest's $schema address to the schema file bundled in the package (no network).
// Usage: node validate-manifest.js <manifest.json> [...]. Prints [{ "file", "schema", "errors": [...] }]; exit 1 when
// any manifest has errors.
'use strict';
const fs = require('fs');
const path = require('path');
const { AppManifestUtils } = require('@microsoft/app-manifest');

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) { throw new Error('usage: node validate-manifest.js <manifest.json> [...]'); }
  const results = [];
  for (const file of files) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    const errors = await AppManifestUtils.validateAgainstSchema(manifest);
    const bundled = path.join(__dirname, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams',
      `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
    results.push({ file, schema: manifest.$schema, bundledSchemaExists: fs.existsSync(bundled), errors });
  }
  process.stdout.write(JSON.stringify(results));
  process.exitCode = results.some((result) => result.errors.length > 0) ? 1 : 0;
}

main().catch((error) => { console.error(error && error.stack || error); process.exitCode = 2; });
