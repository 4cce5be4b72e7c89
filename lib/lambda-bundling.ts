import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every function of the auditor is bundled, with local esbuild (no Docker): ESM, minified,
 * with source maps, and with the AWS SDK inside the bundle. aws-cdk-lib marks `@aws-sdk/*`
 * external by default for Node.js 18+ runtimes (the runtime's own SDK copy, whose version is the
 * runtime's choice); `externalModules: []` bundles the SDK version the tests ran with instead.
 * Code that only some steps need is loaded with `import()` where it is used.
 */
export const AUDIT_BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  // ESM output: give bundled CommonJS dependencies a `require`.
  banner: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
  externalModules: [],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
};
