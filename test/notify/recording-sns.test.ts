import { KMSAccessDeniedException } from '@aws-sdk/client-sns';
import { SnsAlertPublisher } from '../../lambda/notify/alert-publisher';
import { findingAlertMessage } from '../../lambda/notify/finding-alert';
import { RecordingSns, SNS_ERRORS } from '../support/recording-sns';
import { due, EXAMPLE_FINDING } from './alert-examples';

describe('the recording SNS the alert tests publish to', () => {
  test('records what the real SDK serialized, attributes included', async () => {
    const sns = new RecordingSns();
    await new SnsAlertPublisher(sns.client, 'arn:aws:sns:us-east-1:111111111111:alerts').publish(findingAlertMessage(due(EXAMPLE_FINDING)));
    const [published] = sns.take();
    expect(published.topicArn).toBe('arn:aws:sns:us-east-1:111111111111:alerts');
    expect(published.messageStructure).toBe('json');
    expect(published.attributes.accountId).toEqual({ dataType: 'String', value: EXAMPLE_FINDING.accountId });
    expect(JSON.parse(published.message).email).toContain(EXAMPLE_FINDING.detail);
  });

  test('refuses with the SDK error SNS would send, and injected faults surface as their SNS exception', async () => {
    const sns = new RecordingSns();
    const publisher = new SnsAlertPublisher(sns.client, 'arn:aws:sns:us-east-1:111111111111:alerts');
    sns.failNext(1, SNS_ERRORS.kmsAccessDenied);
    await expect(publisher.publish(findingAlertMessage(due(EXAMPLE_FINDING)))).rejects.toBeInstanceOf(KMSAccessDeniedException);
    const tooBig = { ...findingAlertMessage(due(EXAMPLE_FINDING)), email: 'x'.repeat(262_144) };
    await expect(publisher.publish(tooBig)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(sns.refused).toEqual(['KMSAccessDenied', 'Invalid parameter: Message too long']);
    expect(sns.published).toHaveLength(0);
  });
});
