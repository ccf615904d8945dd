/** CloudWatch alarms (`-c alarms`, on in production) in the synthesized stack. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notesTable } from '../api/notes/table.ts';
import { serverErrorRateThreshold } from './alarms.ts';
import { defaultStackOptions, stackOptions } from './options.ts';
import {
  propertiesOf,
  referencedIds,
  resourcesOf,
  synthesizeNotesStack,
  synthesizeWithContext,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

let production: Synthesized;
before(() => {
  production = synthesizeWithContext({ profile: 'production', alarmEmail: 'ops@example.com' });
});
after(() => production.dispose());

const alarms = (synth: Synthesized) =>
  Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).map(propertiesOf);

function topicId(): string {
  const topics = Object.keys(resourcesOf(production.template, 'AWS::SNS::Topic'));
  assert.equal(topics.length, 1, 'one alarm topic');
  return topics[0]!;
}

/** The alarms on one metric (by name and one dimension's referenced resource). */
function alarmsOn(metricName: string, dimension: string, resourceId: string): Json[] {
  return alarms(production).filter(
    (alarm) =>
      alarm['MetricName'] === metricName &&
      (alarm['Dimensions'] as Json[]).some(
        (d) => d['Name'] === dimension && referencedIds(d['Value']).has(resourceId),
      ),
  );
}

function assertNotifies(alarm: Json): void {
  assert.ok(referencedIds(alarm['AlarmActions']).has(topicId()), 'alarm goes to the topic');
  assert.ok(referencedIds(alarm['OKActions']).has(topicId()), 'and so does its recovery');
  assert.equal(alarm['TreatMissingData'], 'notBreaching');
  assert.equal(alarm['EvaluationPeriods'], 1);
  assert.equal(alarm['ComparisonOperator'], 'GreaterThanThreshold');
}

/** Metric math alarms: their metrics by id. */
function mathMetrics(alarm: Json): Map<string, Json> {
  const metrics = new Map<string, Json>();
  for (const query of alarm['Metrics'] as Json[])
    if (query['MetricStat'])
      metrics.set(String(query['Id']), (query['MetricStat'] as Json)['Metric'] as Json);
  return metrics;
}

function expressionOf(alarm: Json): string {
  return String((alarm['Metrics'] as Json[]).find((query) => query['Expression'])!['Expression']);
}

describe('alarms (-c alarms; on in production)', () => {
  it('are off by default, on in production, implied by an email, and refuse a bad address', () => {
    assert.equal(defaultStackOptions.alarms, false);
    assert.equal(stackOptions((name) => ({ profile: 'production' })[name]).alarms, true);
    const read = (context: Record<string, string>) => stackOptions((name) => context[name]);
    assert.equal(read({ alarmEmail: 'ops@example.com' }).alarms, true);
    assert.equal(read({ profile: 'production', alarms: 'false' }).alarms, false);
    assert.throws(() => read({ alarmEmail: 'ops' }), /-c alarmEmail=ops: expected an email/);
    assert.equal(alarms(synthesizeNotesStack()).length, 0, 'the default stack has none');
  });

  it('send to one SNS topic that takes TLS only, with the email subscribed', () => {
    const topic = topicId();
    const subscriptions = Object.values(
      resourcesOf(production.template, 'AWS::SNS::Subscription'),
    ).map(propertiesOf);
    assert.deepEqual(
      subscriptions.map((s) => [s['Protocol'], s['Endpoint']]),
      [['email', 'ops@example.com']],
    );
    assert.ok(referencedIds(subscriptions[0]!['TopicArn']).has(topic));
    const policies = Object.values(resourcesOf(production.template, 'AWS::SNS::TopicPolicy'))
      .map(propertiesOf)
      .filter((policy) => referencedIds(policy['Topics']).has(topic));
    const statements = policies.flatMap(
      (policy) => (policy['PolicyDocument'] as { Statement: Json[] }).Statement,
    );
    assert.ok(
      statements.some(
        (s) =>
          s['Effect'] === 'Deny' &&
          JSON.stringify(s['Condition']) ===
            JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      ),
      'publishing without TLS is denied',
    );
  });

  it('watch every function of ours for errors and for throttles', () => {
    const functions = Object.entries(resourcesOf(production.template, 'AWS::Lambda::Function'))
      .filter(([, fn]) => String(propertiesOf(fn)['Description'] ?? '').includes('#'))
      .map(([id]) => id);
    assert.ok(functions.length >= 15, `our functions: ${functions.length}`);
    for (const id of functions)
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarmsOn(metric, 'FunctionName', id);
        assert.equal(found.length, 1, `${metric} alarm for ${id}`);
        const alarm = found[0]!;
        assert.equal(alarm['Namespace'], 'AWS/Lambda');
        assert.equal(alarm['Statistic'], 'Sum');
        assert.equal(alarm['Period'], 300);
        assert.equal(alarm['Threshold'], 0);
        assertNotifies(alarm);
      }
  });

  it('watch the 5xx rate of the REST API and of the HTTP API (errors over requests)', () => {
    const [restApi] = Object.keys(resourcesOf(production.template, 'AWS::ApiGateway::RestApi'));
    const [httpApi] = Object.keys(resourcesOf(production.template, 'AWS::ApiGatewayV2::Api'));
    const rateAlarms = alarms(production).filter((alarm) => alarm['Metrics']);
    const rest = rateAlarms.filter((alarm) =>
      [...mathMetrics(alarm).values()].some(
        (m) => m['Namespace'] === 'AWS/ApiGateway' && JSON.stringify(m).includes('ApiName'),
      ),
    );
    const http = rateAlarms.filter((alarm) =>
      [...mathMetrics(alarm).values()].some((m) => referencedIds(m['Dimensions']).has(httpApi!)),
    );
    for (const [found, errors] of [
      [rest, '5XXError'],
      [http, '5xx'],
    ] as const) {
      assert.equal(found.length, 1, `one ${errors} rate alarm`);
      const alarm = found[0]!;
      const metrics = mathMetrics(alarm);
      assert.equal(metrics.get('errors')!['MetricName'], errors);
      assert.equal(metrics.get('requests')!['MetricName'], 'Count');
      assert.equal(expressionOf(alarm), 'IF(requests > 0, errors / requests, 0)');
      assert.equal(alarm['Threshold'], serverErrorRateThreshold);
      assertNotifies(alarm);
    }
    assert.ok(restApi);
    const restName = (mathMetrics(rest[0]!).get('errors')!['Dimensions'] as Json[])[0]!;
    assert.equal(restName['Name'], 'ApiName');
    assert.equal(restName['Value'], 'notes-api');
  });

  it('watch DynamoDB read and write throttling on the table and on its byLastChange index', () => {
    const [table] = Object.keys(resourcesOf(production.template, 'AWS::DynamoDB::Table'));
    const throttles = alarms(production).filter(
      (alarm) =>
        alarm['Metrics'] &&
        [...mathMetrics(alarm).values()].some((m) => m['Namespace'] === 'AWS/DynamoDB'),
    );
    assert.equal(throttles.length, 2);
    const scopes = throttles.map((alarm) => {
      const metrics = mathMetrics(alarm);
      assert.deepEqual(
        [metrics.get('reads')!['MetricName'], metrics.get('writes')!['MetricName']],
        ['ReadThrottleEvents', 'WriteThrottleEvents'],
      );
      assert.equal(expressionOf(alarm), 'FILL(reads, 0) + FILL(writes, 0)');
      assertNotifies(alarm);
      const dimensions = metrics.get('reads')!['Dimensions'] as Json[];
      assert.ok(referencedIds(dimensions).has(table!));
      return dimensions.find((d) => d['Name'] === 'GlobalSecondaryIndexName')?.['Value'] ?? 'table';
    });
    assert.deepEqual(scopes.sort(), [notesTable.byLastChange.name, 'table'].sort());
  });
});
