/**
 * Pre token generation trigger, event version 2: members of `admins` get the scope
 * `notes-api/admin` in their access token, which the HTTP API's JWT authorizer requires on the
 * administration routes. Nobody else's tokens change.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { groups, scopes } from '../pool.ts';

export const handler = async (
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> => {
  const memberOf = event.request.groupConfiguration.groupsToOverride ?? [];
  if (memberOf.includes(groups.admins.name))
    event.response.claimsAndScopeOverrideDetails = {
      accessTokenGeneration: { scopesToAdd: [scopes.admin] },
    };
  return event;
};
