/**
 * CloudWatch alarms on what breaks first in this stack, all sent to one SNS topic (with an
 * optional email subscription): each function's errors and throttles, the 5xx rate of both
 * APIs, and DynamoDB throttling on the table and its index. A stack option (`-c alarms=true`,
 * on by default in the production profile); `infra/README.md` lists what each costs.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Apis } from './api.ts';

/** Every alarm looks at five-minute periods. */
export const alarmPeriod = Duration.minutes(5);

/** An API alarms when more than this share of its requests in a period answer 5xx. */
export const serverErrorRateThreshold = 0.01;

export interface AlarmsProps {
  readonly functions: readonly LambdaFunction[];
  readonly apis: Apis;
  readonly table: ITable;
  /** Global secondary indexes of the table, by name (each has its own throttling). */
  readonly indexNames: readonly string[];
  /** Subscribed to the topic (the recipient confirms by email). */
  readonly email?: string | undefined;
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Notes alarms',
      // Publishing only over TLS (cdk-nag AwsSolutions-SNS3).
      enforceSSL: true,
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications hold alarm names and metric values, nothing secret; CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed key would cost US$ 1 a month for this',
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.add(`${name}Errors`, fn.metricErrors({ period: alarmPeriod, statistic: 'Sum' }), {
        description: `${name} (${fn.node.path}): invocations ended in an error (a 500, a failing authorizer or trigger)`,
      });
      this.add(`${name}Throttles`, fn.metricThrottles({ period: alarmPeriod, statistic: 'Sum' }), {
        description: `${name}: invocations throttled (account or function concurrency reached)`,
      });
    }

    const gateways = [
      ['RestApi', 'REST API', props.apis.restApi],
      ['HttpApi', 'HTTP API', props.apis.httpApi],
    ] as const;
    for (const [id, label, api] of gateways)
      this.add(
        `${id}5xxRate`,
        errorRate(
          api.metricServerError({ period: alarmPeriod, statistic: 'Sum' }),
          api.metricCount({ period: alarmPeriod, statistic: 'Sum' }),
        ),
        {
          threshold: serverErrorRateThreshold,
          description: `${label}: more than ${serverErrorRateThreshold * 100} % of requests answered 5xx`,
        },
      );

    this.add('TableThrottles', throttleEvents(props.table.tableName), {
      description: 'DynamoDB: reads or writes on the Notes table were throttled',
    });
    for (const index of props.indexNames)
      this.add(`${index}Throttles`, throttleEvents(props.table.tableName, index), {
        description: `DynamoDB: reads or writes on the ${index} index were throttled`,
      });
  }

  /** An alarm when the metric exceeds `threshold` (default 0) in one period; no data is fine. */
  private add(
    id: string,
    metric: IMetric,
    options: { readonly description: string; readonly threshold?: number },
  ): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold ?? 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No traffic means no errors, not an unknown state.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

/** Errors per request in each period (0 when there were no requests). */
function errorRate(errors: IMetric, requests: IMetric): MathExpression {
  return new MathExpression({
    expression: 'IF(requests > 0, errors / requests, 0)',
    usingMetrics: { errors, requests },
    period: alarmPeriod,
    label: '5xx rate',
  });
}

/** Read plus write throttle events of the table, or of one of its global secondary indexes. */
function throttleEvents(tableName: string, indexName?: string): MathExpression {
  const metric = (metricName: string) =>
    new Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: {
        TableName: tableName,
        ...(indexName ? { GlobalSecondaryIndexName: indexName } : {}),
      },
      statistic: 'Sum',
      period: alarmPeriod,
    });
  return new MathExpression({
    expression: 'FILL(reads, 0) + FILL(writes, 0)',
    usingMetrics: { reads: metric('ReadThrottleEvents'), writes: metric('WriteThrottleEvents') },
    period: alarmPeriod,
    label: 'throttle events',
  });
}
