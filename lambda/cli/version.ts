import packageJson from '../../package.json';

/** The auditor's version, from package.json (bundled at build time). */
export const VERSION: string = packageJson.version;
