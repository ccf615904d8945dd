import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { synthesizeNotesStack, synthesizeWithContext, type Synthesized } from './testing/synth.ts';

/** The deploy-time settings worth checking: as shipped, production, everything on, everything off. */
const contexts: Record<string, Record<string, string>> = {
  default: {},
  production: { profile: 'production' },
  hardened: {
    profile: 'production',
    featurePlan: 'PLUS',
    threatProtection: 'enforced',
    waf: 'true',
    siteDomain: 'notes.example.com',
    siteCertificateArn:
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
    geoAllowList: 'DE,FR',
    sesFromEmail: 'notes@example.com',
    executionLogLevel: 'INFO',
  },
  minimal: { accessLogs: 'false', tracing: 'false', executionLogLevel: 'OFF', featurePlan: 'LITE' },
};

const synths: Synthesized[] = [];
after(() => {
  for (const synth of synths) synth.dispose();
});

function synthesize(name: string): Synthesized {
  const synth =
    name === 'default' ? synthesizeNotesStack() : synthesizeWithContext(contexts[name]!);
  synths.push(synth);
  return synth;
}

/** Every acknowledgement in the tree: where, which rule, why. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
    }
  }
  return found;
}

for (const name of Object.keys(contexts)) {
  describe(`cdk-nag on the ${name} stack (${JSON.stringify(contexts[name])})`, () => {
    const synth = synthesize(name);

    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      it(`has no ${pack.readPackName} finding that is neither fixed nor acknowledged`, () => {
        const report = pack.validateScope(synth.stack);
        const findings = report.violations.flatMap((violation) =>
          violation.violatingResources.map(
            (resource) =>
              `${violation.ruleName} at ${resource.constructPath}: ${violation.description}`,
          ),
        );
        assert.deepEqual(findings, []);
        assert.equal(report.success, true);
      });
    }

    it('acknowledges each rule on the construct it is about, never on the stack or app, with a reason', () => {
      const acks = acknowledgements(synth.stack.node.root);
      assert.ok(acks.length > 0);
      for (const ack of acks) {
        assert.notEqual(ack.path, '', `${ack.id} acknowledged on the app`);
        assert.notEqual(
          ack.path,
          synth.stack.node.path,
          `${ack.id} acknowledged on the whole stack`,
        );
        assert.match(ack.id, /^(AwsSolutions|Serverless)-/);
        assert.ok(
          ack.reason.length >= 40,
          `${ack.id} at ${ack.path} needs a reason a reviewer accepts`,
        );
      }
    });
  });
}
