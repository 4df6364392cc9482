/** Ask the environment who signs in for it: GET /api/data/v9.2/ without a token → 401 + challenge (deploy.md §1). */
import { parseChallenge, type Challenge } from '../core/challenge';
import type { Environment } from '../core/environment';
import { DeployError, EXIT } from '../exit-codes';
import type { Fetch } from '../auth/network';

/** The environment's sign-in challenge; a usage error when it answers none (not a Dataverse environment). */
export async function readChallenge(environment: Environment, fetchFn: Fetch): Promise<Challenge> {
    let response: Response;
    try {
        response = await fetchFn(`${environment.origin}/api/data/v9.2/`, { headers: { Accept: 'application/json' } });
    } catch {
        throw new DeployError(
            EXIT.usage,
            `${environment.origin} did not answer.`,
            'Check the --env address and your network.',
        );
    }
    await response.text().catch(() => '');
    const challenge = response.status === 401 ? parseChallenge(response.headers.get('WWW-Authenticate')) : undefined;
    if (!challenge)
        throw new DeployError(
            EXIT.usage,
            `${environment.origin} answered ${response.status} without a sign-in challenge: it does not look like a Dataverse environment.`,
            'Use the environment URL from the Power Platform admin center (Environment URL), or pass --tenant.',
        );
    return challenge;
}
