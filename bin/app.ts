#!/usr/bin/env node
/**
 * The CDK app: reads the configuration from context and builds the one stack, checked against
 * cdk-nag's AwsSolutions rules. A configuration error is printed as one line and stops the synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, readConfig, type AuditorConfig, type ConfigKey } from '../lib/config';
import { OrgTrailAuditorStack, STACK_NAME } from '../lib/org-trail-auditor-stack';

const app = new App();

function configFromContext(): AuditorConfig {
  try {
    return readConfig((key: ConfigKey) => app.node.tryGetContext(key), Object.keys(app.node.getAllContext()));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

new OrgTrailAuditorStack(app, STACK_NAME, { config: configFromContext() });
// cdk-nag's AwsSolutions rules: an unacknowledged violation fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
